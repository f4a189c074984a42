import { type QueryClient, useQuery } from "@tanstack/react-query";
import {
  CAMPAIGN_STATUS_LABELS,
  type CampaignView,
  NOMINATION_STATUS_LABELS,
  type NominationView,
} from "../../../contracts/honors";
import type { PublicityNotice } from "../../../contracts/publicity";
import { api, type Page } from "../../app/api";

/**
 * Query keys of the 表彰 pages. A campaign's own data is keyed ["honors.campaign", id, …] and a nomination's
 * ["honors.nomination", id], so one write refreshes what shows it; the ListPage lists have keys of their own.
 */
export const honorKeys = {
  campaigns: ["honors.campaigns"] as const,
  nominations: ["honors.nominations"] as const,
  objections: ["honors.objections"] as const,
  awards: ["honors.awards"] as const,
  kinds: ["honors.kinds"] as const,
  allCampaigns: ["honors.campaign-options"] as const,
  campaign: (id: string) => ["honors.campaign", id] as const,
  notices: (id: string) => ["honors.campaign", id, "notices"] as const,
  eligible: (id: string, status: string) => ["honors.campaign", id, "eligible", status] as const,
  nomination: (id: string) => ["honors.nomination", id] as const,
  objection: (id: string) => ["honors.objection", id] as const,
};

export type NominationDetail = NominationView & {
  deeds: string;
  materialIds: string[];
  reviews: { reviewerName: string; score: number | null; vote: "agree" | "disagree" | "abstain"; comment: string }[];
};

export function useHonorKinds() {
  return useQuery({
    queryKey: honorKeys.kinds,
    queryFn: () => api.get<{ code: string; label: string }[]>("/api/honors/kinds"),
    staleTime: 10 * 60_000,
  });
}

/** Campaigns the caller sees, for pickers (newest first). */
export function useCampaignOptions() {
  return useQuery({
    queryKey: honorKeys.allCampaigns,
    queryFn: () => api.get<Page<CampaignView>>("/api/honors/campaigns", { pageSize: 100 }),
    select: (p) => p.items,
  });
}

export function useCampaign(id: string | null) {
  return useQuery({
    queryKey: honorKeys.campaign(id ?? ""),
    queryFn: () => api.get<CampaignView>(`/api/honors/campaigns/${id}`),
    enabled: !!id,
  });
}

export function useCampaignNotices(id: string) {
  return useQuery({
    queryKey: honorKeys.notices(id),
    queryFn: () => api.get<Page<PublicityNotice>>(`/api/honors/campaigns/${id}/notices`, { pageSize: 100 }),
  });
}

export function useNomination(id: string | null) {
  return useQuery({
    queryKey: honorKeys.nomination(id ?? ""),
    queryFn: () => api.get<NominationDetail>(`/api/honors/nominations/${id}`),
    enabled: !!id,
  });
}

/** After any 表彰 write: the lists, the campaign (its quota ledger), the nomination. */
export async function refreshHonors(qc: QueryClient, ids: { campaignId?: string; nominationId?: string } = {}) {
  await Promise.all([
    qc.invalidateQueries({ queryKey: honorKeys.campaigns }),
    qc.invalidateQueries({ queryKey: honorKeys.nominations }),
    qc.invalidateQueries({ queryKey: honorKeys.objections }),
    qc.invalidateQueries({ queryKey: honorKeys.awards }),
    qc.invalidateQueries({ queryKey: honorKeys.allCampaigns }),
    ids.campaignId && qc.invalidateQueries({ queryKey: ["honors.campaign", ids.campaignId] }),
    ids.nominationId && qc.invalidateQueries({ queryKey: honorKeys.nomination(ids.nominationId) }),
  ]);
}

const COLORS: Record<string, string> = {
  draft: "default",
  open: "blue",
  closed: "orange",
  decided: "green",
  notice1: "cyan",
  county_review: "blue",
  county_passed: "geekblue",
  notice2: "cyan",
  final_review: "blue",
  final_passed: "geekblue",
  notice3: "cyan",
  proposed: "purple",
  awarded: "green",
  returned: "red",
  withdrawn: "default",
  removed: "red",
};
const tags = (labels: Record<string, string>) =>
  Object.fromEntries(Object.entries(labels).map(([k, label]) => [k, { color: COLORS[k] ?? "default", label }]));
export const CAMPAIGN_TAGS = tags(CAMPAIGN_STATUS_LABELS);
export const NOMINATION_TAGS = tags(NOMINATION_STATUS_LABELS);
