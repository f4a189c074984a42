import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReportDefinitionView, ReportRunView } from "../../../contracts/reports";
import { api, type Page } from "../../app/api";

/** Query keys of 报表中心. */
export const reportKeys = {
  all: ["reports"] as const,
  list: ["reports", "list"] as const,
  runs: (page: number) => ["reports", "runs", page] as const,
};

export const useReports = () =>
  useQuery({ queryKey: reportKeys.list, queryFn: () => api.get<ReportDefinitionView[]>("/api/reports") });

export const useReportRuns = (page: number) =>
  useQuery({
    queryKey: reportKeys.runs(page),
    queryFn: () => api.get<Page<ReportRunView>>("/api/reports/runs", { page, pageSize: 10 }),
  });

export function useRunReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ key, params }: { key: string; params: Record<string, string> }) =>
      api.post<ReportRunView>(`/api/reports/${key}/runs`, { params }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["reports", "runs"] }),
  });
}

export const runFileUrl = (id: string) => `/api/reports/runs/${id}/file`;
