/**
 * Visiting sessions, group bookings, check-in and walk-ins.
 *
 * Capacity is counted in people. A booking reserves its seats when it is made, with ONE statement
 * (`UPDATE base_sessions SET booked = booked + n WHERE id = … AND booked + n <= capacity`) in the booking's
 * transaction: PostgreSQL re-checks the condition on the locked row, so simultaneous requests never sell more
 * than the capacity (base_sessions_capacity_ck is the backstop). A declined or cancelled booking gives its seats
 * back; a no-show does not (the day has passed).
 *
 * Booking states: 待审核 (pending) → 已通过 (approved) → 已签到 (checked_in) | 未到 (no_show);
 *                 待审核 → 已拒绝 (declined, with a reason); 待审核 | 已通过 → 已取消 (cancelled).
 */
import crypto from "node:crypto";
import { and, asc, desc, eq, gte, lte, type SQL, sql } from "drizzle-orm";
import {
  BOOKING_STATUS_LABELS,
  type BookingInput,
  type BookingView,
  type SessionInput,
  type SessionView,
} from "../../../contracts/bases.js";
import { beijingDate } from "../../../contracts/dates.js";
import type { Ctx, Deps } from "../../core/context.js";
import { maskName, maskPhone } from "../../core/crypto.js";
import { AppError, errors } from "../../core/errors.js";
import { t } from "../../core/i18n.js";
import { paged, pageResult } from "../../core/paging.js";
import { defineMachine } from "../../core/state-machine.js";
import type { Queryable, Tx } from "../../db/client.js";
import { diff, recordAudit } from "../audit/index.js";
import { baseBookings, baseSessions, bases, baseWalkIns } from "./bases.schema.js";
import { loadBase, requireOperate, requireStaffOrSupervisor } from "./bases-access.js";

type SessionRow = typeof baseSessions.$inferSelect;
type BookingRow = typeof baseBookings.$inferSelect;

/** Gives a booking's seats back to its session (declined, cancelled). */
async function releaseSeats(tx: Tx, row: BookingRow) {
  await tx
    .update(baseSessions)
    .set({ booked: sql`${baseSessions.booked} - ${row.groupSize}` })
    .where(eq(baseSessions.id, row.sessionId));
}

export const bookingMachine = defineMachine({
  entity: "base_booking",
  auditPrefix: "base_booking",
  table: baseBookings,
  labels: BOOKING_STATUS_LABELS,
  audit: recordAudit,
  scope: (b) => ({ regionCode: b.regionCode, orgId: b.orgId }),
  transitions: {
    approve: { from: ["pending"], to: ["approved"], label: "通过" },
    decline: { from: ["pending"], to: ["declined"], label: "拒绝", guard: releaseSeats },
    cancel: { from: ["pending", "approved"], to: ["cancelled"], label: "取消", guard: releaseSeats },
    check_in: { from: ["approved"], to: ["checked_in"], label: "签到" },
    no_show: { from: ["approved"], to: ["no_show"], label: "登记未到" },
  },
});

export function toSessionView(s: SessionRow): SessionView {
  return {
    id: s.id,
    baseId: s.baseId,
    date: s.date,
    startTime: s.startTime,
    endTime: s.endTime,
    capacity: s.capacity,
    booked: s.booked,
    remaining: s.capacity - s.booked,
    maxPerGroup: s.maxPerGroup,
    opensAt: s.opensAt.toISOString(),
    closesAt: s.closesAt.toISOString(),
    note: s.note,
  };
}

function checkSession(input: SessionInput) {
  if (input.endTime <= input.startTime) throw errors.field("endTime", "bases.session_times");
  if (new Date(input.closesAt) <= new Date(input.opensAt)) throw errors.field("closesAt", "bases.booking_window");
  if (input.maxPerGroup > input.capacity)
    throw errors.field("maxPerGroup", "bases.group_too_large", { max: input.capacity });
}

export async function listSessions(ctx: Ctx, baseId: string, q: { from?: string; to?: string }) {
  await loadBase(ctx, baseId);
  const conds: SQL[] = [eq(baseSessions.baseId, baseId)];
  if (q.from) conds.push(gte(baseSessions.date, q.from));
  if (q.to) conds.push(lte(baseSessions.date, q.to));
  const rows = await ctx.db
    .select()
    .from(baseSessions)
    .where(and(...conds))
    .orderBy(asc(baseSessions.date), asc(baseSessions.startTime))
    .limit(1000);
  return rows.map(toSessionView);
}

