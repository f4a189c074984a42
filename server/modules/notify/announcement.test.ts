import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, createOrg, createUser, login, twoBanners, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { PNG, uploadMaterial } from "../creation/creation.fixtures.js";

/**
 * 内部通知 (issue 19 §9): a department's announcement reaches the staff of its region and below (or only the
 * departments), each opening is a read receipt its publisher can see by name, withdrawal takes it out of every
 * inbox, and attachments open only through the announcement.
 */
describe("内部通知", () => {
  let h: TestApp;
  let city: Client;
  let houqi: Client;
  let houqiUnit: Client;
  let zhongqi: Client;

  beforeAll(async () => {
    h = await createTestApp();
    const f = await twoBanners(h);
    const cityDept = await createOrg(f.admin, "通辽市民族事务委员会", "1505", { isEthnicAffairsDept: true });
    await createUser(h, f.admin, "city_admin", cityDept.id, ["ethnic_affairs_admin"]);
    city = await login(h, "city_admin", USER_PASSWORD);
    houqi = await login(h, "houqi_admin", USER_PASSWORD);
    houqiUnit = await login(h, "houqi_unit", USER_PASSWORD);
    zhongqi = await login(h, "zhongqi_admin", USER_PASSWORD);
  });
  afterAll(() => h?.close());

  let cityNotice: { id: string };
  let fileId: string;

  it("the city's announcement to all staff reaches both banners and their units, unread until opened", async () => {
    fileId = await uploadMaterial(city, "民族团结进步宣传月活动方案");
    cityNotice = await city.json("/api/announcements", {
      method: "POST",
      body: {
        title: "关于开展2026年民族团结进步宣传月活动的通知",
        body: "各旗县（市、区）民委：\n请于9月30日前报送活动总结。<附件见下>",
        audience: "all",
        attachmentIds: [fileId],
      },
    });
    for (const c of [houqi, houqiUnit, zhongqi]) {
      const inbox = await c.json("/api/announcements");
      expect(inbox.unread).toBe(1);
      expect(inbox.items[0]).toMatchObject({
        title: "关于开展2026年民族团结进步宣传月活动的通知",
        orgName: "通辽市民族事务委员会",
        read: false,
        attachmentCount: 1,
      });
    }
    const opened = await houqiUnit.json(`/api/announcements/${cityNotice.id}`);
    expect(opened).toMatchObject({ read: true, receipts: null, canWithdraw: false });
    expect(opened.body).toContain("<附件见下>");
    expect((await houqiUnit.json("/api/announcements")).unread).toBe(0);
    // The attachment opens through the announcement for its audience.
    const file = await houqiUnit.req(`/api/announcements/${cityNotice.id}/evidence/${fileId}/download`);
    expect(file.statusCode).toBe(200);
    expect(Buffer.compare(file.rawPayload.subarray(0, PNG.length), PNG)).toBe(0);
  });

  it("its publisher sees who has read it, by name and organization; a recipient may not", async () => {
    const d = await city.json(`/api/announcements/${cityNotice.id}`);
    expect(d.canWithdraw).toBe(true);
    expect(d.receipts.read).toBe(2); // the unit user, and the publisher who is one of its audience too
    expect(d.receipts.recipients).toBeGreaterThanOrEqual(4); // city, two banners, the town's unit user
    const read = await city.json(`/api/announcements/${cityNotice.id}/receipts?read=true`);
    expect(read.items.map((r: { orgName: string }) => r.orgName).sort()).toEqual([
      "甘旗卡镇人民政府",
      "通辽市民族事务委员会",
    ]);
    expect(read.items.every((r: { readAt: string | null }) => !!r.readAt)).toBe(true);
    const unread = await city.json(`/api/announcements/${cityNotice.id}/receipts?read=false`);
    expect(unread.total).toBe(d.receipts.recipients - 2);
    expect(unread.items.every((r: { readAt: string | null }) => r.readAt === null)).toBe(true);
    expect((await houqi.req(`/api/announcements/${cityNotice.id}/receipts`)).statusCode).toBe(403);
  });

  it("a banner's announcement stays in the banner; to departments only, units do not get it", async () => {
    const own = await houqi.json("/api/announcements", {
      method: "POST",
      body: { title: "后旗民宗局工作例会通知", body: "周五下午三点开会。", audience: "departments" },
    });
    expect((await zhongqi.req(`/api/announcements/${own.id}`)).statusCode).toBe(404);
    expect((await houqiUnit.req(`/api/announcements/${own.id}`)).statusCode).toBe(404);
    expect((await zhongqi.req(`/api/announcements/${own.id}/evidence/${fileId}/download`)).statusCode).toBe(404);
    expect((await houqiUnit.json("/api/announcements")).items.map((a: { id: string }) => a.id)).not.toContain(own.id);
    // The city looks over the banners' announcements (its scope) without being addressed by them.
    const managed = await city.json("/api/announcements?box=managed");
    expect(managed.items.map((a: { id: string }) => a.id)).toContain(own.id);
    expect((await city.json(`/api/announcements/${own.id}`)).canWithdraw).toBe(true);
  });

  it("withdrawn with a reason, it leaves every inbox; again is a 409; a recipient cannot withdraw", async () => {
    expect(
      (await houqi.req(`/api/announcements/${cityNotice.id}/withdraw`, { method: "POST", body: { reason: "重发" } }))
        .statusCode,
    ).toBe(403);
    const w = await city.json(`/api/announcements/${cityNotice.id}/withdraw`, {
      method: "POST",
      body: { reason: "时间有误，另行通知" },
    });
    expect(w).toMatchObject({ withdrawReason: "时间有误，另行通知", canWithdraw: false });
    expect((await zhongqi.json("/api/announcements")).items).toEqual([]);
    const again = await city.req(`/api/announcements/${cityNotice.id}/withdraw`, {
      method: "POST",
      body: { reason: "再撤" },
    });
    expect(again.statusCode).toBe(409);
  });

  it("a unit user may not publish; bad input is a 400 naming the field", async () => {
    const unit = await houqiUnit.req("/api/announcements", {
      method: "POST",
      body: { title: "x", body: "y", audience: "all" },
    });
    expect(unit.statusCode).toBe(403);
    for (const [body, field] of [
      [{ title: "", body: "y" }, "title"],
      [{ title: "x", body: "y", audience: "everyone" }, "audience"],
      [{ title: "x\u202e", body: "y" }, "title"],
    ] as const) {
      const res = await city.req("/api/announcements", { method: "POST", body });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.fields[0].field).toBe(field);
    }
  });
});
