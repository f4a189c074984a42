import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { MessageView, NotifySettings } from "../../../contracts/notify";
import { api, type Page } from "../../app/api";

export type MessagePage = Page<MessageView> & { unread: number };
export type Delivery = {
  id: string;
  channel: string;
  adapter: string;
  subject: string;
  messageCount: number;
  status: "sent" | "failed";
  error: string | null;
  createdAt: string;
};

/** Query keys of 消息中心. */
export const notifyKeys = {
  all: ["messages"] as const,
  list: (q: { page: number; unread?: boolean; category?: string; source?: string }) => ["messages", "list", q] as const,
  unread: ["messages", "unread"] as const,
  settings: ["messages", "settings"] as const,
};

export function useMessages(q: {
  page: number;
  pageSize: number;
  unread?: boolean;
  category?: string;
  source?: string;
}) {
  return useQuery({
    queryKey: notifyKeys.list(q),
    queryFn: () => api.get<MessagePage>("/api/messages", q),
  });
}

/** The bell's count, refreshed every minute while the console is open. */
export function useUnread() {
  return useQuery({
    queryKey: notifyKeys.unread,
    queryFn: () => api.get<{ unread: number; overdue: number }>("/api/messages/unread"),
    refetchInterval: 60_000,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string | "all") =>
      id === "all" ? api.post("/api/messages/read-all") : api.post(`/api/messages/${id}/read`),
    onSuccess: () => qc.invalidateQueries({ queryKey: notifyKeys.all }),
  });
}

export function useNotifySettings() {
  return useQuery({
    queryKey: notifyKeys.settings,
    queryFn: () => api.get<NotifySettings & { deliveries: Delivery[] }>("/api/messages/settings"),
  });
}

export function useSaveNotifySettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (s: NotifySettings) => api.put<NotifySettings>("/api/messages/settings", s),
    onSuccess: () => qc.invalidateQueries({ queryKey: notifyKeys.settings }),
  });
}
