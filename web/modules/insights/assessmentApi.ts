import { type QueryClient, useQuery } from "@tanstack/react-query";
import type {
  AssessmentDisputeView,
  AssessmentMetric,
  ComputedValueView,
  RankingView,
  RoundSummary,
  RoundView,
} from "../../../contracts/assessment";
import { api, type Page } from "../../app/api";

/** Query keys of 考核评价: a round's data is keyed ["assessment", id, …] so one write refreshes it all. */
export const assessmentKeys = {
  list: ["assessment.list"] as const,
  round: (id: string) => ["assessment", id, "round"] as const,
  values: (id: string) => ["assessment", id, "values"] as const,
  disputes: (id: string) => ["assessment", id, "disputes"] as const,
  ranking: (id: string) => ["assessment", id, "ranking"] as const,
};

export function useRounds() {
  return useQuery({
    queryKey: assessmentKeys.list,
    queryFn: () => api.get<Page<RoundSummary>>("/api/assessment-rounds", { pageSize: 200 }),
  });
}

export function useRound(id: string) {
  return useQuery({
    queryKey: assessmentKeys.round(id),
    queryFn: () => api.get<RoundView>(`/api/assessment-rounds/${id}`),
  });
}

export function useValues(id: string) {
  return useQuery({
    queryKey: assessmentKeys.values(id),
    queryFn: () => api.get<ComputedValueView[]>(`/api/assessment-rounds/${id}/values`),
  });
}

export function useDisputes(id: string) {
  return useQuery({
    queryKey: assessmentKeys.disputes(id),
    queryFn: () => api.get<AssessmentDisputeView[]>(`/api/assessment-rounds/${id}/disputes`),
  });
}

export function useRanking(id: string, enabled: boolean) {
  return useQuery({
    queryKey: assessmentKeys.ranking(id),
    queryFn: () => api.get<RankingView>(`/api/assessment-rounds/${id}/ranking`),
    enabled,
  });
}

export async function refreshRound(qc: QueryClient, id: string) {
  await Promise.all([
    qc.invalidateQueries({ queryKey: ["assessment", id] }),
    qc.invalidateQueries({ queryKey: assessmentKeys.list }),
  ]);
}

/** Where the records behind a metric are kept: the owning module's list. */
export const METRIC_LIST_PATH: Record<AssessmentMetric, string> = {
  plan_tasks_on_time: "/plans",
  plan_reports_on_time: "/plans",
  named_vs_target: "/creation",
  zero_reports_on_time: "/disputes",
  service_requests_on_time: "/services/requests",
  activities_count: "/activities",
};

export function percent(v: ComputedValueView): string {
  if (v.ratio === null) return "无应计事项";
  return `${Math.round(v.ratio * 1000) / 10}%`;
}
