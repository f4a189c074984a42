/**
 * The named unit's side of a designation: 年度自查 (yearly self-checks) and 复验 (opened by the daily job six
 * months before expiry, submitted by the unit, decided by the naming level), and the daily expiry job.
 */

import crypto from "node:crypto";
import { and, eq, gte, inArray, lte, sql } from "drizzle-orm";
import { DESIGNATION_STATUS_LABELS, NAMING_LEVEL_LABELS, type NamingLevel } from "../../../contracts/creation.js";
import { inScope, requireScope } from "../../core/access.js";
import type { Ctx, Deps } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import type { Queryable } from "../../db/client.js";
import { recordAudit } from "../audit/index.js";
import { createSheet, setForScoring, sheetsOfSubject } from "../evaluation/index.js";
import { userDisplayName } from "../identity/index.js";
import { assertManagesRegion } from "./batch.service.js";
import { creationReverifications, creationSelfChecks } from "./creation.schema.js";
import { illegalTransition } from "./creation.service.js";
import { addMonths, addYears, shanghaiDate } from "./dates.js";
import {
  D,
  type DesRow,
  designationScope,
  loadDesignation,
  REVERIFICATION_SUBJECT,
  REVERIFY_MONTHS_BEFORE,
  reverificationView,
  SELF_CHECK_SUBJECT,
  SYSTEM_ACTOR,
  selfCheckView,
  setDesignationStatus,
} from "./designation.service.js";
import { closeReverifications, reverificationMachine, selfCheckMachine } from "./self-check.machines.js";

// ---------------------------------------------------------------------------------------------------------
// The named unit's side: 年度自查 and 复验 self-assessments

function assertHolder(ctx: Ctx, d: DesRow) {
  const scope = requireScope(ctx.actor, "creation:apply");
  if (!inScope(scope, { regionCode: d.regionCode, orgId: d.orgId })) throw errors.outOfScope("creation_designation");
}

/** The submitted self sheet's total and whether it passes the set (pass line, no veto failure). */
async function sheetResult(db: Queryable, subjectType: string, subjectId: string, setId: string | null) {
  const [sheet] = (await sheetsOfSubject(db, subjectType, subjectId)).filter((s) => s.kind === "self");
  if (sheet?.status !== "submitted") return null;
  const set = setId ? await setForScoring(db, setId) : null;
  const passed = !!set && sheet.vetoFailed.length === 0 && (sheet.total ?? 0) >= set.passLine;
  return { total: sheet.total ?? 0, vetoFailed: sheet.vetoFailed, passed, passLine: set?.passLine ?? null };
}

export async function createSelfCheck(ctx: Ctx, designationId: string, year: number) {
  const id = await ctx.db.transaction(async (tx) => {
    const d = await loadDesignation(ctx, designationId, tx, true);
    assertHolder(ctx, d);
    if (d.status !== "valid" && d.status !== "reverifying")
      throw illegalTransition("creation_designation", DESIGNATION_STATUS_LABELS[d.status], "填写年度自查", [
        "有效",
        "复验中",
      ]);
    if (!d.setId) throw errors.conflict("NO_INDICATOR_SET", "creation.no_indicator_set");
    const from = Number(d.namedOn.slice(0, 4));
    const to = Number(shanghaiDate(ctx.clock.now()).slice(0, 4));
    if (year < from || year > to) throw errors.field("year", "creation.self_check_year", { from, to });
    const [dup] = await tx
      .select({ id: creationSelfChecks.id })
      .from(creationSelfChecks)
      .where(and(eq(creationSelfChecks.designationId, d.id), eq(creationSelfChecks.year, year)));
    if (dup) throw errors.conflict("SELF_CHECK_EXISTS", "creation.self_check_exists", { year });
    const selfCheckId = crypto.randomUUID();
    const sheetId = await createSheet(tx, ctx, {
      setId: d.setId,
      kind: "self",
      subjectType: SELF_CHECK_SUBJECT,
      subjectId: selfCheckId,
      ownerOrgId: d.orgId,
      regionCode: d.regionCode,
    });
    const now = ctx.clock.now();
    await tx.insert(creationSelfChecks).values({
      id: selfCheckId,
      designationId: d.id,
      year,
      sheetId,
      orgId: d.orgId,
      regionCode: d.regionCode,
      createdBy: ctx.actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "creation_self_check.create",
      entity: "creation_self_check",
      entityId: selfCheckId,
      regionCode: d.regionCode,
      orgId: d.orgId,
      summary: `“${d.unitName}”开始填写 ${year} 年度自查`,
    });
    return selfCheckId;
  });
  return getSelfCheck(ctx, id);
}

