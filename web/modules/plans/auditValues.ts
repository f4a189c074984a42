import {
  NODE_KIND_LABELS,
  PLAN_CYCLE_LABELS,
  PLAN_STATUS_LABELS,
  RECTIFICATION_STATUS_LABELS,
  TASK_STATUS_LABELS,
} from "../../../contracts/plans";
import { t } from "../../app/i18n";
import { type AuditValueMap, titles, type ValueFormat } from "../audit/auditValueKit";
import { periodName } from "./shared/periods";

const period: ValueFormat = (v) => (typeof v === "string" ? periodName(v) : undefined);

/** 年度目标 [{ year, content, percent }]: "2026年：内容（60%）". */
const milestones: ValueFormat = (v) => {
  if (!Array.isArray(v)) return undefined;
  return v
    .map((m: { year?: unknown; content?: unknown; percent?: unknown }) => {
      const percent = typeof m?.percent === "number" ? `（${m.percent}%）` : "";
      return `${m?.year}年：${m?.content ?? ""}${percent}`;
    })
    .join("；");
};

/** The import's manual mapping { 单位名称: orgIds | null (ignored) }: "名称→2 个单位". */
const mapping: ValueFormat = (v) => {
  if (!v || typeof v !== "object" || Array.isArray(v)) return undefined;
  return Object.entries(v as Record<string, unknown>)
    .map(
      ([name, ids]) =>
        `${name}→${Array.isArray(ids) ? t("audit.changes.units", { count: ids.length }) : t("audit.changes.unmapped")}`,
    )
    .join("；");
};

/** How the plans module's audit entries' values read, per object (see web/app/auditLabels.ts). */
export const plansAuditValues: AuditValueMap = {
  plan: {
    fields: {
      status: PLAN_STATUS_LABELS,
      cycle: PLAN_CYCLE_LABELS,
      kind: NODE_KIND_LABELS,
      reportFrom: period,
      milestones,
      mapping,
    },
    // Node and inspection ids: the summary names the node ("修改任务“…”") or the inspection.
    hidden: ["node", "newNode", "inspection"],
  },
  plan_report: {
    fields: { status: TASK_STATUS_LABELS, period, evidence: titles, activities: titles },
  },
  plan_rectification: {
    fields: { status: RECTIFICATION_STATUS_LABELS, closureEvidence: titles },
  },
};
