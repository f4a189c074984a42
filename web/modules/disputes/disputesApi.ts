import { useQuery } from "@tanstack/react-query";
import type { CaseSummary, ComplianceView, DeskView } from "../../../contracts/disputes";
import { api, type Page } from "../../app/api";

/** Query keys of the 风险防范 pages: every write refreshes ["disputes", …]. */
export const disputeKeys = {
  all: ["disputes"] as const,
  cases: (q: Record<string, unknown>) => ["disputes", "cases", q] as const,
  desk: (kind: string) => ["disputes", "desk", kind] as const,
  compliance: (region: string) => ["disputes", "compliance", region] as const,
  missing: (region: string, state: string) => ["disputes", "compliance-units", region, state] as const,
};

export const useCases = (q: { page: number; riskLevel?: string }) =>
  useQuery({
    queryKey: disputeKeys.cases(q),
    queryFn: () => api.get<Page<CaseSummary>>("/api/disputes/cases", { ...q, pageSize: 20 }),
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