async function loadSelfCheck(ctx: Ctx, id: string, db: Queryable = ctx.db) {
  const [row] = await db
    .select({ s: creationSelfChecks, d: D })
    .from(creationSelfChecks)
    .innerJoin(D, eq(D.id, creationSelfChecks.designationId))
    .where(and(eq(creationSelfChecks.id, id), designationScope(ctx)));
  if (!row) throw errors.notFound("creation_self_check");
  return row;
}

export async function getSelfCheck(ctx: Ctx, id: string) {
  return selfCheckView((await loadSelfCheck(ctx, id)).s);
}

export async function submitSelfCheck(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    const { s, d } = await loadSelfCheck(ctx, id, tx);
    assertHolder(ctx, d);
    selfCheckMachine.assert(s.status, "submit");
    const result = await sheetResult(tx, SELF_CHECK_SUBJECT, s.id, d.setId);
    if (!result) throw errors.conflict("SHEET_NOT_SUBMITTED", "creation.sheet_not_submitted", { what: "自查" });
    await selfCheckMachine.move(tx, ctx, s, "submit", {
      set: { total: result.total, passed: result.passed, vetoFailed: result.vetoFailed, submittedAt: ctx.clock.now() },
      summary: `提交 ${s.year} 年度自查：${result.total} 分`,
      changes: { total: [null, result.total] },
      note: `${s.year} 年度自查 ${result.total} 分${result.passed ? "" : "（未达合格线或一票否决项未通过）"}`,
      event: { kind: "self_check", designationStatus: d.status },
    });
  });
  return getSelfCheck(ctx, id);
}

// ---------------------------------------------------------------------------------------------------------
// 复验

/**
 * The daily job: opens 复验 for every valid designation whose last day is within six months (a self sheet
 * with the same indicator set for the unit to fill). Returns how many were opened.
 */
export async function openDueReverifications(deps: Deps): Promise<number> {
  const today = shanghaiDate(deps.clock.now());
  const horizon = addMonths(today, REVERIFY_MONTHS_BEFORE);
  const due = await deps.db
    .select({ id: D.id })
    .from(D)
    .where(and(eq(D.status, "valid"), gte(D.validUntil, today), lte(D.validUntil, horizon)));
  const job = { clock: deps.clock, actor: null };
  let opened = 0;
  for (const { id } of due) {
    opened += await deps.db.transaction(async (tx) => {
      const [d] = await tx.select().from(D).where(eq(D.id, id)).for("update");
      if (d.status !== "valid") return 0;
      const reverificationId = crypto.randomUUID();
      const sheetId = d.setId
        ? await createSheet(
            tx,
            { ...deps, actor: SYSTEM_ACTOR },
            {
              setId: d.setId,
              kind: "self",
              subjectType: REVERIFICATION_SUBJECT,
              subjectId: reverificationId,
              ownerOrgId: d.orgId,
              regionCode: d.regionCode,
            },
          )
        : null;
      const now = deps.clock.now();
      await tx.insert(creationReverifications).values({
        id: reverificationId,
        designationId: d.id,
        sheetId,
        openedAt: now,
        dueOn: d.validUntil,
        orgId: d.orgId,
        regionCode: d.regionCode,
        createdAt: now,
        updatedAt: now,
      });
      await setDesignationStatus(tx, job, d, "open_reverification", {
        kind: "reverification_opened",
        note: `有效期至 ${d.validUntil}，请于到期前完成复验`,
        summary: `“${d.unitName}”的命名将于 ${d.validUntil} 到期，启动复验`,
      });
      return 1;
    });
  }
  return opened;
}

/** The daily job: designations past their last day become 已到期, their unfinished 复验 lapse. */
export async function expireDesignations(deps: Deps): Promise<number> {
  const today = shanghaiDate(deps.clock.now());
  const due = await deps.db
    .select({ id: D.id })
    .from(D)
    .where(and(inArray(D.status, ["valid", "reverifying"]), sql`${D.validUntil} < ${today}`));
  const job = { clock: deps.clock, actor: null };
  let expired = 0;
  for (const { id } of due) {
    expired += await deps.db.transaction(async (tx) => {
      const [d] = await tx.select().from(D).where(eq(D.id, id)).for("update");
      if (d.status !== "valid" && d.status !== "reverifying") return 0;
      const lapsed = await closeReverifications(
        tx,
        job,
        d.id,
        "lapse",
        `“${d.unitName}”的复验未在命名到期（${d.validUntil}）前完成`,
      );
      await setDesignationStatus(tx, job, d, "expire", {
        kind: "expired",
        note: lapsed ? "复验未在到期前完成" : d.status === "reverifying" ? "复验不合格，到期未延续" : null,
        summary: `“${d.unitName}”的${NAMING_LEVEL_LABELS[d.level as NamingLevel]}命名已于 ${d.validUntil} 到期`,
      });
      return 1;
    });
  }
  return expired;
}

