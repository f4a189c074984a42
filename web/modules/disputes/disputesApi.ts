import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App } from "antd";
import type {
  AlertView,
  CampaignView,
  CaseStats,
  CaseSummary,
  CaseView,
  ComplianceView,
  DeskView,
  EmergencyPlanView,
  EventView,
} from "../../../contracts/disputes";
import { api, type Page } from "../../app/api";

/** Query keys of the 风险防范 pages: every write refreshes ["disputes", …]. */
export const disputeKeys = {
  all: ["disputes"] as const,
  cases: (q: Record<string, unknown>) => ["disputes", "cases", q] as const,
  case: (id: string) => ["disputes", "case", id] as const,
  desk: (kind: string) => ["disputes", "desk", kind] as const,
  compliance: (region: string) => ["disputes", "compliance", region] as const,
  missing: (region: string, state: string) => ["disputes", "compliance-units", region, state] as const,
  alerts: (q: Record<string, unknown>) => ["disputes", "alerts", q] as const,
  campaigns: (page: number) => ["disputes", "campaigns", page] as const,
  campaign: (id: string, region?: string) => ["disputes", "campaign", id, region ?? ""] as const,
  reportUnits: ["disputes", "report-units"] as const,
  plans: (q: Record<string, unknown>) => ["disputes", "plans", q] as const,
  events: (q: Record<string, unknown>) => ["disputes", "events", q] as const,
  stats: (q: Record<string, unknown>) => ["disputes", "stats", q] as const,
};

export const useCases = (q: {
  page: number;
  riskLevel?: string;
  escalated?: boolean;
  open?: boolean;
  regionCode?: string;
  /** Occurred from / to these days (the leaders' dashboard's month). */
  from?: string;
  to?: string;
}) =>
  useQuery({
    queryKey: disputeKeys.cases(q),
    queryFn: () => api.get<Page<CaseSummary>>("/api/disputes/cases", { ...q, pageSize: 20 }),
  });

export const useCase = (id: string | null) =>
  useQuery({
    queryKey: disputeKeys.case(id ?? ""),
    queryFn: () => api.get<CaseView>(`/api/disputes/cases/${id}`),
    enabled: !!id,
  });

export const useDesk = (kind: "zero" | "quarterly") =>
  useQuery({
    queryKey: disputeKeys.desk(kind),
    queryFn: () => api.get<DeskView>("/api/disputes/reports/desk", { kind }),
  });

export const useCompliance = (regionCode: string) =>
  useQuery({
    queryKey: disputeKeys.compliance(regionCode),
    queryFn: () =>
      api.get<ComplianceView>("/api/disputes/compliance", regionCode ? { kind: "zero", regionCode } : { kind: "zero" }),
  });

export type ComplianceUnit = { orgId: string; orgName: string; regionName: string; periods: string[] };
export const useComplianceUnits = (regionCode: string, state: "missing" | "late") =>
  useQuery({
    queryKey: disputeKeys.missing(regionCode, state),
    queryFn: () =>
      api.get<ComplianceUnit[]>("/api/disputes/compliance/units", {
        kind: "zero",
        state,
        ...(regionCode ? { regionCode } : {}),
      }),
  });

export const useAlerts = (q: { page: number; open?: boolean }) =>
  useQuery({
    queryKey: disputeKeys.alerts(q),
    queryFn: () => api.get<Page<AlertView>>("/api/disputes/alerts", { ...q, pageSize: 20 }),
  });

export const useCampaigns = (page: number) =>
  useQuery({
    queryKey: disputeKeys.campaigns(page),
    queryFn: () => api.get<Page<CampaignView>>("/api/disputes/campaigns", { page, pageSize: 20 }),
  });

/** One campaign's completion, rolled up under `region` (the campaign's own region when absent). */
export const useCampaign = (id: string | null, region?: string) =>
  useQuery({
    queryKey: disputeKeys.campaign(id ?? "", region),
    queryFn: () => api.get<CampaignView>(`/api/disputes/campaigns/${id}`, region ? { regionCode: region } : {}),
    enabled: !!id,
  });

export type ReportUnit = { orgId: string; orgName: string; regionCode: string; regionName: string };
export const useReportUnits = (enabled = true) =>
  useQuery({
    queryKey: disputeKeys.reportUnits,
    queryFn: () => api.get<ReportUnit[]>("/api/disputes/report-units"),
    enabled,
  });

export const usePlans = (q: { page: number; dueForReview?: boolean }) =>
  useQuery({
    queryKey: disputeKeys.plans(q),
    queryFn: () => api.get<Page<EmergencyPlanView>>("/api/disputes/plans", { ...q, pageSize: 20 }),
  });

export const useEvents = (q: { page: number; status?: "open" | "closed" }) =>
  useQuery({
    queryKey: disputeKeys.events(q),
    queryFn: () => api.get<Page<EventView>>("/api/disputes/events", { ...q, pageSize: 20 }),
  });

export const useStats = (q: { regionCode?: string; from?: string; to?: string }) =>
  useQuery({
    queryKey: disputeKeys.stats(q),
    queryFn: () => api.get<CaseStats>("/api/disputes/stats", q),
  });

/**
 * A write of the 风险防范 pages: `mutate({ url, body })` posts (or puts) the body, says `done` on success, refreshes
 * every 风险防范 query and shows the server's Chinese message on failure. `onDone` runs after a success.
 */
export function useDisputeWrite(done: string, onDone?: () => void) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: (w: { url: string; body?: unknown; method?: "post" | "put" }) =>
      w.method === "put" ? api.put(w.url, w.body) : api.post(w.url, w.body),
    onSuccess: () => {
      message.success(done);
      void qc.invalidateQueries({ queryKey: disputeKeys.all });
      onDone?.();
    },
    onError: (e: Error) => message.error(e.message),
  });
}
