import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestView, StatsView } from "../../../contracts/services.js";
import { login, twoBanners, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { loadActorForUser } from "../identity/index.js";
import { seedServicesDemo } from "./demo-seed.js";

/** "Today" of the demo story. */
const TODAY = "2026-12-02T02:00:00Z";

describe("service desk demo data (科左后旗)", () => {
  let h: TestApp;
  let counts: Record<string, number>;
  let f: Awaited<ReturnType<typeof twoBanners>>;

  beforeAll(async () => {
    h = await createTestApp({ start: TODAY });
    f = await twoBanners(h);
    const actor = await loadActorForUser(h.deps.db, f.houqiAdmin.id);
    const res = await seedServicesDemo(h.deps, { actor: actor!, password: USER_PASSWORD });
    expect(res.created).toBe(true);
    counts = res.counts;
  });
  afterAll(() => h?.close());

  it("tells a year of requests in every state, with the green channel first in the window's queue", async () => {
    expect(counts.服务申请).toBeGreaterThanOrEqual(19);
    expect(counts.超期督办).toBeGreaterThanOrEqual(2);
    expect(counts.拒收后重新转办).toBe(2);
    const win = await login(h, "hq_window", USER_PASSWORD);
    const queue = await win.json<{ items: RequestView[] }>("/api/services/requests?view=window");
    expect(queue.items[0].green).toBe(true);
    const houqi = await login(h, "houqi_admin", USER_PASSWORD);
    const all = await houqi.json<{ items: RequestView[]; total: number }>("/api/services/requests?pageSize=100");
    const statuses = new Set(all.items.map((r) => r.status));
    for (const s of ["accepted", "referred", "received", "answered", "closed"]) expect(statuses).toContain(s);
    expect(all.items.some((r) => r.overdue)).toBe(true);
    expect(all.items.every((r) => r.nameMasked && !r.nameMasked.includes("金花"))).toBe(true);
    const stats = await houqi.json<StatsView>("/api/services/stats");
    expect(stats.total).toBe(all.total);
    expect(stats.onTimeRate).not.toBeNull();
    expect(stats.satisfaction.reduce((n, s) => n + s.count, 0)).toBeGreaterThan(5);
  });

  it("publishes the banner's 服务指南, legal aid revised once, for the portal", async () => {
    expect(counts.服务指南).toBeGreaterThanOrEqual(5);
    const res = await h.app.inject({ method: "GET", url: "/api/public/services/guides?region=150522" });
    const pub = res.json();
    expect(pub.guides.length).toBe(counts.服务指南);
    expect(pub.guides[0]).toMatchObject({ category: "legal_aid", green: true, version: 2 });
    expect(pub.guides[0].cautions).toContain("不审查经济困难条件");
    expect(pub.windows.length).toBeGreaterThanOrEqual(2);
  });

  it("keeps no plaintext phone or ID number in the tables and does nothing a second time", async () => {
    for (const table of ["service_requests", "service_files", "service_access_log", "audit_log"]) {
      const res = await h.deps.db.execute(sql.raw(`select row_to_json(t)::text as j from ${table} t`));
      const rows = (res as unknown as { rows: { j: string }[] }).rows;
      expect(rows.length, table).toBeGreaterThan(0);
      for (const r of rows) {
        expect(r.j, table).not.toContain("13947512031");
        expect(r.j, table).not.toContain("152326198803124527");
      }
    }
    const again = await seedServicesDemo(h.deps, {
      actor: (await loadActorForUser(h.deps.db, f.houqiAdmin.id))!,
      password: USER_PASSWORD,
    });
    expect(again.created).toBe(false);
  });
});
