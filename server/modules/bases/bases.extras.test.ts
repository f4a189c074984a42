import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { login, USER_PASSWORD } from "../../test/fixtures.js";
import { ADMIN_PASSWORD, createTestApp, type TestApp } from "../../test/harness.js";
import { auditLog } from "../audit/audit.schema.js";
import { users } from "../identity/identity.schema.js";
import { loadActorForUser, userIdByUsername } from "../identity/index.js";
import { baseFixture, sessionBody, upload } from "./bases.fixtures.js";
import { enterBaseFromNaming } from "./index.js";

type Msg = {
  source: string;
  kindLabel: string;
  title: string;
  link: string | null;
  dueOn: string | null;
  overdue: boolean;
  resolved: boolean;
};

/**
 * 教育基地 beyond the main flow: an exhibit's QR code (only of a published exhibit), the registry entry's 操作记录 in
 * scope only, and the to-dos the message centre shows: bookings to approve, pages to review, the month's report to
 * confirm and then accept, and 复核 before the term ends (fake clock).
 */
describe("教育基地: QR codes, history, reminders", () => {
  let h: TestApp;
  let fx: Awaited<ReturnType<typeof baseFixture>>;
  let baseId: string;
  const pub = (url: string, method: "GET" | "POST" = "GET", body?: unknown) =>
    h.app.inject({ method, url, ...(body ? { payload: body as object } : {}) });
  const messages = async (c: typeof fx.houqiAdmin) =>
    (await c.json<{ items: Msg[] }>("/api/messages?pageSize=100")).items.filter((m) => m.source === "bases");
  const relogin = async () => {
    await h.deps.db.update(users).set({ passwordChangedAt: h.clock.now() });
    fx.houqiAdmin = await login(h, "houqi_admin", USER_PASSWORD);
    fx.zhongqiAdmin = await login(h, "zhongqi_admin", USER_PASSWORD);
    fx.houqiUnitUser = await login(h, "houqi_unit", USER_PASSWORD);
  };

  beforeAll(async () => {
    h = await createTestApp({ start: "2026-03-02T01:00:00Z" });
    fx = await baseFixture(h);
    baseId = fx.base.id;
  });
  afterAll(async () => h?.close());

  it("serves an exhibit's QR code once the page is published, pointing at the exhibit's own page", async () => {
    const staff = fx.houqiUnitUser;
    const photo = await upload(staff, "展品照片", "png");
    const draft = await staff.json(`/api/bases/${baseId}/pages/draft`, {
      method: "PUT",
      body: { intro: "简介", galleryIds: [photo], exhibits: [{ id: "e1", title: "守望相助", imageIds: [photo] }] },
    });
    expect((await pub(`/api/public/bases/${baseId}/exhibits/e1/qr.svg`)).statusCode).toBe(404);
    await staff.json(`/api/bases/${baseId}/pages/${draft.id}/submit`, { method: "POST" });
    // The submitted page is the department's to-do.
    const review = (await messages(fx.houqiAdmin)).filter((m) => m.kindLabel === "审核数字展馆");
    expect(review).toHaveLength(1);
    expect(review[0].link).toBe(`/bases/${baseId}`);
    expect((await messages(fx.zhongqiAdmin)).some((m) => m.kindLabel === "审核数字展馆")).toBe(false);
    await fx.houqiAdmin.json(`/api/bases/${baseId}/pages/${draft.id}/publish`, { method: "POST" });
    const qr = await pub(`/api/public/bases/${baseId}/exhibits/e1/qr.svg`);
    expect(qr.statusCode).toBe(200);
    expect(qr.headers["content-type"]).toContain("image/svg+xml");
    expect(qr.body.startsWith("<svg")).toBe(true);
    expect((await pub(`/api/public/bases/${baseId}/exhibits/nope/qr.svg`)).statusCode).toBe(404);
    expect((await pub(`/api/public/bases/00000000-0000-4000-8000-000000000000/exhibits/e1/qr.svg`)).statusCode).toBe(
      404,
    );
  });

  it("shows the registry entry's history to those who see the base, 404 to others", async () => {
    const hist = await fx.houqiAdmin.json<{ items: { action: string }[]; total: number }>(
      `/api/bases/${baseId}/history`,
    );
    expect(hist.items.map((e) => e.action)).toContain("base.create");
    expect((await fx.zhongqiAdmin.req(`/api/bases/${baseId}/history`)).statusCode).toBe(404);
  });

  it("reminds the staff of bookings to approve and last month's report, the department of acceptance", async () => {
    const staff = fx.houqiUnitUser;
    const s = await staff.json(`/api/bases/${baseId}/sessions`, {
      method: "POST",
      body: sessionBody("2026-03-20", 60, 50, "2026-03-01T00:00:00+08:00", "2026-03-19T18:00:00+08:00"),
    });
    const booked = await pub(`/api/public/bases/sessions/${s.id}/bookings`, "POST", {
      bookerOrgName: "甘旗卡第二小学",
      groupSize: 30,
      contactName: "李老师",
      contactPhone: "13912345678",
    });
    expect(booked.statusCode).toBe(200);
    const todo = (await messages(staff)).filter((m) => m.kindLabel === "审核参观预约");
    expect(todo).toHaveLength(1);
    expect(todo[0]).toMatchObject({ dueOn: "2026-03-19", overdue: false });
    expect(todo[0].title).toContain("甘旗卡第二小学");
    // The department does not approve bookings: not its to-do.
    expect((await messages(fx.houqiAdmin)).some((m) => m.kindLabel === "审核参观预约")).toBe(false);
    const list = await staff.json<{ items: { id: string }[] }>(`/api/bases/${baseId}/bookings`);
    await staff.json(`/api/bases/${baseId}/bookings/${list.items[0].id}/approve`, { method: "POST", body: {} });
    // Approved: the to-do is gone (its message resolved at the next sync, at most once a minute).
    h.clock.advance(61_000);
    expect((await messages(staff)).some((m) => m.kindLabel === "审核参观预约" && !m.resolved)).toBe(false);

    // April: March's report is due on 10 April; after that it is overdue.
    h.clock.set("2026-04-12T02:00:00Z");
    await relogin();
    const report = (await messages(fx.houqiUnitUser)).find((m) => m.kindLabel === "确认参观人数月报");
    expect(report).toMatchObject({ dueOn: "2026-04-10", overdue: true });
    await fx.houqiUnitUser.json(`/api/bases/${baseId}/reports/2026-03/prefill`, { method: "POST" });
    await fx.houqiUnitUser.json(`/api/bases/${baseId}/reports/2026-03/confirm`, { method: "POST" });
    h.clock.advance(61_000);
    expect((await messages(fx.houqiUnitUser)).some((m) => m.kindLabel === "确认参观人数月报" && !m.resolved)).toBe(
      false,
    );
    expect((await messages(fx.houqiAdmin)).filter((m) => m.kindLabel === "接收参观人数月报")).toHaveLength(1);
  });

  it("reminds the department of 复核 within 90 days of the term's end, not before", async () => {
    expect((await messages(fx.houqiAdmin)).some((m) => m.kindLabel === "教育基地复核")).toBe(false);
    // The lead is a setting (参数设置 → 教育基地): a year's lead marks the base 待复核 at once, in the list too.
    const admin = await login(h, "admin", ADMIN_PASSWORD);
    const put = (reviewLeadDays: number) =>
      admin.req("/api/system/settings/bases", { method: "PUT", body: { reviewLeadDays } });
    expect((await put(3)).json().error.message).toContain("复核提前提醒天数");
    expect((await put(365)).statusCode).toBe(200);
    expect((await fx.houqiAdmin.json(`/api/bases/${baseId}`)).reviewDue).toBe(true);
    const dueList = await fx.houqiAdmin.json("/api/bases?reviewDue=true");
    expect(dueList.items.map((b: { id: string }) => b.id)).toContain(baseId);
    expect((await put(90)).statusCode).toBe(200);
    expect((await fx.houqiAdmin.json(`/api/bases/${baseId}`)).reviewDue).toBe(false);
    h.clock.set("2026-10-20T02:00:00Z");
    await relogin();
    const due = (await messages(fx.houqiAdmin)).find((m) => m.kindLabel === "教育基地复核");
    expect(due).toMatchObject({ dueOn: "2027-01-09", overdue: false, link: `/bases/${baseId}` });
    expect((await messages(fx.zhongqiAdmin)).some((m) => m.kindLabel === "教育基地复核")).toBe(false);
    await fx.houqiAdmin.json(`/api/bases/${baseId}/review`, { method: "POST" });
    h.clock.advance(61_000);
    expect((await messages(fx.houqiAdmin)).some((m) => m.kindLabel === "教育基地复核" && !m.resolved)).toBe(false);
  });

  it("a unit named through 示范创建 in a category of bases enters the registry once; other categories do not", async () => {
    const actor = (await loadActorForUser(h.deps.db, (await userIdByUsername(h.deps.db, "houqi_admin"))!))!;
    const ctx = { ...h.deps, clock: h.clock, actor };
    const unit = {
      orgId: fx.houqiTown.id,
      unitName: "甘旗卡镇爱国主义教育馆",
      regionCode: "150522",
      level: "county" as const,
      namedOn: "2026-10-01",
      validityYears: 5,
      docNumber: "后民宗发〔2026〕9号",
    };
    const named = await h.deps.db.transaction((tx) =>
      enterBaseFromNaming(tx, ctx, { ...unit, category: "base_patriotism" }),
    );
    expect(named).toBeTruthy();
    expect(
      await h.deps.db.transaction((tx) => enterBaseFromNaming(tx, ctx, { ...unit, category: "base_patriotism" })),
    ).toBeNull();
    expect(
      await h.deps.db.transaction((tx) => enterBaseFromNaming(tx, ctx, { ...unit, category: "school" })),
    ).toBeNull();
    expect(
      await h.deps.db.transaction((tx) => enterBaseFromNaming(tx, ctx, { ...unit, category: "base_nonsense" })),
    ).toBeNull();
    const base = await fx.houqiAdmin.json(`/api/bases/${named}`);
    expect(base).toMatchObject({
      name: "甘旗卡镇爱国主义教育馆",
      kindLabel: "爱国主义教育基地",
      status: "active",
      termEndsOn: "2031-09-30",
      access: "supervise",
    });
    expect(base.namedBy).toContain("后民宗发〔2026〕9号");
    const hist = await fx.houqiAdmin.json<{ items: { action: string }[] }>(`/api/bases/${named}/history`);
    expect(hist.items.map((e) => e.action)).toEqual(["base.create"]);
  });

  it("批量接收: the department accepts a month's confirmed reports in one action; each item checked and audited", async () => {
    await relogin();
    const staff = fx.houqiUnitUser;
    const other = await fx.houqiAdmin.json<{ id: string }>("/api/bases", {
      method: "POST",
      body: {
        name: "甘旗卡镇民族团结进步实践基地",
        kind: "unity_progress",
        level: "county",
        operatingOrgId: fx.houqiTown.id,
        regionCode: "150522",
        address: "甘旗卡镇团结路 2 号",
        namedOn: "2024-01-10",
      },
    });
    const month = "2025-12";
    for (const id of [baseId, other.id])
      await staff.json(`/api/bases/${id}/reports/${month}/prefill`, { method: "POST" });
    await staff.json(`/api/bases/${baseId}/reports/${month}/confirm`, { method: "POST" });
    const unknown = "7d0c1c52-7a3e-4f61-9a55-0f5b1f1f2a77";
    const bulk = (c: typeof staff, ids: string[]) =>
      c.req("/api/bases/reports/bulk/accept", { method: "POST", body: { month, ids } });
    expect((await bulk(staff, [baseId])).statusCode).toBe(403);
    const r = (await bulk(fx.houqiAdmin, [baseId, other.id, unknown])).json();
    expect(r.total).toBe(3);
    expect(r.succeeded.map((x: { name: string }) => x.name)).toEqual(["科左后旗民族团结进步教育馆"]);
    expect(r.failed.map((x: { name: string }) => x.name)).toEqual([
      "甘旗卡镇民族团结进步实践基地",
      "（无权查看或不存在的对象）",
    ]);
    expect(r.failed[0].reason).toBeTruthy();
    const rows = await fx.houqiAdmin.json<{ baseId: string; report: { status: string } | null }[]>(
      `/api/bases/reports?month=${month}`,
    );
    expect(rows.find((x) => x.baseId === baseId)?.report?.status).toBe("accepted");
    expect(rows.find((x) => x.baseId === other.id)?.report?.status).not.toBe("accepted");
    const again = (await bulk(fx.houqiAdmin, [baseId])).json();
    expect(again.failed).toHaveLength(1);
    expect((await bulk(fx.houqiAdmin, [])).statusCode).toBe(400);
    // One audit entry for the one report accepted (the refusals change nothing).
    const audited = await h.deps.db
      .select({ action: auditLog.action, summary: auditLog.summary })
      .from(auditLog)
      .where(and(eq(auditLog.entity, "base_report"), like(auditLog.summary, `%${month}%`)));
    expect(audited.filter((a) => a.action.endsWith("accept"))).toHaveLength(1);
  });
});
