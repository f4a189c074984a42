import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { BenchModule } from "../types.js";

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Every module's scenarios: each file in bench/scenarios/ (except this one and files starting with
 * "_") exports `benchModule`. A new module adds its file; nothing here changes. `core` (the no-op
 * ceilings) comes first, the rest in file-name order.
 */
export async function loadModules(): Promise<BenchModule[]> {
  const files = fs
    .readdirSync(here)
    .filter((f) => /\.[cm]?[jt]s$/.test(f) && !f.endsWith(".d.ts") && !f.startsWith("_") && !/^index\./.test(f))
    .sort((a, b) => (a.startsWith("core.") ? -1 : b.startsWith("core.") ? 1 : a.localeCompare(b)));
  const modules: BenchModule[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(path.join(here, f)).href)) as { benchModule?: BenchModule };
    if (!mod.benchModule) throw new Error(`bench/scenarios/${f} 没有导出 benchModule`);
    modules.push(mod.benchModule);
  }
  const names = new Set<string>();
  for (const s of modules.flatMap((m) => m.scenarios)) {
    if (names.has(s.name)) throw new Error(`场景名称重复：${s.name}`);
    names.add(s.name);
  }
  return modules;
}
