import { useQuery } from "@tanstack/react-query";
import { Grid, Typography } from "antd";
import { type ReactNode, useMemo } from "react";
import {
  type Batch,
  CANDIDATE_STATUS_LABELS,
  type Category,
  DESIGNATION_STATUS_LABELS,
  NAMING_LEVEL_LABELS,
  NAMING_LEVELS,
  NOTICE_PHASE_LABELS,
  OBJECTION_STATUS_LABELS,
  REVERIFICATION_STATUS_LABELS,
} from "../../../../contracts/creation";
import { beijingDate, daysBetween } from "../../../../contracts/dates";
import type { Me } from "../../../../contracts/identity";
import { api, type Page } from "../../../app/api";
import { t } from "../../../app/i18n";
import "./results.css";

/** t("creation.results.…") */
export const tr = (key: string, params?: Record<string, string | number>) => t(`creation.results.${key}`, params);

export const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === "" ? "—" : v);

/** Wide screens fix a list's first and action columns; phones scroll the whole row and keep only the first. */
export function useWide(): boolean {
  return !!Grid.useBreakpoint().md;
}

/** The title of a detail drawer of these pages (see results.css). */
export function DrawerTitle({ children }: { children: ReactNode }) {
  return <span className="results-drawer-title">{children}</span>;
}

/** Long text (investigation notes, replies) keeps its line breaks. */
export function LongText({ value }: { value: string | null | undefined }) {
  if (!value) return <Typography.Text type="secondary">—</Typography.Text>;
  return <div style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>{value}</div>;
}

/** Whether the signed-in user's scope covers a region (a batch's, a designation issuer's); the server checks again. */
export function managesRegion(me: Me | null, regionCode: string): boolean {
  if (!me) return false;
  const s = me.dataScope;
  if (s.kind === "all") return true;
  if (s.kind === "region_tree") return regionCode.startsWith(s.regionCode);
  if (s.kind === "region") return regionCode === s.regionCode;
  return false;
}

export const levelOptions = NAMING_LEVELS.map((value) => ({ value, label: NAMING_LEVEL_LABELS[value] }));
export const levelLabel = (level: string | null | undefined) =>
  level ? (NAMING_LEVEL_LABELS[level as keyof typeof NAMING_LEVEL_LABELS] ?? level) : "—";

type TagLabels = Record<string, { color: string; label: string }>;
const tags = <K extends string>(labels: Record<K, string>, colors: Record<K, string>): TagLabels =>
  Object.fromEntries(Object.entries(labels).map(([k, label]) => [k, { label, color: colors[k as K] }])) as TagLabels;

export const DESIGNATION_TAGS = tags(DESIGNATION_STATUS_LABELS, {
  valid: "green",
  reverifying: "gold",
  revoked: "red",
  expired: "default",
});
export const NOTICE_PHASE_TAGS = tags(NOTICE_PHASE_LABELS, {
  draft: "default",
  upcoming: "blue",
  open: "processing",
  ended: "green",
});
export const OBJECTION_TAGS = tags(OBJECTION_STATUS_LABELS, {
  pending: "red",
  investigating: "gold",
  answered: "green",
});
export const CANDIDATE_TAGS = tags(CANDIDATE_STATUS_LABELS, {
  cultivating: "blue",
  applied: "gold",
  named: "green",
  removed: "default",
});
export const REVERIFICATION_TAGS = tags(REVERIFICATION_STATUS_LABELS, {
  open: "blue",
  submitted: "gold",
  passed: "green",
  failed: "red",
  lapsed: "default",
  cancelled: "default",
});

/** The "8+N进" categories (dictionary), for filters, forms and labels. */
export function useCategories() {
  const q = useQuery({
    queryKey: ["creation-categories"],
    queryFn: () => api.get<Category[]>("/api/creation/categories"),
    staleTime: 10 * 60_000,
  });
  return useMemo(() => {
    const list = q.data ?? [];
    return {
      list,
      loading: q.isLoading,
      options: list.map((c) => ({ value: c.code, label: c.label })),
      label: (code: string | null | undefined) => (code ? (list.find((c) => c.code === code)?.label ?? code) : "—"),
    };
  }, [q.data, q.isLoading]);
}

/** Batches the user sees; `managed` keeps those of regions the user's scope covers (for notices and decisions). */
export function useBatches(me: Me | null, managed = false) {
  const q = useQuery({
    queryKey: ["creation-batches-all"],
    queryFn: () => api.get<Page<Batch>>("/api/creation/batches", { pageSize: 200 }),
    staleTime: 60_000,
  });
  return useMemo(() => {
    const list = (q.data?.items ?? []).filter((b) => !managed || managesRegion(me, b.regionCode));
    return { list, loading: q.isLoading, options: list.map((b) => ({ value: b.id, label: b.name })) };
  }, [q.data, q.isLoading, me, managed]);
}

/** Years for year filters: this year and the nine before (descending). */
export function recentYears(count = 10, ahead = 0) {
  const now = new Date().getFullYear();
  return Array.from({ length: count + ahead }, (_, i) => now + ahead - i).map((y) => ({
    value: String(y),
    label: tr("common.yearLabel", { year: y }),
  }));
}

export { useLinkedParam } from "../../../app/useLinkedParam";

/** Today in Beijing as YYYY-MM-DD. */
export function todayString(): string {
  return beijingDate(Date.now());
}

/** Whole days from today to a YYYY-MM-DD date (negative when past). */
export function daysUntil(date: string): number {
  return daysBetween(todayString(), date);
}
