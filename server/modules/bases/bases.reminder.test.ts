import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobKinds } from "../../core/core.schema.js";
import { JobRunner } from "../../core/jobs.js";
import { login, USER_PASSWORD } from "../../test/fixtures.js";
import { createTestApp, type TestApp } from "../../test/harness.js";
import { auditLog } from "../audit/audit.schema.js";
import {
  LoggingAdapter,
  type NotifyAdapter,
  type Outgoing,
  type Recipient,
  setNotifyAdapters,
} from "../notify/index.js";
import { baseFixture, sessionBody } from "./bases.fixtures.js";
import { baseBookings } from "./bases.schema.js";
import { BASES_JOBS, registerBasesJobs } from "./index.js";
import { sendBookingReminders } from "./reminder.service.js";

/**
 * The day-before reminder of a group visit (fake clock): approved bookings of tomorrow's sessions get one SMS
 * through 消息中心's channel adapter (the logging one, its line with the phone masked), reminded_at set and an
 * audit entry; declined, cancelled and pending ones get nothing; a second run sends nothing again; a booking
 * approved today for tomorrow is reminded on the next run; a failed send is retried.
 */
describe("教育基地: reminders the day before a visit", () => {
  let h: TestApp;
  let fx: Awaited<ReturnType<typeof baseFixture>>;
  let baseId: string;
  let runner: JobRunner;
  const logged: string[] = [];
  const sent: { to: Recipient; message: Outgoing }[] = [];
  let failing = false;
  const logging = new LoggingAdapter("sms", (line) => logged.push(line));
  const sms: NotifyAdapter = {
    name: "log",
    async send(to, message) {
      if (failing) throw new Error("短信网关不可用");
      sent.push({ to, message });
      await logging.send(to, message);
    },
  };

  const pub = (url: string, body: unknown) => h.app.inject({ method: "POST", url, payload: body as object });
  const book = async (sessionId: string, org: string, phone: string, size = 20) => {
    const res = await pub(`/api/public/bases/sessions/${sessionId}/bookings`, {
      bookerOrgName: org,
      groupSize: size,
      contactName: "李老师",
      contactPhone: phone,
    });
    expect(res.statusCode).toBe(200);
    const code = res.json().trackingCode as string;
    const [row] = await h.deps.db.select().from(baseBookings).where(eq(baseBookings.trackingCode, code));
    return row;
  };
  // The base's staff, signed in afresh (the fake clock moves past the idle timeout).
  const staffClient = () => login(h, "houqi_unit", USER_PASSWORD);
  const act = async (bookingId: string, action: string, body: object = {}) =>
    (await staffClient()).json(`/api/bases/${baseId}/bookings/${bookingId}/${action}`, { method: "POST", body });
  const remindedAt = async (id: string) =>
    (await h.deps.db.select().from(baseBookings).where(eq(baseBookings.id, id)))[0].remindedAt;
  const reminderAudits = (id: string) =>
    h.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "base_booking.remind"), eq(auditLog.entityId, id)));

  beforeAll(async () => {
    // 10:00 in Beijing on 10 May.
    h = await createTestApp({ start: "2026-05-10T02:00:00Z" });
    fx = await baseFixture(h);
    baseId = fx.base.id;
    setNotifyAdapters({ sms, email: new LoggingAdapter("email", () => undefined) });
    runner = new JobRunner(h.deps.db, h.clock);
    await registerBasesJobs(runner, h.deps);
  });
  afterAll(async () => {
    setNotifyAdapters(null);
    await h?.close();
  });

  it("reminds tomorrow's approved booking once, with the phone masked in the log", async () => {
    const staff = await staffClient();
    const open = "2026-05-01T00:00:00+08:00";
    const tomorrow = await staff.json(`/api/bases/${baseId}/sessions`, {
      method: "POST",
      body: sessionBody("2026-05-11", 200, 50, open, "2026-05-11T08:00:00+08:00"),
    });
    const later = await staff.json(`/api/bases/${baseId}/sessions`, {
      method: "POST",
      body: sessionBody("2026-05-12", 200, 50, open, "2026-05-12T08:00:00+08:00"),
    });
    const approved = await book(tomorrow.id, "甘旗卡第二小学", "13912345678");
    const declined = await book(tomorrow.id, "甘旗卡第三小学", "13922223333");
    const cancelled = await book(tomorrow.id, "甘旗卡第一中学", "13933334444");
    const pending = await book(tomorrow.id, "甘旗卡镇政府", "13944445555");
    const dayAfter = await book(later.id, "甘旗卡实验小学", "13955556666");
    await act(approved.id, "approve");
    await act(declined.id, "decline", { reason: "当日已满" });
    await act(cancelled.id, "approve");
    await act(cancelled.id, "cancel", { reason: "学校临时调课" });
    await act(dayAfter.id, "approve");

    expect(await runner.tick()).toBe(1);
    expect(sent).toHaveLength(1);
    const [only] = sent;
    expect(only.to.phone).toBe("13912345678");
    expect(only.to.displayName).not.toContain("李老师");
    const text = [only.message.subject, ...only.message.lines].join("\n");
    expect(text).toContain("科左后旗民族团结进步教育馆");
    expect(text).toContain("2026-05-11 09:30—11:00");
    expect(text).toContain("甘旗卡镇振兴路 1 号");
    expect(text).toContain(approved.trackingCode);
    // The logging adapter's line: the phone masked, never in full.
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain("139****5678");
    expect(logged[0]).not.toContain("13912345678");

    expect(await remindedAt(approved.id)).toEqual(h.clock.now());
    for (const b of [declined, cancelled, pending, dayAfter]) expect(await remindedAt(b.id)).toBeNull();
    const audits = await reminderAudits(approved.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: null, actorName: "系统（参观前一日提醒）", orgId: approved.orgId });
    expect(audits[0].summary).not.toContain("13912345678");
    expect(audits[0].summary).not.toContain("李老师");

    // An hour later (the job is hourly): nothing twice.
    h.clock.advance(3_600_000);
    expect(await runner.tick()).toBe(1);
    expect(sent).toHaveLength(1);
    expect(await reminderAudits(approved.id)).toHaveLength(1);

    // A booking made and approved today for tomorrow is reminded on the next run.
    const lateComer = await book(tomorrow.id, "甘旗卡第四小学", "13966667777");
    await act(lateComer.id, "approve");
    h.clock.advance(3_600_000);
    expect(await runner.tick()).toBe(1);
    expect(sent).toHaveLength(2);
    expect(sent[1].message.lines.join("\n")).toContain(lateComer.trackingCode);
    expect(await remindedAt(lateComer.id)).not.toBeNull();

    // At night nothing goes out; the next morning the day-after booking's session is tomorrow.
    h.clock.set("2026-05-10T15:30:00Z");
    expect(await sendBookingReminders(h.deps)).toMatchObject({ skipped: true, sent: 0 });
    h.clock.set("2026-05-11T00:30:00Z");
    expect(await sendBookingReminders(h.deps)).toMatchObject({ skipped: false, due: 1, sent: 1 });
    expect(sent).toHaveLength(3);
    expect(sent[2].to.phone).toBe("13955556666");
    expect(await remindedAt(dayAfter.id)).not.toBeNull();
  });

  it("a failed send leaves the booking unreminded, marks the run failed, and is retried", async () => {
    const staff = await staffClient();
    const s = await staff.json(`/api/bases/${baseId}/sessions`, {
      method: "POST",
      body: sessionBody("2026-05-12", 100, 50, "2026-05-01T00:00:00+08:00", "2026-05-12T08:00:00+08:00"),
    });
    const b = await book(s.id, "甘旗卡第五小学", "13977778888");
    await act(b.id, "approve");
    failing = true;
    await expect(sendBookingReminders(h.deps)).rejects.toThrow("1 条参观提醒发送失败");
    expect(await remindedAt(b.id)).toBeNull();
    expect(await reminderAudits(b.id)).toHaveLength(0);
    // Through the runner, the kind shows the failure on 定时任务.
    h.clock.advance(3_600_000);
    await runner.tick();
    const [kind] = await h.deps.db.select().from(jobKinds).where(eq(jobKinds.kind, BASES_JOBS.remindBookings));
    expect(kind.lastOk).toBe(false);
    failing = false;
    expect(await sendBookingReminders(h.deps)).toMatchObject({ sent: 1 });
    expect(await remindedAt(b.id)).not.toBeNull();
    expect(await reminderAudits(b.id)).toHaveLength(1);
  });
});
