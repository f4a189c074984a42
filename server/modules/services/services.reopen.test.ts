import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { type Desks, serviceDesks, signInAll, windowRequest } from "./services.fixtures.js";
import { reopenDays } from "./settings.js";

/** 申请重新办理 from the portal: by code, with a reason, only while the period after closing lasts. */
describe("service desk: reopening by the person", () => {
  let h: TestApp;
  let d: Desks;

  beforeAll(async () => {
    h = await createTestApp({ start: "2026-06-03T02:00:00Z" });
    d = await serviceDesks(h);
  });
  afterAll(() => h?.close());

  const pub = (method: "GET" | "POST", url: string, payload?: unknown) =>
    h.app.inject({ method, url: `/api/public/services/requests/${url}`, ...(payload ? { payload } : {}) });

  async function closedRequest() {
    const r = await windowRequest(d.c.houqiWindow, d.houqiWin.id);
    await d.c.houqiWindow.json(`/api/services/requests/${r.id}/answer`, {
      method: "POST",
      body: { answer: "已推荐到旗人社局就业服务中心" },
    });
    const rated = await pub("POST", `${r.trackingCode}/rate`, { satisfaction: "dissatisfied", partlySolved: true });
    expect(rated.statusCode).toBe(200);
    expect(rated.json().status).toBe("closed");
    return r;
  }

  it("reopens a closed request within the period, with the reason on record; refuses an empty reason", async () => {
    const r = await closedRequest();
    const days = await reopenDays(h.deps.db);
    const status = (await pub("GET", r.trackingCode)).json();
    expect(status.canReopen).toBe(true);
    expect(status.reopenUntil).toBe(
      new Date(Date.parse("2026-06-03T00:00:00Z") + days * 86_400_000).toISOString().slice(0, 10),
    );

    const empty = await pub("POST", `${r.trackingCode}/reopen`, { reason: "  " });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details.fields[0].field).toBe("reason");
    expect(empty.json().error.details.fields[0].message).toMatch(/[\u4e00-\u9fa5]/);
    expect((await pub("GET", r.trackingCode)).json().status).toBe("closed");

    const res = await pub("POST", `${r.trackingCode}/reopen`, { reason: "只解决了一半，还没有找到工作" });
    expect(res.statusCode).toBe(200);
    const after = res.json();
    expect(after.status).toBe("accepted");
    expect(after.canReopen).toBe(false);
    expect(after.satisfaction).toBeNull();
    expect(after.canRate).toBe(false);
    expect(after.events.at(-1).note).toBe("只解决了一半，还没有找到工作");
    // Back in the window's queue, with the reason in its history and the audit chain.
    const queue = await d.c.houqiWindow.json("/api/services/requests?view=window&open=true");
    expect(queue.items.map((x: { id: string }) => x.id)).toContain(r.id);
    const audit = await h.deps.db.execute(
      sql`select summary, changes from audit_log where action = 'service_request.reopen' and entity_id = ${r.id}`,
    );
    const rows = (audit as unknown as { rows: { summary: string; changes: { reason: unknown[] } }[] }).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0].changes.reason).toEqual([null, "只解决了一半，还没有找到工作"]);
    // Not closed now: a second reopen is an illegal step.
    const again = await pub("POST", `${r.trackingCode}/reopen`, { reason: "再次" });
    expect(again.statusCode).toBe(409);
  });

  it("refuses after the period and says until when it was possible", async () => {
    const r = await closedRequest();
    const until = (await pub("GET", r.trackingCode)).json().reopenUntil as string;
    h.clock.set(new Date(Date.parse(`${until}T02:00:00Z`) + 86_400_000));
    d.c = await signInAll(h);
    const status = (await pub("GET", r.trackingCode)).json();
    expect(status.canReopen).toBe(false);
    expect(status.reopenUntil).toBe(until);
    const res = await pub("POST", `${r.trackingCode}/reopen`, { reason: "还没解决" });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe("REOPEN_EXPIRED");
    expect((await pub("GET", r.trackingCode)).json().status).toBe("closed");
  });
});