export async function createSession(ctx: Ctx, baseId: string, input: SessionInput): Promise<SessionView> {
  checkSession(input);
  return ctx.db.transaction(async (tx) => {
    const info = await loadBase(ctx, baseId, tx);
    requireOperate(info);
    const now = ctx.clock.now();
    const values = {
      date: input.date,
      startTime: input.startTime,
      endTime: input.endTime,
      capacity: input.capacity,
      maxPerGroup: input.maxPerGroup,
      opensAt: new Date(input.opensAt),
      closesAt: new Date(input.closesAt),
      note: input.note ?? null,
    };
    const [row] = await tx
      .insert(baseSessions)
      .values({
        ...values,
        baseId,
        regionCode: info.base.regionCode,
        orgId: info.base.orgId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "base_session.create",
      entity: "base_session",
      entityId: row.id,
      regionCode: row.regionCode,
      orgId: row.orgId,
      summary: `“${info.base.name}”新增参观场次 ${row.date} ${row.startTime}-${row.endTime}（${row.capacity} 人）`,
      changes: diff(null, { ...values, opensAt: input.opensAt, closesAt: input.closesAt }),
    });
    return toSessionView(row);
  });
}

async function loadSession(ctx: Ctx, baseId: string, sessionId: string, tx: Queryable) {
  const info = await loadBase(ctx, baseId, tx);
  const [row] = await tx
    .select()
    .from(baseSessions)
    .where(and(eq(baseSessions.id, sessionId), eq(baseSessions.baseId, baseId)));
  if (!row) throw errors.notFound("base_session");
  return { info, row };
}

export async function updateSession(ctx: Ctx, baseId: string, sessionId: string, input: SessionInput) {
  checkSession(input);
  return ctx.db.transaction(async (tx) => {
    const { info, row } = await loadSession(ctx, baseId, sessionId, tx);
    requireOperate(info);
    const values = {
      date: input.date,
      startTime: input.startTime,
      endTime: input.endTime,
      capacity: input.capacity,
      maxPerGroup: input.maxPerGroup,
      opensAt: new Date(input.opensAt),
      closesAt: new Date(input.closesAt),
      note: input.note ?? null,
    };
    // The capacity may not drop below the seats already held, checked on the locked row in the same statement.
    const [updated] = await tx
      .update(baseSessions)
      .set({ ...values, updatedAt: ctx.clock.now() })
      .where(and(eq(baseSessions.id, sessionId), lte(baseSessions.booked, input.capacity)))
      .returning();
    if (!updated) throw errors.field("capacity", "bases.capacity_below_booked", { booked: row.booked });
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "base_session.update",
      entity: "base_session",
      entityId: row.id,
      regionCode: row.regionCode,
      orgId: row.orgId,
      summary: `“${info.base.name}”修改参观场次 ${updated.date} ${updated.startTime}-${updated.endTime}`,
      changes: diff(
        { ...row, opensAt: row.opensAt.toISOString(), closesAt: row.closesAt.toISOString(), booked: undefined },
        { ...row, ...values, opensAt: input.opensAt, closesAt: input.closesAt, booked: undefined },
      ),
    });
    return toSessionView(updated);
  });
}

