/**
 * The server's environment in the browser tests, and the demo data they share. Kept apart from support.ts (no
 * browser, no vitest) so the e2e global setup can seed the demo once before the spec files run side by side.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const ADMIN_PASSWORD = "E2e#Admin2026";
/** The first password of the security admin `secadmin` the first start creates (三员分立). */
export const SECADMIN_PASSWORD = "E2e#Guard2026x";
/** The first password of the audit admin `auditadmin` (set here, not per spec: the demo data is seeded once and shared). */
export const AUDITADMIN_PASSWORD = "E2e#Ledger2026x";
/** Password of every demo user `npm run seed:demo` creates (hq_mzj, tl_mw, unit_…, tl_expert1 …). */
export const DEMO_PASSWORD = "E2e#Demo2026x";

/** The environment of a test server on the embedded database in `dir`. */
export function serverEnv(dir: string, port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATA_DIR: dir,
    PORT: String(port),
    HOST: "127.0.0.1",
    SHILIU_ADMIN_PASSWORD: ADMIN_PASSWORD,
    SHILIU_SECADMIN_PASSWORD: SECADMIN_PASSWORD,
    SHILIU_AUDITADMIN_PASSWORD: AUDITADMIN_PASSWORD,
    SHILIU_DEMO_PASSWORD: DEMO_PASSWORD,
    SHILIU_MFA: "off",
    DATABASE_URL: "",
    LOG_LEVEL: "warn",
  } as NodeJS.ProcessEnv;
}

/** What the demo data depends on: the server's and contracts' sources (migrations included) and today's date. */
function demoKey(): string {
  const hash = createHash("sha256");
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|sql|json|txt|docx)$/.test(e.name) && !/\.test\.ts$/.test(e.name))
        hash.update(p).update(fs.readFileSync(p));
    }
  };
  walk("server");
  walk("contracts");
  hash.update(new Date().toISOString().slice(0, 10));
  return hash.digest("hex").slice(0, 16);
}

/**
 * The demo data (`npm run seed:demo`) is made once per source version and day and copied into each spec's fresh
 * directory: seeding takes minutes, copying a second, and every spec still starts from the same untouched data.
 */
export function demoTemplate(): string {
  const template = path.join(os.tmpdir(), `shiliu-e2e-demo-${demoKey()}`);
  if (fs.existsSync(path.join(template, ".seeded"))) return template;
  const building = fs.mkdtempSync(`${template}-building-`);
  const seeded = spawnSync(process.execPath, ["--import", "tsx", "server/modules/creation/demo-seed.ts"], {
    env: serverEnv(building, 0),
    encoding: "utf8",
  });
  if (seeded.status !== 0) throw new Error(`demo seed failed: ${seeded.stdout}${seeded.stderr}`);
  fs.writeFileSync(path.join(building, ".seeded"), new Date().toISOString());
  fs.rmSync(template, { recursive: true, force: true });
  fs.renameSync(building, template);
  return template;
}
