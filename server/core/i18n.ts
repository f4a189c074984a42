import { zhCN } from "./i18n/zh-CN.js";

type Resource = typeof zhCN;
type Leaves<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
export type MessageKey = Leaves<Resource>;

const resources: Record<string, unknown> = { "zh-CN": zhCN };

/** Looks up a message by key and fills `{name}` placeholders. Unknown keys return the key itself. */
export function t(key: MessageKey | string, params: Record<string, unknown> = {}, locale = "zh-CN"): string {
  let node: unknown = resources[locale] ?? zhCN;
  for (const part of key.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== "string") return key;
  return node.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}

/** Chinese label of a request field, used to name the field in validation errors. */
export function fieldLabel(path: readonly PropertyKey[]): string {
  const names = path.filter((p): p is string => typeof p === "string");
  const last = names[names.length - 1];
  if (!last) return "请求";
  const label = (zhCN.fields as Record<string, string>)[last];
  const index = path.find((p) => typeof p === "number");
  const base = label ?? last;
  return typeof index === "number" ? `${base}（第 ${index + 1} 项）` : base;
}