export async function deleteSession(ctx: Ctx, baseId: string, sessionId: string) {
  await ctx.db.transaction(async (tx) => {
    const { info, row } = await loadSession(ctx, baseId, sessionId, tx);
    requireOperate(info);
    const [any] = await tx
      .select({ one: sql<number>`1` })
      .from(baseBookings)
      .where(eq(baseBookings.sessionId, sessionId))
      .limit(1);
    if (any) throw errors.conflict("SESSION_HAS_BOOKINGS", "bases.session_has_bookings");
    await tx.delete(baseSessions).where(eq(baseSessions.id, sessionId));
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "base_session.delete",
      entity: "base_session",
      entityId: row.id,
      regionCode: row.regionCode,
      orgId: row.orgId,
      summary: `“${info.base.name}”删除参观场次 ${row.date} ${row.startTime}-${row.endTime}`,
      changes: { capacity: [row.capacity, null] },
    });
  });
  return { ok: true as const };
}

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
function bookingCode(): string {
  return Array.from(crypto.randomBytes(10), (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
}

/**
 * A group books seats of a session (the public portal; schools, units and individuals alike). The seats are held
 * from now on; the base approves or declines.
 */
export async function bookSession(deps: Deps, sessionId: string, input: BookingInput) {
  return deps.db.transaction(async (tx) => {
    const [s] = await tx
      .select({ s: baseSessions, baseName: bases.name, baseStatus: bases.status })
      .from(baseSessions)
      .innerJoin(bases, eq(bases.id, baseSessions.baseId))
      .where(eq(baseSessions.id, sessionId));
    if (!s || s.baseStatus === "revoked") throw errors.notFound("base_session");
    const now = deps.clock.now();
    if (now < s.s.opensAt) throw errors.conflict("BOOKING_NOT_OPEN", "bases.booking_not_open");
    if (now > s.s.closesAt) throw errors.conflict("BOOKING_CLOSED", "bases.booking_closed");
    if (input.groupSize > s.s.maxPerGroup)
      throw errors.field("groupSize", "bases.group_too_large", { max: s.s.maxPerGroup });
    const [held] = await tx
      .update(baseSessions)
      .set({ booked: sql`${baseSessions.booked} + ${input.groupSize}` })
      .where(
        and(
          eq(baseSessions.id, sessionId),
          sql`${baseSessions.booked} + ${input.groupSize} <= ${baseSessions.capacity}`,
        ),
      )
      .returning({ booked: baseSessions.booked, capacity: baseSessions.capacity });
    if (!held) {
      const [cur] = await tx.select().from(baseSessions).where(eq(baseSessions.id, sessionId));
      throw errors.conflict(
        "SESSION_FULL",
        "bases.session_full",
        { remaining: cur.capacity - cur.booked, size: input.groupSize },
        { remaining: cur.capacity - cur.booked },
      );
    }
    const code = bookingCode();
    const [row] = await tx
      .insert(baseBookings)
      .values({
        sessionId,
        baseId: s.s.baseId,
        sessionDate: s.s.date,
        bookerOrgName: input.bookerOrgName,
        groupSize: input.groupSize,
        contactNameEnc: deps.cipher.encrypt(input.contactName),
        contactPhoneEnc: deps.cipher.encrypt(input.contactPhone),
        contactPhoneIdx: deps.cipher.blindIndex(input.contactPhone),
        trackingCode: code,
        note: input.note ?? null,
        regionCode: s.s.regionCode,
        orgId: s.s.orgId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, deps.clock, null, {
      category: "data",
      action: "base_booking.create",
      entity: "base_booking",
      entityId: row.id,
      regionCode: row.regionCode,
      orgId: row.orgId,
      actorName: "公众",
      summary: `“${input.bookerOrgName}”预约“${s.baseName}”${s.s.date} ${s.s.startTime} 场次 ${input.groupSize} 人`,
      changes: { groupSize: [null, input.groupSize], contactName: [null, "***"], contactPhone: [null, "***"] },
    });
    return { trackingCode: code, status: row.status };
  });
}

const bookingSelect = {
  b: baseBookings,
  baseName: bases.name,
  startTime: baseSessions.startTime,
  endTime: baseSessions.endTime,
};
type BookingSelected = { b: BookingRow; baseName: string; startTime: string; endTime: string };

function toBookingView(deps: Deps, r: BookingSelected, reveal = false): BookingView {
  const b = r.b;
  const name = deps.cipher.decrypt(b.contactNameEnc);
  const phone = deps.cipher.decrypt(b.contactPhoneEnc);
  return {
    id: b.id,
    baseId: b.baseId,
    baseName: r.baseName,
    sessionId: b.sessionId,
    sessionDate: b.sessionDate,
    startTime: r.startTime,
    endTime: r.endTime,
    bookerOrgName: b.bookerOrgName,
    groupSize: b.groupSize,
    contactName: reveal ? name : (maskName(name) ?? ""),
    contactPhone: reveal ? phone : (maskPhone(phone) ?? ""),
    trackingCode: b.trackingCode,
    status: b.status,
    reason: b.reason,
    actualCount: b.actualCount,
    checkedInAt: b.checkedInAt?.toISOString() ?? null,
    note: b.note,
    createdAt: b.createdAt.toISOString(),
  };
}

function bookingQuery(db: Queryable) {
  return db
    .select(bookingSelect)
    .from(baseBookings)
    .innerJoin(bases, eq(bases.id, baseBookings.baseId))
    .innerJoin(baseSessions, eq(baseSessions.id, baseBookings.sessionId));
}

export async function listBookings(
  ctx: Ctx,
  baseId: string,
  q: { page: number; pageSize: number; status?: BookingView["status"]; sessionId?: string; from?: string; to?: string },
) {
  requireStaffOrSupervisor(await loadBase(ctx, baseId));
  const conds: SQL[] = [eq(baseBookings.baseId, baseId)];
  if (q.status) conds.push(eq(baseBookings.status, q.status));
  if (q.sessionId) conds.push(eq(baseBookings.sessionId, q.sessionId));
  if (q.from) conds.push(gte(baseBookings.sessionDate, q.from));
  if (q.to) conds.push(lte(baseBookings.sessionDate, q.to));
  const where = and(...conds);
  const [rows, [{ total }]] = await Promise.all([
    paged(
      bookingQuery(ctx.db)
        .where(where)
        .orderBy(desc(baseBookings.sessionDate), desc(baseBookings.createdAt), asc(baseBookings.id)),
      q,
    ),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(baseBookings).where(where),
  ]);
  return pageResult(
    rows.map((r) => toBookingView(ctx, r)),
    total,
    q,
  );
}

async function loadBooking(ctx: Ctx, baseId: string, bookingId: string, tx: Queryable) {
  const info = await loadBase(ctx, baseId, tx);
  const [row] = await bookingQuery(tx)
    .where(and(eq(baseBookings.id, bookingId), eq(baseBookings.baseId, baseId)))
    .for("update", { of: baseBookings });
  if (!row) throw errors.notFound("base_booking");
  return { info, row };
}

export type BookingAction = "approve" | "decline" | "cancel" | "no_show";

/** The base's staff decide on a booking: approve, decline (reason), cancel (reason), record a no-show. */
export async function actOnBooking(
  ctx: Ctx,
  baseId: string,
  bookingId: string,
  action: BookingAction,
  reason?: string,
) {
  return ctx.db.transaction(async (tx) => {
    const { info, row } = await loadBooking(ctx, baseId, bookingId, tx);
    requireOperate(info);
    const label = bookingMachine.transitions[action].label;
    const moved = await bookingMachine.move(tx, ctx, row.b, action, {
      set: reason ? { reason } : {},
      summary: `${label}“${row.b.bookerOrgName}”${row.b.sessionDate} 的参观预约（${row.b.groupSize} 人）${reason ? `：${reason}` : ""}`,
      changes: reason ? { reason: [null, reason] } : {},
    });
    return toBookingView(ctx, { ...row, b: moved });
  });
}

/** On the day, the base checks a group in by its booking code and records how many came. */
export async function checkIn(ctx: Ctx, baseId: string, code: string, actualCount: number) {
  return ctx.db.transaction(async (tx) => {
    const info = await loadBase(ctx, baseId, tx);
    requireOperate(info);
    const [row] = await bookingQuery(tx)
      .where(and(eq(baseBookings.trackingCode, code), eq(baseBookings.baseId, baseId)))
      .for("update", { of: baseBookings });
    if (!row) throw errors.notFound("base_booking");
    const today = beijingDate(ctx.clock.now());
    if (row.b.sessionDate !== today)
      throw new AppError(409, "CHECKIN_WRONG_DAY", t("bases.checkin_wrong_day", { date: row.b.sessionDate }));
    if (actualCount > row.b.groupSize * 2)
      throw errors.field("actualCount", "bases.checkin_too_many", { max: row.b.groupSize * 2 });
    const moved = await bookingMachine.move(tx, ctx, row.b, "check_in", {
      set: { actualCount, checkedInAt: ctx.clock.now() },
      summary: `“${row.b.bookerOrgName}”签到参观“${info.base.name}”：预约 ${row.b.groupSize} 人，实到 ${actualCount} 人`,
      changes: { actualCount: [null, actualCount] },
    });
    return toBookingView(ctx, { ...row, b: moved });
  });
}

/** The contact's full name and phone of one booking, with a stated reason (audited). */
export async function revealBookingContact(ctx: Ctx, baseId: string, bookingId: string, reason: string) {
  return ctx.db.transaction(async (tx) => {
    const { info, row } = await loadBooking(ctx, baseId, bookingId, tx);
    requireStaffOrSupervisor(info);
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "access",
      action: "base_booking.reveal",
      entity: "base_booking",
      entityId: row.b.id,
      regionCode: row.b.regionCode,
      orgId: row.b.orgId,
      summary: `查看“${row.b.bookerOrgName}”预约的联系人和电话：${reason}`,
      changes: { reason: [null, reason] },
    });
    return toBookingView(ctx, row, true);
  });
}

/** The public follows its booking by code (contact masked). */
export async function bookingByCode(deps: Deps, code: string) {
  const [row] = await bookingQuery(deps.db).where(eq(baseBookings.trackingCode, code));
  if (!row) throw errors.notFound("base_booking");
  const v = toBookingView(deps, row);
  return {
    trackingCode: v.trackingCode,
    baseId: v.baseId,
    baseName: v.baseName,
    sessionDate: v.sessionDate,
    startTime: v.startTime,
    endTime: v.endTime,
    bookerOrgName: v.bookerOrgName,
    groupSize: v.groupSize,
    contactName: v.contactName,
    contactPhone: v.contactPhone,
    status: v.status,
    statusLabel: BOOKING_STATUS_LABELS[v.status],
    reason: v.reason,
  };
}

/** The booker cancels with the code and the phone given when booking (checked through the blind index). */
export async function cancelByCode(deps: Deps, code: string, phone: string) {
  await deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(baseBookings).where(eq(baseBookings.trackingCode, code)).for("update");
    if (!row || row.contactPhoneIdx !== deps.cipher.blindIndex(phone)) throw errors.notFound("base_booking");
    await bookingMachine.move(tx, { clock: deps.clock, actor: null }, row, "cancel", {
      actorName: "公众",
      summary: `“${row.bookerOrgName}”取消 ${row.sessionDate} 的参观预约（${row.groupSize} 人）`,
    });
  });
  return bookingByCode(deps, code);
}

