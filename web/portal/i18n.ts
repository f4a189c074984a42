import { portalZh } from "./zh-CN";

/**
 * The portal's t(): same keys as the console ("portal.…") but only the portal's own strings are bundled,
 * so the public page stays small.
 */
const resources = { portal: portalZh };

export function t(key: string, params: Record<string, string | number> = {}): string {
  let node: unknown = resources;
  for (const part of key.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== "string") {
    if (import.meta.env.DEV) console.warn(`缺少文案：${key}`);
    return key;
  }
  return node.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}
