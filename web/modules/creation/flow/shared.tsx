import { useQuery } from "@tanstack/react-query";
import { Tag } from "antd";
import type {
  ApplicationDetail,
  ApplicationStatus,
  Batch,
  BatchStatus,
  Category,
} from "../../../../contracts/creation";
import { beijingDate } from "../../../../contracts/dates";
import type { IndicatorSetSummary, NamingLevel, SheetStatus } from "../../../../contracts/evaluation";
import type { Me } from "../../../../contracts/identity";
import { api, type Page } from "../../../app/api";
import { StatusTag } from "../../../app/components/StatusTag";
import { t } from "../../../app/i18n";

/** t("creation.flow.…") */
export const tf = (key: string, params?: Record<string, string | number>) => t(`creation.flow.${key}`, params);

/**
 * Where an application's evidence is opened: through the application (its own routes), so that everyone who
 * may read it — the unit, the reviewing departments and the experts assigned to it, who cannot open the
 * material library — previews and downloads exactly the files it references.
 */
export const evidenceHrefs = (applicationId: string) => (m: { id: string }) => {
  const base = `/api/creation/applications/${applicationId}/evidence/${m.id}`;
  return { preview: `${base}/preview`, download: `${base}/download` };
};

/** Cache keys shared by the pages, so one page's change refreshes the others. */
export const KEYS = {
  batches: "creation-batches",
  applicableBatches: "creation-batches-applicable",
  applications: "creation-applications",
  application: "creation-application",
  assignments: "creation-assignments",
  assignment: "creation-assignment",
  sheet: "score-sheet",
} as const;

export const NAMING_LEVEL_CODES: NamingLevel[] = ["national", "region", "city", "county"];
/** 命名级别 → the region code length of the department that organises it (national is put forward by the region). */
const LEVEL_REGION_LENGTH: Record<NamingLevel, number> = { national: 2, region: 2, city: 4, county: 6 };
/** The levels a department at `regionCode` may organise a batch for. */
export const levelsFor = (regionCode: string) =>
  NAMING_LEVEL_CODES.filter((l) => LEVEL_REGION_LENGTH[l] === regionCode.length);

export const levelLabel = (l: NamingLevel | null | undefined) => (l ? tf(`level.${l}`) : tf("none"));

const APPLICATION_COLORS: Record<ApplicationStatus, string> = {
  draft: "default",
  reviewing: "processing",
  returned: "warning",
  accepted: "cyan",
  evaluating: "blue",
  approved: "green",
  publicized: "purple",
  named: "success",
  rejected: "error",
  withdrawn: "default",
};
const BATCH_COLORS: Record<BatchStatus, string> = {
  draft: "default",
  open: "green",
  closed: "orange",
  concluded: "blue",
};
const SHEET_COLORS: Record<SheetStatus, string> = { draft: "default", submitted: "green", returned: "warning" };

const labelled = <K extends string>(colors: Record<K, string>, prefix: string) =>
  Object.fromEntries(
    Object.entries(colors).map(([k, color]) => [k, { color: color as string, label: tf(`${prefix}.${k}`) }]),
  );

export const ApplicationStatusTag = ({ status }: { status: ApplicationStatus }) => (
  <StatusTag status={status} labels={labelled(APPLICATION_COLORS, "applicationStatus")} />
);
export const BatchStatusTag = ({ status }: { status: BatchStatus }) => (
  <StatusTag status={status} labels={labelled(BATCH_COLORS, "batchStatus")} />
);
export const SheetStatusTag = ({ status }: { status: string }) => (
  <StatusTag status={status} labels={labelled(SHEET_COLORS, "sheetStatus")} />
);
export const LevelTag = ({ level }: { level: NamingLevel }) => (
  <Tag color="red" variant="outlined" style={{ marginInlineEnd: 0 }}>
    {levelLabel(level)}
  </Tag>
);

/** The "8+N进" categories dictionary, with a code → label lookup. */
export function useCategories(enabled = true) {
  const q = useQuery({
    queryKey: ["creation-categories"],
    queryFn: () => api.get<Category[]>("/api/creation/categories"),
    staleTime: 10 * 60_000,
    enabled,
  });
  const list = q.data ?? [];
  const labels = new Map(list.map((c) => [c.code, c.label]));
  return { categories: list, labelOf: (code: string) => labels.get(code) ?? code, loading: q.isLoading };
}

/** Published indicator sets usable for a naming level (at most 200: a department has a handful). */
export function usePublishedSets(level: NamingLevel | undefined, enabled = true) {
  const q = useQuery({
    queryKey: ["indicator-sets-published", level],
    queryFn: () =>
      api.get<Page<IndicatorSetSummary>>("/api/indicator-sets", { status: "published", level, pageSize: 200 }),
    enabled: enabled && !!level,
    staleTime: 60_000,
  });
  return { sets: q.data?.items ?? [], loading: q.isLoading };
}

/** Batches the caller's unit can apply to now (open, before the deadline, organised at or above its region). */
export function useApplicableBatches(enabled: boolean) {
  return useQuery({
    queryKey: [KEYS.applicableBatches],
    queryFn: () => api.get<Page<Batch>>("/api/creation/batches", { applicable: true, pageSize: 100 }),
    enabled,
    staleTime: 30_000,
  });
}

export function useApplication(id: string | undefined) {
  return useQuery({
    queryKey: [KEYS.application, id],
    queryFn: () => api.get<ApplicationDetail>(`/api/creation/applications/${id}`),
    enabled: !!id,
  });
}

/** Whether the signed-in department organises batches of `regionCode` (the server checks again). */
export function managesRegion(me: Me | null, regionCode: string) {
  if (!me?.permissions.includes("creation:manage")) return false;
  const scope = me.dataScope;
  if (scope.kind === "all") return true;
  if (scope.kind === "region") return regionCode === scope.regionCode;
  return scope.kind === "region_tree" && regionCode.startsWith(scope.regionCode);
}

/** Today in Beijing time, YYYY-MM-DD (deadlines are dates there). */
export function today(): string {
  return beijingDate(Date.now());
}

/** The width of a list's first column (a batch or unit name): long names wrap instead of widening the table. */
export const NAME_WIDTH = 240;

/** A review level's region name without the level word the server puts before it (盟市通辽市 → 通辽市). */
export function regionOnly(levelName: string | null, regionCode: string | null) {
  if (!levelName) return "";
  const word = regionCode ? tf(`regionLevel.${regionCode.length}`) : "";
  return word && levelName.startsWith(word) && levelName.length > word.length
    ? levelName.slice(word.length)
    : levelName;
}

/** A score in points, or — . */
export const points = (v: number | null | undefined) => (v === null || v === undefined ? tf("none") : String(v));
