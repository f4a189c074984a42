import { type QueryClient, useQuery } from "@tanstack/react-query";
import type { BaseView, PageVersionView, ReportView, SessionView, StatsView } from "../../../contracts/bases";
import { api } from "../../app/api";

/** Query keys of the 教育基地 pages: a base's own data is keyed ["bases", id, …]. */
export const baseKeys = {
  list: ["bases.list"] as const,
  base: (id: string) => ["bases", id, "base"] as const,
  pages: (id: string) => ["bases", id, "pages"] as const,
  sessions: (id: string) => ["bases", id, "sessions"] as const,
  reports: (id: string) => ["bases", id, "reports"] as const,
  overview: (month: string) => ["bases.overview", month] as const,
  stats: (year: number) => ["bases.stats", year] as const,
};

export const useBase = (id: string) =>
  useQuery({ queryKey: baseKeys.base(id), queryFn: () => api.get<BaseView>(`/api/bases/${id}`) });
export const usePages = (id: string) =>
  useQuery({ queryKey: baseKeys.pages(id), queryFn: () => api.get<PageVersionView[]>(`/api/bases/${id}/pages`) });
export const useSessions = (id: string) =>
  useQuery({ queryKey: baseKeys.sessions(id), queryFn: () => api.get<SessionView[]>(`/api/bases/${id}/sessions`) });
export const useBaseReports = (id: string) =>
  useQuery({ queryKey: baseKeys.reports(id), queryFn: () => api.get<ReportView[]>(`/api/bases/${id}/reports`) });
export const useStats = (year: number) =>
  useQuery({ queryKey: baseKeys.stats(year), queryFn: () => api.get<StatsView>(`/api/bases/stats?year=${year}`) });

/** After a write on a base: everything keyed under it, and the lists that show it. */
export async function refreshBase(qc: QueryClient, id: string) {
  await Promise.all([
    qc.invalidateQueries({ queryKey: ["bases", id] }),
    qc.invalidateQueries({ queryKey: baseKeys.list }),
    qc.invalidateQueries({ queryKey: ["bases.overview"] }),
    qc.invalidateQueries({ queryKey: ["bases.stats"] }),
  ]);
}
