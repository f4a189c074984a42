/**
 * The day-before reminder of a group visit (issue 11 §3): every approved booking whose session is tomorrow
 * (Beijing date) and that has not been reminded gets one SMS to its contact through 消息中心's delivery channel
 * (the logging adapter unless a deployer configured a gateway, so nothing is sent from the repository's defaults).
 *
 * Each booking is its own transaction: the row is locked (SKIP LOCKED, so two instances never remind it twice),
 * the message sent, `reminded_at` set and the audit entry written; a failed send rolls all of it back and the
 * booking is tried again on the next run. Declined, cancelled, no-show and checked-in bookings are not approved,
 * so they get nothing. The job runs hourly in the daytime, so a booking made or approved today for tomorrow is
 * still reminded the same day.
 */
import { and, asc, eq, isNull } from "drizzle-orm";
import { addDays, beijingDate, inBeijing } from "../../../contracts/dates.js";
import type { Deps } from "../../core/context.js";
import { maskName } from "../../core/crypto.js";
import { recordAudit } from "../audit/index.js";
import { notifyAdapters, type Outgoing } from "../notify/index.js";
import { baseBookings, baseSessions, bases } from "./bases.schema.js";

/** Reminders go out between 08:00 and 21:00 Beijing time; a run outside these hours does nothing. */
export const REMINDER_HOURS = { from: 8, until: 21 } as const;

export type ReminderRun = { due: number; sent: number; skipped: boolean };

/** The reminder's text: the base, the date and time, the address and the booking code. */
export function reminderMessage(r: {
  baseName: string;
  address: string | null;
  basePhone: string | null;
  date: string;
  startTime: string;
  endTime: string;
  groupSize: number;
  bookerOrgName: string;
  trackingCode: string;
}): Outgoing {
  return {
    subject: `参观提醒：${r.baseName} ${r.date} ${r.startTime}`,
    lines: [
      `${r.bookerOrgName}：您预约的“${r.baseName}”团体参观（${r.groupSize} 人）将于明天 ${r.date} ${r.startTime}—${r.endTime} 进行。`,
      `地址：${r.address ?? "请向基地咨询"}`,
      ...(r.basePhone ? [`基地联系电话：${r.basePhone}`] : []),
      `预约码：${r.trackingCode}（签到时出示，也可凭此查询或取消预约）`,
    ],
  };
}

/** The job: reminds tomorrow's approved, not yet reminded bookings. Throws after the run if any send failed. */
export async function sendBookingReminders(deps: Deps): Promise<ReminderRun> {
  const now = deps.clock.now();
  const hour = inBeijing(now).hour();
  if (hour < REMINDER_HOURS.from || hour >= REMINDER_HOURS.until) return { due: 0, sent: 0, skipped: true };
  const tomorrow = addDays(beijingDate(now), 1);
  const due = await deps.db
    .select({ id: baseBookings.id })
    .from(baseBookings)
    .where(
      and(eq(baseBookings.sessionDate, tomorrow), eq(baseBookings.status, "approved"), isNull(baseBookings.remindedAt)),
    )
    .orderBy(asc(baseBookings.createdAt))
    .limit(5000);
  if (due.length === 0) return { due: 0, sent: 0, skipped: false };
  const sms = (await notifyAdapters()).sms;
  let sent = 0;
  const failures: string[] = [];
  for (const { id } of due) {
    try {
      sent += await deps.db.transaction(async (tx) => {
        const [row] = await tx
          .select({
            b: baseBookings,
            baseName: bases.name,
            address: bases.address,
            basePhoneEnc: bases.contactPhoneEnc,
            startTime: baseSessions.startTime,
            endTime: baseSessions.endTime,
          })
          .from(baseBookings)
          .innerJoin(bases, eq(bases.id, baseBookings.baseId))
          .innerJoin(baseSessions, eq(baseSessions.id, baseBookings.sessionId))
          .where(
            and(
              eq(baseBookings.id, id),
              eq(baseBookings.status, "approved"),
              eq(baseBookings.sessionDate, tomorrow),
              isNull(baseBookings.remindedAt),
            ),
          )
          .for("update", { of: baseBookings, skipLocked: true });
        // Cancelled, reminded by another instance, or being changed right now: nothing to do.
        if (!row) return 0;
        const b = row.b;
        const contactName = deps.cipher.decrypt(b.contactNameEnc);
        const phone = deps.cipher.decrypt(b.contactPhoneEnc);
        const message = reminderMessage({
          baseName: row.baseName,
          address: row.address,
          basePhone: row.basePhoneEnc ? deps.cipher.decrypt(row.basePhoneEnc) : null,
          date: b.sessionDate,
          startTime: row.startTime,
          endTime: row.endTime,
          groupSize: b.groupSize,
          bookerOrgName: b.bookerOrgName,
          trackingCode: b.trackingCode,
        });
        await sms.send({ userId: b.id, displayName: `${maskName(contactName)}（${b.bookerOrgName}）`, phone }, message);
        const at = deps.clock.now();
        await tx.update(baseBookings).set({ remindedAt: at }).where(eq(baseBookings.id, b.id));
        await recordAudit(tx, deps.clock, null, {
          category: "data",
          action: "base_booking.remind",
          entity: "base_booking",
          entityId: b.id,
          regionCode: b.regionCode,
          orgId: b.orgId,
          actorName: "系统（参观前一日提醒）",
          summary: `已向“${b.bookerOrgName}”的${maskName(contactName)}发送“${row.baseName}”${b.sessionDate} ${row.startTime} 参观提醒（${sms.name}）`,
          changes: { remindedAt: [null, at.toISOString()] },
        });
        return 1;
      });
    } catch (e) {
      failures.push(e instanceof Error ? e.message : String(e));
    }
  }
  if (failures.length > 0)
    throw new Error(`${failures.length} 条参观提醒发送失败，将在下次运行时重试：${failures[0].slice(0, 200)}`);
  return { due: due.length, sent, skipped: false };
}
