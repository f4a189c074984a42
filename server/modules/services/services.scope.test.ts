import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { type Desks, serviceDesks, windowRequest } from "./services.fixtures.js";

/** Scope on every 服务台 route, with the two-banner fixture: what is not the caller's is a 404 (or 403 to act). */
describe("service desk scope", () => {
  let h: TestApp;
  let d: Desks;
  let houqiId: string;

  beforeAll(async () => {
    h = await createTestApp({ start: "2026-06-03T02:00:00Z" });
    d = await serviceDesks(h);
    houqiId = (await windowRequest(d.c.houqiWindow, d.houqiWin.id)).id;
    await d.c.houqiWindow.json(`/api/services/requests/${houqiId}/refer`, {
      method: "POST",
      body: { toOrgId: d.sifa.id },
    });
  });
  afterAll(() => h?.close());

  it("offers the banner's departments as referral targets to a window worker whose own scope is its unit", async () => {
    const names = (await d.c.houqiWindow.json<{ name: string }[]>("/api/services/departments")).map((o) => o.name);
    expect(names).toContain("科尔沁左翼后旗司法局");
    expect(names).toContain("科尔沁左翼后旗人力资源和社会保障局");
    expect(names).not.toContain("科尔沁左翼中旗司法局");
    expect(names).not.toContain("甘旗卡镇人民政府");
    const zq = (await d.c.zqSifa.json<{ name: string }[]>("/api/services/departments")).map((o) => o.name);
    expect(zq).not.toContain("科尔沁左翼后旗司法局");
    expect((await d.c.houqiUnit.req("/api/services/departments")).statusCode).toBe(200);
  });

  it("hides another banner's request on every request route", async () => {
    const outsiders = [d.c.zhongqiAdmin, d.c.zhongqiWindow, d.c.zqSifa, d.c.renshe];
    for (const c of outsiders) {
      for (const [method, path, body] of [
        ["GET", "", undefined],
        ["GET", "/history", undefined],
        ["POST", "/reveal", { field: "phone", reason: "核对" }],
      ] as const) {
        const res = await c.req(`/api/services/requests/${houqiId}${path}`, { method, body });
        expect([404, 403], `${method} ${path}`).toContain(res.statusCode);
        if (res.statusCode === 403) expect(res.json().error.code).toBe("FORBIDDEN");
      }
      const list = await c.json("/api/services/requests");
      expect(list.items.map((r: { id: string }) => r.id)).not.toContain(houqiId);
    }
    for (const [c, action, body] of [
      [d.c.zhongqiWindow, "refer", { toOrgId: d.zqSifa.id }],
      [d.c.zhongqiWindow, "answer", { answer: "x" }],
      [d.c.zhongqiWindow, "close", {}],
      [d.c.zqSifa, "receive", {}],
      [d.c.zqSifa, "decline", { reason: "not_our_duty", responsibleOrgId: d.renshe.id }],
      [d.c.zqSifa, "transfer", { toOrgId: d.renshe.id }],
      [d.c.zqSifa, "reply", { answer: "x" }],
      [d.c.renshe, "receive", {}],
    ] as const) {
      const res = await c.req(`/api/services/requests/${houqiId}/${action}`, { method: "POST", body });
      expect(res.statusCode, action).toBe(404);
    }
  });

  it("lets each party see its own: window, department, region", async () => {
    expect((await d.c.houqiWindow.json("/api/services/requests?view=window")).total).toBe(1);
    expect((await d.c.sifa.json("/api/services/requests?view=department")).total).toBe(1);
    expect((await d.c.houqiAdmin.json(`/api/services/requests/${houqiId}`)).id).toBe(houqiId);
    expect((await d.c.zhongqiAdmin.json("/api/services/stats")).total).toBe(0);
    expect((await d.c.houqiAdmin.json("/api/services/stats")).total).toBe(1);
    // A department only reads: the window's actions are refused.
    const res = await d.c.sifa.req(`/api/services/requests/${houqiId}/refer`, {
      method: "POST",
      body: { toOrgId: d.renshe.id },
    });
    expect(res.statusCode).toBe(403);
  });

  it("keeps registers and files within the region", async () => {
    const names = (await d.c.zhongqiAdmin.json("/api/services/windows")).map((w: { name: string }) => w.name);
    expect(names).toEqual(["保康镇民族团结服务窗口"]);
    const put = await d.c.zhongqiAdmin.req(`/api/services/windows/${d.houqiWin.id}`, {
      method: "PUT",
      body: { orgId: d.zhongqiTown.id, name: "x", address: "x", hours: "x" },
    });
    expect(put.statusCode).toBe(403);
    for (const path of ["/api/services/liaisons", "/api/services/meetings"]) {
      const res = await d.c.zhongqiAdmin.req(path, {
        method: "POST",
        body: {
          orgId: d.houqiTown.id,
          name: "张三",
          kind: "liaison",
          title: "会",
          heldOn: "2026-06-01",
          attendance: 9,
          issues: "x",
        },
      });
      expect([400, 403], path).toContain(res.statusCode);
    }
    const liaison = await d.c.zhongqiAdmin.req("/api/services/liaisons", {
      method: "POST",
      body: { orgId: d.houqiTown.id, name: "张三" },
    });
    expect(liaison.statusCode).toBe(403);
    const meeting = await d.c.houqiAdmin.json("/api/services/meetings", {
      method: "POST",
      body: {
        orgId: d.houqiTown.id,
        kind: "liaison",
        title: "少数民族联系会议",
        heldOn: "2026-06-01",
        attendance: 12,
        issues: "孩子入学",
        followUps: ["协调入学"],
      },
    });
    expect((await d.c.zhongqiAdmin.json("/api/services/meetings")).length).toBe(0);
    const follow = await d.c.zhongqiAdmin.req(`/api/services/meetings/${meeting.id}/follow-ups`, {
      method: "POST",
      body: { index: 0, request: { windowId: d.houqiWin.id, category: "school", description: "入学", name: "张三" } },
    });
    expect(follow.statusCode).toBe(403);
    const ok = await d.c.houqiAdmin.json(`/api/services/meetings/${meeting.id}/follow-ups`, {
      method: "POST",
      body: { index: 0, request: { windowId: d.houqiWin.id, category: "school", description: "入学", name: "张三" } },
    });
    expect(ok.trackingCode).toMatch(/^[A-Z2-9]{10}$/);
    const file = await d.c.houqiWindow.json("/api/services/files", {
      method: "POST",
      body: { orgId: d.houqiTown.id, purpose: "就业", consentRecord: "书面同意", name: "乌兰", needs: {} },
    });
    expect((await d.c.zhongqiWindow.json("/api/services/files")).total).toBe(0);
    for (const [path, body] of [
      ["close", { reason: "moved" }],
      ["reveal", { field: "name", reason: "核对" }],
    ] as const) {
      const res = await d.c.zhongqiAdmin.req(`/api/services/files/${file.id}/${path}`, { method: "POST", body });
      expect(res.statusCode, path).toBe(404);
    }
    const outFile = await d.c.zhongqiWindow.req("/api/services/files", {
      method: "POST",
      body: { orgId: d.houqiTown.id, purpose: "就业", consentRecord: "书面同意", name: "乌兰", needs: {} },
    });
    expect(outFile.statusCode).toBe(403);
  });
});
