import { zhCN } from "./locales/zh-CN";

/** Every string the console shows goes through t(); zh-CN now, mn and en later. */
export function t(key: string, params: Record<string, string | number> = {}): string {
  let node: unknown = zhCN;
  for (const part of key.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== "string") {
    if (import.meta.env.DEV) console.warn(`缺少文案：${key}`);
    return key;
  }
  return node.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}