async function loadReverification(ctx: Ctx, id: string, db: Queryable = ctx.db) {
  const [row] = await db
    .select({ r: creationReverifications, d: D })
    .from(creationReverifications)
    .innerJoin(D, eq(D.id, creationReverifications.designationId))
    .where(and(eq(creationReverifications.id, id), designationScope(ctx)));
  if (!row) throw errors.notFound("creation_reverification");
  await db
    .select({ id: creationReverifications.id })
    .from(creationReverifications)
    .where(eq(creationReverifications.id, id))
    .for("update");
  return row;
}

export async function getReverification(ctx: Ctx, id: string) {
  const { r } = await loadReverification(ctx, id);
  const decidedByName = r.decidedBy ? await userDisplayName(ctx.db, r.decidedBy) : null;
  return reverificationView(r, decidedByName);
}

/** The unit submits its 复验 self-assessment (the sheet must be submitted first). */
export async function submitReverification(ctx: Ctx, id: string) {
  await ctx.db.transaction(async (tx) => {
    const { r, d } = await loadReverification(ctx, id, tx);
    assertHolder(ctx, d);
    reverificationMachine.assert(r.status, "submit");
    const result = r.sheetId ? await sheetResult(tx, REVERIFICATION_SUBJECT, r.id, d.setId) : null;
    if (r.sheetId && !result)
      throw errors.conflict("SHEET_NOT_SUBMITTED", "creation.sheet_not_submitted", { what: "复验自查" });
    await reverificationMachine.move(tx, ctx, r, "submit", {
      set: { total: result?.total ?? null, sheetPassed: result?.passed ?? null, submittedAt: ctx.clock.now() },
      summary: `“${d.unitName}”提交复验自查${result ? `：${result.total} 分` : ""}`,
      note: result ? `自查 ${result.total} 分` : null,
      event: { kind: "reverification_submitted", designationStatus: d.status },
    });
  });
  return getReverification(ctx, id);
}

/**
 * The naming level decides: pass renews the designation (valid_until + its validity years, 有效 again); fail
 * leaves it 复验中 until its expiry, when the job lapses it. Passing needs a submitted self-assessment that
 * meets the pass line with no veto failure.
 */
export async function decideReverification(ctx: Ctx, id: string, passed: boolean, note?: string) {
  await ctx.db.transaction(async (tx) => {
    const { r, d } = await loadReverification(ctx, id, tx);
    assertManagesRegion(ctx, d.issuerRegionCode, "creation_reverification");
    reverificationMachine.assert(r.status, passed ? "pass" : "fail");
    if (passed && r.sheetId && !r.sheetPassed) {
      const set = d.setId ? await setForScoring(tx, d.setId) : null;
      throw errors.conflict("REVERIFICATION_SHEET_FAILED", "creation.reverification_sheet_failed", {
        total: r.total ?? 0,
        passLine: set?.passLine ?? "",
      });
    }
    const decided = { decidedAt: ctx.clock.now(), decidedBy: ctx.actor.userId, note: note ?? null };
    if (passed) {
      const validUntil = addYears(d.validUntil, d.validityYears);
      await reverificationMachine.move(tx, ctx, r, "pass", {
        set: decided,
        summary: `“${d.unitName}”复验通过${note ? `：${note}` : ""}`,
      });
      await setDesignationStatus(tx, ctx, d, "renew", {
        set: { validUntil, renewals: d.renewals + 1 },
        kind: "renewed",
        note: `有效期延续至 ${validUntil}${note ? `；${note}` : ""}`,
        summary: `“${d.unitName}”复验通过，有效期延续至 ${validUntil}`,
      });
    } else {
      await reverificationMachine.move(tx, ctx, r, "fail", {
        set: decided,
        summary: `“${d.unitName}”复验不合格${note ? `：${note}` : ""}`,
        note: `到期（${d.validUntil}）后不再有效${note ? `；${note}` : ""}`,
        event: { kind: "reverification_failed", designationStatus: d.status },
      });
    }
  });
  return getReverification(ctx, id);
}