// ---- walk-ins

export async function listWalkIns(ctx: Ctx, baseId: string, month: string) {
  requireStaffOrSupervisor(await loadBase(ctx, baseId));
  const rows = await ctx.db
    .select({ date: baseWalkIns.date, count: baseWalkIns.count })
    .from(baseWalkIns)
    .where(and(eq(baseWalkIns.baseId, baseId), sql`to_char(${baseWalkIns.date}, 'YYYY-MM') = ${month}`))
    .orderBy(asc(baseWalkIns.date));
  return rows;
}

/** Records (or corrects) a day's walk-in visitors. */
export async function recordWalkIns(ctx: Ctx, baseId: string, input: { date: string; count: number }) {
  return ctx.db.transaction(async (tx) => {
    const info = await loadBase(ctx, baseId, tx);
    requireOperate(info);
    const [before] = await tx
      .select()
      .from(baseWalkIns)
      .where(and(eq(baseWalkIns.baseId, baseId), eq(baseWalkIns.date, input.date)));
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(baseWalkIns)
      .values({
        baseId,
        date: input.date,
        count: input.count,
        regionCode: info.base.regionCode,
        orgId: info.base.orgId,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [baseWalkIns.baseId, baseWalkIns.date],
        set: { count: input.count, updatedAt: now },
      })
      .returning();
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "base_walk_in.record",
      entity: "base_walk_in",
      entityId: row.id,
      regionCode: row.regionCode,
      orgId: row.orgId,
      summary: `“${info.base.name}”登记 ${input.date} 散客 ${input.count} 人`,
      changes: { count: [before?.count ?? null, input.count] },
    });
    return { date: row.date, count: row.count };
  });
}
