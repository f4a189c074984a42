import { AUDIT_CATEGORY_LABELS } from "../../contracts/audit";
import { ADMIN_KIND_LABELS, DATA_SCOPE_LABELS, PERMISSIONS } from "../../contracts/identity";
import { activitiesAuditValues } from "../modules/activities/auditValues";
import { type AuditValueMap, compactId, UUID } from "../modules/audit/auditValueKit";
import { creationAuditValues } from "../modules/creation/auditValues";
import { evaluationAuditValues } from "../modules/evaluation/auditValues";
import { materialsAuditValues } from "../modules/materials/auditValues";
import { plansAuditValues } from "../modules/plans/auditValues";
import { systemAuditValues } from "../modules/system/auditValues";
import { formatTime } from "./format";
import { t } from "./i18n";
import { zhCN } from "./locales/zh-CN";

const auditZh = zhCN.audit;

/** Whether the zh-CN resource has this dotted key under audit (so unknown codes fall back to the code itself). */
function has(path: string[]): boolean {
  let node: unknown = auditZh;
  for (const part of path) {
    if (!node || typeof node !== "object" || !Object.hasOwn(node, part)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string";
}

/**
 * entity → how the values of its fields read (status codes by the object's own state machine, levels,
 * categories…). Each module keeps its map next to it (web/modules/<module>/auditValues.ts), built from the
 * label constants in contracts. org/identity/audit entries are not listed and read as they always did.
 */
export const AUDIT_VALUES: AuditValueMap = {
  ...materialsAuditValues,
  ...evaluationAuditValues,
  ...creationAuditValues,
  ...plansAuditValues,
  ...systemAuditValues,
  ...activitiesAuditValues,
};

/** "org.create" → 新增机构, "plan.node.move" → 移动规划节点; an action code without a label shows as it is. */
export function actionLabel(code: string): string {
  const parts = code.split(".");
  return has(["actions", ...parts]) ? t(`audit.actions.${code}`) : code;
}

/** "org" → 组织机构. */
export function entityLabel(entity: string | null | undefined): string {
  if (!entity) return "—";
  return has(["entities", entity]) ? t(`audit.entities.${entity}`) : entity;
}

/** A field of "changes" in words; `entity` picks a name that differs for that kind of object (异议 name → 异议人姓名). */
export function fieldLabel(field: string, entity?: string | null): string {
  if (entity && has(["entityFields", entity, field])) return t(`audit.entityFields.${entity}.${field}`);
  return has(["fields", field]) ? t(`audit.fields.${field}`) : field;
}

/** The codes under one node of audit.actions ("plan" → plan.create, plan.node.create, …). */
function codesUnder(node: object, prefix: string): string[] {
  return Object.entries(node).flatMap(([name, v]) =>
    typeof v === "string" ? [`${prefix}${name}`] : codesUnder(v as object, `${prefix}${name}.`),
  );
}

/** The action codes that have a Chinese name, for the 操作 filter. */
export function knownActions(prefixes?: string[]): { value: string; label: string }[] {
  return Object.entries(auditZh.actions)
    .filter(([group]) => !prefixes || prefixes.includes(group))
    .flatMap(([group, actions]) => codesUnder(actions, `${group}.`))
    .map((code) => ({ value: code, label: actionLabel(code) }));
}

export const ENTITY_OPTIONS = Object.keys(auditZh.entities).map((value) => ({ value, label: entityLabel(value) }));

/** Fields that only repeat what the entry already says (the object's id, derived counts). */
const HIDDEN_FIELDS = new Set(["id", "userCount"]);

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const SORT_FIELD = /^-?[A-Za-z]\w*$/;

/**
 * One value of a changed field in words: codes become their Chinese labels (per `entity`: draft is 草稿 for an
 * application, 筹备中 for a batch), booleans 是/否, times Beijing time, ids of other objects shortened or counted.
 */
export function formatValue(
  field: string,
  value: unknown,
  entity?: string | null,
  names: Record<string, string> = {},
): string {
  if (value === null || value === undefined || value === "") return t("audit.changes.empty");
  // An organization, user or role by id, a region by code: its name as the server gave it with the entry.
  if (typeof value === "string" && Object.hasOwn(names, value)) return names[value];
  const own = entity ? AUDIT_VALUES[entity] : undefined;
  const format = own?.fields[field];
  if (typeof format === "function") {
    const out = format(value);
    if (out !== undefined) return out || t("audit.changes.empty");
  }
  if (typeof value === "boolean") return value ? t("audit.values.yes") : t("audit.values.no");
  if (Array.isArray(value)) {
    if (value.length === 0) return t("audit.changes.empty");
    // Ids of other objects say nothing by themselves: how many.
    if (own && value.every((v) => typeof v === "string" && UUID.test(v) && !Object.hasOwn(names, v)))
      return t("audit.changes.count", { count: value.length });
    return value.map((v) => formatValue(field, v, entity, names)).join("、");
  }
  if (typeof value === "object") {
    if (field === "filters" && Object.keys(value).length === 0) return t("audit.changes.noFilter");
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null && v !== "")
      .map(([k, v]) => `${fieldLabel(k, entity)}=${formatValue(k, v, entity, names)}`)
      .join("，");
  }
  const s = String(value);
  if (s === "***") return `***${t("audit.changes.masked")}`;
  if (format && typeof format === "object" && Object.hasOwn(format, s)) return format[s];
  if (own && UUID.test(s)) return compactId(s);
  switch (field) {
    case "permissions":
      return PERMISSIONS[s as keyof typeof PERMISSIONS]?.label ?? s;
    case "dataScope":
      return DATA_SCOPE_LABELS[s as keyof typeof DATA_SCOPE_LABELS] ?? s;
    case "adminKind":
      return ADMIN_KIND_LABELS[s as keyof typeof ADMIN_KIND_LABELS] ?? s;
    case "status":
      return has(["values", s]) ? t(`audit.values.${s}`) : s;
    case "category":
      return AUDIT_CATEGORY_LABELS[s as keyof typeof AUDIT_CATEGORY_LABELS] ?? s;
    case "action":
      return actionLabel(s);
    case "entity":
      return entityLabel(s);
    case "outcome":
      return s === "success" || s === "failure" ? t(`audit.outcome.${s}`) : s;
    case "sort":
      // An export's sort filter ("-submittedAt"); a sort order number stays as it is.
      if (typeof value === "string" && SORT_FIELD.test(s)) {
        const desc = s.startsWith("-");
        return `${fieldLabel(desc ? s.slice(1) : s, entity)}${desc ? t("audit.changes.desc") : ""}`;
      }
      break;
  }
  if (ISO_TIME.test(s)) return formatTime(s);
  return s;
}

/** Same value, for telling what a list gained and lost (list items may be objects). */
const sameValue = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * The "changes" of an entry as readable lines: "字段：旧 → 新" for { field: [before, after] }, list fields as
 * what was added and removed, anything else (export filters) as "字段：值". `entity` (the entry's object type)
 * decides how codes read and which fields say nothing new; `names` (from the server, with the entry) names the
 * organizations, users, roles and regions its ids and codes refer to.
 */
export function describeChanges(
  changes: unknown,
  entity?: string | null,
  names: Record<string, string> = {},
): string[] {
  if (!changes || typeof changes !== "object" || Array.isArray(changes)) return [];
  const lines: string[] = [];
  const hidden = (entity && AUDIT_VALUES[entity]?.hidden) || [];
  // The object's own hidden fields (a plan node's id) still say whether the entry created or deleted something.
  const all = Object.entries(changes as Record<string, unknown>).filter(([f]) => !HIDDEN_FIELDS.has(f));
  const entries = all.filter(([f]) => !hidden.includes(f));
  const isPair = (v: unknown): v is [unknown, unknown] => Array.isArray(v) && v.length === 2;
  const blank = (v: unknown) => v === null || v === undefined;
  const label = (field: string) => fieldLabel(field, entity);
  const value = (field: string, v: unknown) => formatValue(field, v, entity, names);
  // A record created (every "before" empty) or deleted (every "after" empty): list its values, no arrows.
  const pairsOf = (list: [string, unknown][]) => list.filter(([, v]) => isPair(v)) as [string, [unknown, unknown]][];
  const pairs = pairsOf(entries);
  const allPairs = pairsOf(all);
  const whole =
    allPairs.length === all.length && allPairs.length > 1
      ? allPairs.every(([, [b]]) => blank(b))
        ? 1
        : allPairs.every(([, [, a]]) => blank(a))
          ? 0
          : -1
      : -1;
  if (whole >= 0) return pairs.map(([field, pair]) => `${label(field)}：${value(field, pair[whole as 0 | 1])}`);
  for (const [field, v] of entries) {
    if (isPair(v)) {
      const [before, after] = v;
      if (Array.isArray(before) && Array.isArray(after) && before.length > 0 && after.length > 0) {
        const added = after.filter((x) => !before.some((y) => sameValue(x, y)));
        const removed = before.filter((x) => !after.some((y) => sameValue(x, y)));
        const parts = [
          added.length ? `${t("audit.changes.added")} ${value(field, added)}` : "",
          removed.length ? `${t("audit.changes.removed")} ${value(field, removed)}` : "",
        ].filter(Boolean);
        if (parts.length) {
          lines.push(`${label(field)}：${parts.join("；")}`);
          continue;
        }
      }
      lines.push(`${label(field)}：${value(field, before)} → ${value(field, after)}`);
    } else {
      lines.push(`${label(field)}：${value(field, v)}`);
    }
  }
  return lines;
}
