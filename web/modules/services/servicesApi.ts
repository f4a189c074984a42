import { type QueryClient, useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  DepartmentOption,
  fileView,
  GuideView,
  guideVersionView,
  liaisonView,
  meetingView,
  RequestDetail,
  RequestView,
  StatsView,
  serviceOptions,
  WindowView,
} from "../../../contracts/services";
import { api, type Page } from "../../app/api";

export type ServiceOptions = z.infer<typeof serviceOptions>;
export type LiaisonView = z.infer<typeof liaisonView>;
export type MeetingView = z.infer<typeof meetingView>;
export type FileView = z.infer<typeof fileView>;
export type GuideVersion = z.infer<typeof guideVersionView>;

/** Query keys of the 服务台 pages: a request's own data is ["services", "request", id, …]; every write refreshes ["services"]. */
export const serviceKeys = {
  all: ["services"] as const,
  options: ["services", "options"] as const,
  requests: (q: Record<string, unknown>) => ["services", "requests", q] as const,
  request: (id: string) => ["services", "request", id] as const,
  windows: ["services", "windows"] as const,
  departments: ["services", "departments"] as const,
  liaisons: ["services", "liaisons"] as const,
  meetings: ["services", "meetings"] as const,
  guides: ["services", "guides"] as const,
  guideVersions: (id: string) => ["services", "guides", id, "versions"] as const,
  files: (q: Record<string, unknown>) => ["services", "files", q] as const,
  stats: (q: Record<string, unknown>) => ["services", "stats", q] as const,
};

export type RequestFilters = {
  page: number;
  view: "window" | "department" | "all";
  status?: string;
  category?: string;
  overdue?: "true" | "false";
  /** In hand (not answered, declined or closed): the leaders' dashboard's figure. */
  open?: "true";
  regionCode?: string;
  phone?: string;
  /** Made from / to these days (the leaders' dashboard's month). */
  createdFrom?: string;
  createdTo?: string;
};

export const useServiceOptions = () =>
  useQuery({
    queryKey: serviceKeys.options,
    queryFn: () => api.get<ServiceOptions>("/api/services/options"),
    staleTime: 5 * 60_000,
  });

export const useRequests = (q: RequestFilters) =>
  useQuery({
    queryKey: serviceKeys.requests(q),
    queryFn: () => api.get<Page<RequestView>>("/api/services/requests", { ...q, pageSize: 20 }),
  });

export const useRequest = (id: string | undefined) =>
  useQuery({
    queryKey: serviceKeys.request(id ?? ""),
    queryFn: () => api.get<RequestDetail>(`/api/services/requests/${id}`),
    enabled: !!id,
  });

export const useWindows = () =>
  useQuery({ queryKey: serviceKeys.windows, queryFn: () => api.get<WindowView[]>("/api/services/windows") });
/** The departments a request may be referred to (the banner's and the levels above), by name. */
export const useDepartments = (enabled = true) =>
  useQuery({
    queryKey: serviceKeys.departments,
    queryFn: () => api.get<DepartmentOption[]>("/api/services/departments"),
    staleTime: 5 * 60_000,
    enabled,
  });
export const useLiaisons = () =>
  useQuery({ queryKey: serviceKeys.liaisons, queryFn: () => api.get<LiaisonView[]>("/api/services/liaisons") });
export const useMeetings = () =>
  useQuery({ queryKey: serviceKeys.meetings, queryFn: () => api.get<MeetingView[]>("/api/services/meetings") });
export const useGuides = () =>
  useQuery({ queryKey: serviceKeys.guides, queryFn: () => api.get<GuideView[]>("/api/services/guides") });
export const useGuideVersions = (id: string | null) =>
  useQuery({
    queryKey: serviceKeys.guideVersions(id ?? ""),
    queryFn: () => api.get<GuideVersion[]>(`/api/services/guides/${id}/versions`),
    enabled: !!id,
  });
export const useFiles = (q: { page: number; phone?: string }, enabled = true) =>
  useQuery({
    queryKey: serviceKeys.files(q),
    queryFn: () => api.get<Page<FileView>>("/api/services/files", { ...q, pageSize: 20 }),
    enabled,
  });

export const useServiceStats = (q: { region?: string; from?: string; to?: string }) =>
  useQuery({ queryKey: serviceKeys.stats(q), queryFn: () => api.get<StatsView>("/api/services/stats", q) });

/** After a write: every 服务台 view and the request's 操作记录. */
export async function refreshServices(qc: QueryClient, requestId?: string) {
  await Promise.all([
    qc.invalidateQueries({ queryKey: serviceKeys.all }),
    ...(requestId
      ? [qc.invalidateQueries({ queryKey: ["history", `/api/services/requests/${requestId}/history`] })]
      : []),
  ]);
}
