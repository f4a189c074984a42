import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, login } from "../../test/fixtures.js";
import { ADMIN_PASSWORD, createTestApp, type TestApp } from "../../test/harness.js";
import { escalateOverdueRequests } from "./escalation.service.js";
import { purgeExpiredFiles } from "./files.service.js";
import { type Desks, PERSON, serviceDesks, signInAll, windowRequest } from "./services.fixtures.js";

/**
 * The bar flow through the HTTP API, on the official calendar: a legal-aid request submitted online on Thursday
 * 2026-04-02 lands first in the window's queue (绿色通道), is referred to 司法局 with 3 working days across 清明
 * (04-04 … 04-06), declined naming 人社局, re-referred, answered; the person follows it by code, sees who accessed
 * their data, rates it 基本满意; the statistics move.
 */
describe("service desk", () => {
  let h: TestApp;
  let d: Desks;
  const pub = () => client(h, null);

  beforeAll(async () => {
    h = await createTestApp({ start: "2026-04-02T02:00:00Z" });
    d = await serviceDesks(h);
  });
  afterAll(() => h?.close());

  it("runs the legal-aid green channel from the portal to the rating, over a holiday", async () => {
    let c = d.c;
    const ordinary = await windowRequest(c.houqiWindow, d.houqiWin.id);
    expect(ordinary.green).toBe(false);
    const options = await pub().json("/api/public/services/options");
    expect(options.windows.map((w: { name: string }) => w.name)).toContain("甘旗卡镇民族团结服务窗口");
    expect(JSON.stringify(options.windows)).not.toContain(d.users.houqiWindow.id);
    const receipt = await pub().json("/api/public/services/requests", {
      method: "POST",
      body: {
        windowId: d.houqiWin.id,
        category: "legal_aid",
        description: "工资被拖欠半年，需要法律援助",
        language: "蒙古语",
        name: PERSON.name,
        phone: "13700001111",
        consent: true,
      },
    });
    const code = receipt.trackingCode as string;
    expect(code).toMatch(/^[A-Z2-9]{10}$/);

    const queue = await c.houqiWindow.json("/api/services/requests?view=window");
    expect(queue.items[0]).toMatchObject({
      trackingCode: code,
      green: true,
      channelLabel: "网上",
      statusLabel: "已受理",
    });
    expect(queue.items[0].nameMasked).toBe("包**");
    expect(queue.items[0].phoneMasked).toBe("137****1111");
    const id = queue.items[0].id as string;

    const referred = await c.houqiWindow.json(`/api/services/requests/${id}/refer`, {
      method: "POST",
      body: { toOrgId: d.sifa.id, days: 3 },
    });
    // Thursday 04-02 + 3 working days: Fri 04-03, (清明 04-04…04-06), Tue 04-07, Wed 04-08.
    expect(referred).toMatchObject({ status: "referred", dueOn: "2026-04-08", acceptDueOn: "2026-04-03" });
    const sifaQueue = await c.sifa.json("/api/services/requests?view=department");
    expect(sifaQueue.items.map((r: { id: string }) => r.id)).toEqual([id]);

    const declined = await c.sifa.json(`/api/services/requests/${id}/decline`, {
      method: "POST",
      body: { reason: "not_our_duty", responsibleOrgId: d.renshe.id, note: "欠薪属劳动保障监察" },
    });
    expect(declined).toMatchObject({ status: "declined", deptOrgId: null });
    // 司法局 keeps seeing what it handled, but may no longer act on it.
    const again = await c.sifa.req(`/api/services/requests/${id}/reply`, { method: "POST", body: { answer: "x" } });
    expect(again.statusCode).toBe(403);

    await c.houqiWindow.json(`/api/services/requests/${id}/reveal`, {
      method: "POST",
      body: { field: "phone", reason: "电话告知转办人社局" },
    });
    await c.houqiWindow.json(`/api/services/requests/${id}/refer`, { method: "POST", body: { toOrgId: d.renshe.id } });
    await c.renshe.json(`/api/services/requests/${id}/receive`, { method: "POST", body: {} });
    h.clock.advance(86_400_000);
    d.c = await signInAll(h);
    c = d.c;
    const answered = await c.renshe.json(`/api/services/requests/${id}/reply`, {
      method: "POST",
      body: { answer: "已立案调查，督促用人单位支付欠薪" },
    });
    expect(answered).toMatchObject({ status: "answered", answeredOnTime: true });

    const status = await pub().json(`/api/public/services/requests/${code}`);
    expect(status).toMatchObject({
      statusLabel: "已答复",
      answer: "已立案调查，督促用人单位支付欠薪",
      green: true,
      canRate: true,
    });
    expect(status.accesses).toEqual([
      expect.objectContaining({ fieldLabel: "联系电话", reason: "电话告知转办人社局", orgName: "甘旗卡镇人民政府" }),
    ]);
    expect(status.events.map((e: { actionLabel: string }) => e.actionLabel)).toEqual([
      "受理",
      "转办",
      "拒收",
      "转办",
      "接收",
      "答复",
    ]);
    const rated = await pub().json(`/api/public/services/requests/${code}/rate`, {
      method: "POST",
      body: { satisfaction: "basically", partlySolved: true },
    });
    expect(rated).toMatchObject({ statusLabel: "已办结", satisfactionLabel: "基本满意", canRate: false });
    const twice = await pub().req(`/api/public/services/requests/${code}/rate`, {
      method: "POST",
      body: { satisfaction: "satisfied" },
    });
    expect(twice.statusCode).toBe(409);

    const detail = await c.houqiAdmin.json(`/api/services/requests/${id}`);
    expect(
      detail.referrals.map((r: { toOrgName: string; outcomeLabel: string }) => [r.toOrgName, r.outcomeLabel]),
    ).toEqual([
      ["科尔沁左翼后旗司法局", "已拒收"],
      ["科尔沁左翼后旗人力资源和社会保障局", "已答复"],
    ]);
    expect(detail.referrals[0]).toMatchObject({
      declineReasonLabel: "不属于本部门职责",
      responsibleOrgName: "科尔沁左翼后旗人力资源和社会保障局",
    });

    const stats = await c.houqiAdmin.json("/api/services/stats");
    expect(stats).toMatchObject({
      total: 2,
      closed: 1,
      closedOnTime: 1,
      openOverdue: 0,
      onTimeRate: 100,
      partlySolved: 1,
    });
    expect(stats.satisfaction.find((s: { key: string }) => s.key === "basically").count).toBe(1);
    expect(stats.byCategory.map((g: { label: string }) => g.label).sort()).toEqual(["就业", "法律援助"].sort());
    // Two requests in 甘旗卡镇: below 5, the region's figures are suppressed.
    expect(stats.byRegion).toEqual([expect.objectContaining({ label: "甘旗卡镇", suppressed: true, total: null })]);
  });

  it("keeps no plaintext phone, ID number or name in the tables, and finds a request by phone through the blind index", async () => {
    const created = await windowRequest(d.c.houqiWindow, d.houqiWin.id, { category: "school" });
    await d.c.houqiWindow.json("/api/services/files", {
      method: "POST",
      body: {
        orgId: d.houqiTown.id,
        purpose: "子女入学、就业服务",
        consentRecord: "本人签署《服务档案知情同意书》",
        name: PERSON.name,
        phone: PERSON.phone,
        needs: { schooling: "孩子明年上小学，需要蒙古语授课学校", skills: "驾驶、养殖" },
      },
    });
    for (const table of [
      "service_requests",
      "service_files",
      "service_request_events",
      "service_access_log",
      "audit_log",
    ]) {
      const res = await h.deps.db.execute(sql.raw(`select row_to_json(t)::text as j from ${table} t`));
      const rows = (res as unknown as { rows: { j: string }[] }).rows;
      expect(rows.length, table).toBeGreaterThan(0);
      for (const r of rows) {
        expect(r.j, table).not.toContain(PERSON.phone);
        expect(r.j, table).not.toContain(PERSON.idNumber);
        expect(r.j, table).not.toContain(PERSON.name);
        expect(r.j, table).not.toContain("蒙古语授课");
      }
    }
    const byPhone = await d.c.houqiAdmin.json(`/api/services/requests?phone=${PERSON.phone}`);
    expect(byPhone.items.map((r: { id: string }) => r.id)).toContain(created.id);
    expect(byPhone.items.every((r: { phoneMasked: string }) => r.phoneMasked === "139****5678")).toBe(true);
    const byId = await d.c.houqiAdmin.json(`/api/services/requests?idNumber=${PERSON.idNumber}`);
    expect(byId.items.map((r: { id: string }) => r.id)).toContain(created.id);
    const none = await d.c.houqiAdmin.json("/api/services/requests?phone=13900000000");
    expect(none.total).toBe(0);
    const files = await d.c.houqiWindow.json(`/api/services/files?phone=${PERSON.phone}`);
    expect(files.items[0]).toMatchObject({ nameMasked: "包**", phoneMasked: "139****5678" });

    const revealed = await d.c.houqiAdmin.json(`/api/services/requests/${created.id}/reveal`, {
      method: "POST",
      body: { field: "idNumber", reason: "核对低保资格" },
    });
    expect(revealed.value).toBe(PERSON.idNumber);
    const history = await d.c.houqiAdmin.json(`/api/services/requests/${created.id}/history`);
    expect(history.items[0]).toMatchObject({ action: "service_request.reveal" });
    expect(history.items[0].summary).toContain("身份证号（理由：核对低保资格）");
    const noReason = await d.c.houqiAdmin.req(`/api/services/requests/${created.id}/reveal`, {
      method: "POST",
      body: { field: "phone", reason: "" },
    });
    expect(noReason.statusCode).toBe(400);
    const xlsx = await d.c.houqiAdmin.req("/api/services/requests/export");
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.includes(Buffer.from(PERSON.phone))).toBe(false);
  });

  it("marks overdue from the due dates and escalates once to the superior and the referring level", async () => {
    const r = await windowRequest(d.c.houqiWindow, d.houqiWin.id, { category: "housing" });
    await d.c.houqiWindow.json(`/api/services/requests/${r.id}/refer`, {
      method: "POST",
      body: { toOrgId: d.sifa.id },
    });
    const fresh = await d.c.sifa.json(`/api/services/requests/${r.id}`);
    expect(fresh.overdue).toBe(false);
    expect(await escalateOverdueRequests(h.deps)).toBe(0);
    const at = h.clock.now().getTime();
    h.clock.set(new Date(Date.parse(`${fresh.acceptDueOn}T02:00:00Z`) + 86_400_000 * 4));
    d.c = await signInAll(h);
    expect((await d.c.sifa.json(`/api/services/requests/${r.id}`)).overdue).toBe(true);
    expect(await escalateOverdueRequests(h.deps)).toBeGreaterThanOrEqual(1);
    expect(await escalateOverdueRequests(h.deps)).toBe(0);
    const detail = await d.c.houqiAdmin.json(`/api/services/requests/${r.id}`);
    expect(detail.referrals[0].escalatedToNames.sort()).toEqual(
      ["科尔沁左翼后旗民族事务委员会", "甘旗卡镇人民政府"].sort(),
    );
    expect(detail.events.at(-1).actionLabel).toBe("超期督办");
    // The superior (民委) and the referring window are alerted in 消息中心, once; the department, the person's
    // other banners and the unrelated unit user are not.
    const alerts = async (c: (typeof d.c)[keyof typeof d.c]) =>
      (
        await c.json<{ items: { title: string; kindLabel: string; link: string | null }[] }>(
          "/api/messages?pageSize=100",
        )
      ).items.filter((m) => m.kindLabel === "超期督办" && m.title.includes(detail.trackingCode));
    for (const c of [d.c.houqiAdmin, d.c.houqiWindow]) {
      const mine = await alerts(c);
      expect(mine).toHaveLength(1);
      expect(mine[0].title).toBe(`服务申请 ${detail.trackingCode} 超期未接收`);
      expect(mine[0].link).toBe(`/admin/services/requests/${r.id}`);
    }
    for (const c of [d.c.sifa, d.c.renshe, d.c.zhongqiAdmin, d.c.zhongqiWindow, d.c.houqiUnit]) {
      expect(await alerts(c)).toHaveLength(0);
    }
    const alertAudit = await h.deps.db.execute(
      sql`select summary from audit_log where action = 'service_request.alert' and entity_id = ${r.id}`,
    );
    const alertRows = (alertAudit as unknown as { rows: { summary: string }[] }).rows;
    expect(alertRows).toHaveLength(1);
    expect(alertRows[0].summary).toMatch(/已提醒.*的 2 人$/);
    const pubStatus = await client(h, null).json(`/api/public/services/requests/${detail.trackingCode}`);
    expect(pubStatus.overdue).toBe(true);
    const stats = await d.c.houqiAdmin.json("/api/services/stats");
    expect(stats.openOverdue).toBeGreaterThanOrEqual(1);
    expect(stats.onTimeRate).toBeLessThan(100);
    h.clock.set(new Date(at));
    d.c = await signInAll(h);
  });

  it("purges a closed file's personal fields after the retention period, keeping anonymous counts", async () => {
    const { id } = await d.c.houqiWindow.json("/api/services/files", {
      method: "POST",
      body: {
        orgId: d.houqiTown.id,
        purpose: "就业服务",
        consentRecord: "口头同意并录音",
        name: "其木格",
        phone: "13611112222",
        memberCount: 3,
        needs: { workWanted: "保洁" },
      },
    });
    await d.c.houqiWindow.json(`/api/services/files/${id}/close`, { method: "POST", body: { reason: "moved" } });
    expect(await purgeExpiredFiles(h.deps)).toBe(0);
    const at = h.clock.now().getTime();
    h.clock.set(new Date(at + 181 * 86_400_000));
    expect(await purgeExpiredFiles(h.deps)).toBe(1);
    d.c = await signInAll(h);
    const res = await h.deps.db.execute(
      sql`select name_enc, phone_enc, phone_idx, needs_enc, status, member_count from service_files where id = ${id}`,
    );
    expect((res as unknown as { rows: unknown[] }).rows[0]).toMatchObject({
      name_enc: null,
      phone_enc: null,
      phone_idx: null,
      needs_enc: null,
      status: "purged",
      member_count: 3,
    });
    h.clock.set(new Date(at));
    d.c = await signInAll(h);
  });

  it("has no ethnicity anywhere: no column, no filter, no grouping", async () => {
    const cols = await h.deps.db.execute(
      sql`select table_name, column_name from information_schema.columns where table_name like 'service%'`,
    );
    const names = (cols as unknown as { rows: { column_name: string }[] }).rows.map((r) => r.column_name);
    expect(names.length).toBeGreaterThan(30);
    expect(names.filter((n) => /ethnic|nation|minzu/i.test(n))).toEqual([]);
    const spec = await client(h, null).json("/api/openapi.json");
    const text = JSON.stringify(Object.entries(spec.paths).filter(([p]) => p.includes("/services")));
    expect(text.length).toBeGreaterThan(1000);
    expect(text).not.toMatch(/ethnic|nationality|民族成分|族别/i);
  });
  it("audits every reveal, one entry per field, and records it where the person sees it; a refused reveal leaves none", async () => {
    const r = await windowRequest(d.c.houqiWindow, d.houqiWin.id, { category: "medical" });
    const { id: fileId } = await d.c.houqiWindow.json("/api/services/files", {
      method: "POST",
      body: {
        orgId: d.houqiTown.id,
        purpose: "医疗救助",
        consentRecord: "本人签署知情同意书",
        name: "图雅",
        phone: "13522223333",
        needs: { other: "慢病送药" },
      },
    });
    const reveals = async () => {
      const res = await h.deps.db.execute(
        sql`select action, entity_id, summary from audit_log where action in ('service_request.reveal', 'service_file.reveal') and outcome = 'success' and entity_id in (${r.id}, ${fileId}) order by seq`,
      );
      return (res as unknown as { rows: { action: string; entity_id: string; summary: string }[] }).rows;
    };
    expect(await reveals()).toEqual([]);
    // Refused: no reason, a field that does not exist, a role without service:reveal.
    for (const body of [
      { field: "phone", reason: "" },
      { field: "ethnicity", reason: "核对" },
    ]) {
      const res = await d.c.houqiAdmin.req(`/api/services/requests/${r.id}/reveal`, { method: "POST", body });
      expect(res.statusCode).toBe(400);
    }
    const denied = await d.c.sifa.req(`/api/services/files/${fileId}/reveal`, {
      method: "POST",
      body: { field: "name", reason: "核对" },
    });
    expect([403, 404]).toContain(denied.statusCode);
    expect(await reveals()).toEqual([]);

    for (const field of ["name", "phone", "idNumber"])
      await d.c.houqiAdmin.json(`/api/services/requests/${r.id}/reveal`, {
        method: "POST",
        body: { field, reason: `电话回访核对${field}` },
      });
    for (const field of ["name", "phone"])
      await d.c.houqiWindow.json(`/api/services/files/${fileId}/reveal`, {
        method: "POST",
        body: { field, reason: "送药上门联系" },
      });
    const rows = await reveals();
    expect(rows.map((x) => x.action)).toEqual([
      "service_request.reveal",
      "service_request.reveal",
      "service_request.reveal",
      "service_file.reveal",
      "service_file.reveal",
    ]);
    expect(rows.slice(0, 3).every((x) => x.entity_id === r.id && x.summary.includes("理由"))).toBe(true);
    for (const x of rows) expect(x.summary).not.toMatch(/13522223333|图雅/);
    // The person sees the three accesses to the request through the tracking code.
    const pubStatus = await client(h, null).json(`/api/public/services/requests/${r.trackingCode}`);
    expect(pubStatus.accesses).toHaveLength(3);
    expect(pubStatus.accesses.map((a: { reason: string }) => a.reason)).toContain("电话回访核对phone");
  });

  it("takes each category's time limit from 参数设置: a change moves the next referral's due date, the options show it", async () => {
    const admin = await login(h, "admin", ADMIN_PASSWORD);
    const bad = await admin.req("/api/system/settings/services", { method: "PUT", body: { limit_employment: 0 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain("就业答复时限");
    const ok = await admin.req("/api/system/settings/services", { method: "PUT", body: { limit_employment: 2 } });
    expect(ok.statusCode).toBe(200);
    const options = await d.c.houqiWindow.json("/api/services/options");
    expect(options.timeLimits).toMatchObject({ employment: 2, legal_aid: 3 });
    const refer = async (body: Record<string, unknown>) => {
      const r = await windowRequest(d.c.houqiWindow, d.houqiWin.id);
      return d.c.houqiWindow.json(`/api/services/requests/${r.id}/refer`, {
        method: "POST",
        body: { toOrgId: d.renshe.id, ...body },
      });
    };
    // The statistics are cached until the next write (core/revisions.ts): three new requests show at once.
    const before = (await d.c.houqiAdmin.json("/api/services/stats")).total as number;
    expect((await d.c.houqiAdmin.json("/api/services/stats")).total).toBe(before);
    const byDefault = await refer({});
    expect(byDefault.dueOn).toBe((await refer({ days: 2 })).dueOn);
    expect(byDefault.dueOn).not.toBe((await refer({ days: 10 })).dueOn);
    expect((await d.c.houqiAdmin.json("/api/services/stats")).total).toBe(before + 3);
    await admin.req("/api/system/settings/services", { method: "PUT", body: { limit_employment: 10 } });
  });
});
