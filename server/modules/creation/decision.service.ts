/**
 * 命名决定: a decision names the applications of one batch whose 公示 has ended without a blocking objection,
 * numbers their certificates and creates their designations; 登记 registers a designation made outside the
 * platform. The designation's own lifecycle is in designation.service.ts.
 */

import { and, asc, desc, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  type DecisionCreate,
  type DesignationRegister,
  LEVEL_CERT_CODES,
  LEVEL_REGION_LENGTH,
  NAMING_LEVEL_LABELS,
  type NamingLevel,
} from "../../../contracts/creation.js";
import { inScope, requireScope, scopeWhere } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import type { Queryable, Tx } from "../../db/client.js";
import { containsPattern } from "../../db/sql.js";
import { recordAudit } from "../audit/index.js";
import { enterBaseFromNaming } from "../bases/index.js";
import { getIndicatorSet } from "../evaluation/index.js";
import { orgNameSql } from "../org/index.js";
import { noticeEndsOnSql } from "../publicity/index.js";
import { assertStep, moveApplication } from "./application.service.js";
import { assertManagesRegion, batchMachine, loadBatch, managesRegion } from "./batch.service.js";
import { creationApplications, creationBatches, creationCandidates, creationDecisions } from "./creation.schema.js";
import { designationSearch } from "./creation.search.js";
import { assertCategory, orgById, recordDesignationEvent } from "./creation.service.js";
import { shanghaiDate, validUntilOf } from "./dates.js";
import { D, designationScope, getDesignation, toDesignations } from "./designation.service.js";
import { blockingObjections } from "./objection.service.js";

// ---------------------------------------------------------------------------------------------------------
// Naming

async function nextCertificateNumbers(tx: Tx, prefix: string, n: number): Promise<string[]> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${prefix}))`);
  const [{ taken }] = await tx
    .select({ taken: sql<number>`count(*)::int` })
    .from(D)
    .where(sql`${D.certificateNo} like ${`${prefix}%`}`);
  return Array.from({ length: n }, (_, i) => `${prefix}${String(taken + i + 1).padStart(4, "0")}`);
}

export async function createDecision(ctx: Ctx, input: DecisionCreate) {
  const batch = await loadBatch(ctx, input.batchId).catch(() => {
    throw errors.field("batchId", "errors.not_found", { entity: "申报批次" });
  });
  assertManagesRegion(ctx, batch.regionCode, "creation_batch");
  batchMachine.assert(batch.status, "conclude");
  const today = shanghaiDate(ctx.clock.now());
  if (input.namedOn > today) throw errors.field("namedOn", "creation.named_in_future");
  const id = await ctx.db.transaction(async (tx) => {
    const [dup] = await tx
      .select({ id: creationDecisions.id })
      .from(creationDecisions)
      .where(and(eq(creationDecisions.orgId, ctx.actor.orgId), eq(creationDecisions.docNumber, input.docNumber)));
    if (dup) throw errors.conflict("DOC_NUMBER_TAKEN", "creation.doc_number_taken", { docNumber: input.docNumber });
    const apps = await tx
      .select({
        a: creationApplications,
        orgName: orgNameSql(creationApplications.orgId),
        endsOn: noticeEndsOnSql(creationApplications.noticeId),
      })
      .from(creationApplications)
      .where(and(inArray(creationApplications.id, input.applicationIds), eq(creationApplications.batchId, batch.id)))
      .orderBy(asc(creationApplications.regionCode), asc(orgNameSql(creationApplications.orgId)))
      .for("update", { of: creationApplications });
    if (apps.length !== input.applicationIds.length)
      throw errors.field("applicationIds", "errors.not_found", { entity: "本批次的申报" });
    for (const { a, orgName, endsOn } of apps) {
      assertStep(a.status, "name");
      if (endsOn && endsOn >= today)
        throw errors.conflict("NOTICE_NOT_ENDED", "creation.naming_notice_not_ended", { org: orgName, end: endsOn });
    }
    const blocked = await blockingObjections(
      tx,
      apps.map(({ a }) => ({ id: a.id, noticeId: a.noticeId })),
    );
    for (const { a, orgName } of apps) {
      if (blocked.has(a.id))
        throw errors.conflict("OBJECTIONS_UNANSWERED", "creation.naming_blocked_objections", {
          org: orgName,
          count: blocked.get(a.id),
        });
    }
    if (batch.quota) {
      const [{ named }] = await tx.select({ named: sql<number>`count(*)::int` }).from(D).where(eq(D.batchId, batch.id));
      if (named + apps.length > batch.quota)
        throw errors.conflict("QUOTA_EXCEEDED", "creation.quota_exceeded", { quota: batch.quota, named });
    }
    const level = batch.level as NamingLevel;
    const title =
      input.title ??
      `关于命名${apps[0].orgName}${apps.length > 1 ? `等${apps.length}个单位` : ""}为${NAMING_LEVEL_LABELS[level]}民族团结进步示范单位（区）的决定`;
    const now = ctx.clock.now();
    const [decision] = await tx
      .insert(creationDecisions)
      .values({
        batchId: batch.id,
        docNumber: input.docNumber,
        title,
        namedOn: input.namedOn,
        orgId: ctx.actor.orgId,
        regionCode: batch.regionCode,
        createdBy: ctx.actor.userId,
        createdAt: now,
      })
      .returning({ id: creationDecisions.id });
    const numbers = await nextCertificateNumbers(
      tx,
      `${input.namedOn.slice(0, 4)}-${LEVEL_CERT_CODES[level]}-${batch.regionCode}-`,
      apps.length,
    );
    const validUntil = validUntilOf(input.namedOn, batch.validityYears);
    for (const [i, { a, orgName }] of apps.entries()) {
      const [d] = await tx
        .insert(D)
        .values({
          orgId: a.orgId,
          unitName: orgName,
          search: designationSearch({ unitName: orgName }),
          regionCode: a.regionCode,
          category: a.category,
          level,
          issuerRegionCode: batch.regionCode,
          setId: a.setId,
          certificateNo: numbers[i],
          docNumber: input.docNumber,
          namedOn: input.namedOn,
          validFrom: input.namedOn,
          validUntil,
          validityYears: batch.validityYears,
          applicationId: a.id,
          decisionId: decision.id,
          batchId: batch.id,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: D.id });
      await moveApplication(tx, ctx, a, "name", {
        to: "named",
        set: { designationId: d.id },
        note: `${input.docNumber}，证书编号 ${numbers[i]}`,
        summary: `命名为${NAMING_LEVEL_LABELS[level]}（${input.docNumber}，证书编号 ${numbers[i]}）`,
      });
      await recordDesignationEvent(tx, ctx, {
        designationId: d.id,
        kind: "named",
        toStatus: "valid",
        note: `${input.docNumber}，有效期至 ${validUntil}`,
      });
      await tx
        .update(creationCandidates)
        .set({ status: "named", updatedAt: now })
        .where(eq(creationCandidates.applicationId, a.id));
      // A unit named in a category of 教育基地 enters the bases registry (bases decides which categories those are).
      await enterBaseFromNaming(tx, ctx, {
        orgId: a.orgId,
        unitName: orgName,
        regionCode: a.regionCode,
        category: a.category,
        level,
        namedOn: input.namedOn,
        validityYears: batch.validityYears,
        docNumber: input.docNumber,
      });
    }
    if (batch.status !== "concluded")
      await batchMachine.move(tx, ctx, batch, "conclude", {
        summary: `申报批次“${batch.name}”：命名（${input.docNumber}）`,
      });
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "creation_decision.create",
      entity: "creation_decision",
      entityId: decision.id,
      regionCode: batch.regionCode,
      orgId: ctx.actor.orgId,
      summary: `命名决定 ${input.docNumber}：命名 ${apps.length} 个单位为${NAMING_LEVEL_LABELS[level]}（${input.namedOn}）`,
      changes: { certificates: [null, numbers], batchStatus: [batch.status, "concluded"] },
    });
    return decision.id;
  });
  return getDecision(ctx, id);
}

export async function listDecisions(ctx: Ctx, q: { page: number; pageSize: number; batchId?: string; q?: string }) {
  const read = requireScope(ctx.actor, "creation:read");
  const named = alias(D, "named");
  const conds: (SQL | undefined)[] = [
    // A decision is visible where the caller sees its batch's region, or one of the units it named.
    or(
      scopeWhere(read, { region: creationDecisions.regionCode, org: creationDecisions.orgId }) ?? sql`true`,
      sql`exists (select 1 from ${D} "named" where ${named.decisionId} = ${creationDecisions.id} and ${scopeWhere(read, { region: named.regionCode, org: named.orgId }) ?? sql`true`})`,
    ),
  ];
  if (q.batchId) conds.push(eq(creationDecisions.batchId, q.batchId));
  if (q.q)
    conds.push(
      or(
        ilike(creationDecisions.docNumber, containsPattern(q.q)),
        ilike(creationDecisions.title, containsPattern(q.q)),
      ),
    );
  const where = and(...conds.filter(Boolean));
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select({ id: creationDecisions.id })
      .from(creationDecisions)
      .where(where)
      .orderBy(desc(creationDecisions.namedOn), asc(creationDecisions.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(creationDecisions).where(where),
  ]);
  const items = await Promise.all(rows.map((r) => decisionView(ctx.db, r.id)));
  return { items, total, page: q.page, pageSize: q.pageSize };
}

async function decisionView(db: Queryable, id: string) {
  const [row] = await db
    .select({
      d: creationDecisions,
      batchName: creationBatches.name,
      level: creationBatches.level,
      issuer: orgNameSql(creationDecisions.orgId),
    })
    .from(creationDecisions)
    .innerJoin(creationBatches, eq(creationBatches.id, creationDecisions.batchId))
    .where(eq(creationDecisions.id, id));
  const named = await db.select().from(D).where(eq(D.decisionId, id)).orderBy(asc(D.certificateNo));
  const list = await toDesignations(db, named);
  return {
    id: row.d.id,
    batchId: row.d.batchId,
    batchName: row.batchName,
    level: row.level as NamingLevel,
    docNumber: row.d.docNumber,
    title: row.d.title,
    namedOn: row.d.namedOn,
    issuerOrgName: row.issuer,
    regionCode: row.d.regionCode,
    createdAt: row.d.createdAt.toISOString(),
    designations: list.map((d) => ({
      id: d.id,
      certificateNo: d.certificateNo,
      unitName: d.unitName,
      regionName: d.regionName,
      category: d.category,
      categoryLabel: d.categoryLabel,
    })),
  };
}

export async function getDecision(ctx: Ctx, id: string) {
  const read = requireScope(ctx.actor, "creation:read");
  const [row] = await ctx.db
    .select({ regionCode: creationDecisions.regionCode, orgId: creationDecisions.orgId })
    .from(creationDecisions)
    .where(eq(creationDecisions.id, id));
  if (!row) throw errors.notFound("creation_decision");
  if (!inScope(read, { regionCode: row.regionCode, orgId: row.orgId })) {
    // Units named by it see it too.
    const [own] = await ctx.db
      .select({ id: D.id })
      .from(D)
      .where(and(eq(D.decisionId, id), designationScope(ctx)))
      .limit(1);
    if (!own) throw errors.notFound("creation_decision");
  }
  return decisionView(ctx.db, id);
}

/** 录入历史命名: a designation named before the platform, registered by the naming level's department. */
export async function registerDesignation(ctx: Ctx, input: DesignationRegister) {
  requireScope(ctx.actor, "creation:manage");
  const org = await orgById(ctx.db, input.orgId);
  if (!org) throw errors.field("orgId", "errors.not_found", { entity: "单位" });
  const issuerRegionCode = org.regionCode.slice(0, LEVEL_REGION_LENGTH[input.level]);
  if (org.regionCode.length < LEVEL_REGION_LENGTH[input.level] || !managesRegion(ctx, issuerRegionCode))
    throw errors.outOfScope("creation_designation");
  await assertCategory(ctx.db, input.category);
  const set = await getIndicatorSet(ctx, input.setId).catch(() => {
    throw errors.field("setId", "errors.not_found", { entity: "指标体系" });
  });
  if (set.status !== "published")
    throw errors.field("setId", "creation.set_unusable", { name: set.name, problem: "尚未发布" });
  const today = shanghaiDate(ctx.clock.now());
  if (input.namedOn > today) throw errors.field("namedOn", "creation.named_in_future");
  const validUntil = validUntilOf(input.namedOn, input.validityYears);
  const id = await ctx.db.transaction(async (tx) => {
    const [dup] = await tx.select({ id: D.id }).from(D).where(eq(D.certificateNo, input.certificateNo));
    if (dup) throw errors.field("certificateNo", "creation.certificate_taken", { no: input.certificateNo });
    const now = ctx.clock.now();
    const status = validUntil < today ? "expired" : "valid";
    const [d] = await tx
      .insert(D)
      .values({
        orgId: org.id,
        unitName: org.name,
        search: designationSearch({ unitName: org.name }),
        regionCode: org.regionCode,
        category: input.category,
        level: input.level,
        issuerRegionCode,
        setId: input.setId,
        certificateNo: input.certificateNo,
        docNumber: input.docNumber,
        namedOn: input.namedOn,
        validFrom: input.namedOn,
        validUntil,
        validityYears: input.validityYears,
        status,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: D.id });
    await recordDesignationEvent(tx, ctx, {
      designationId: d.id,
      kind: "registered",
      toStatus: status,
      note: `${input.docNumber}（${input.namedOn}），有效期至 ${validUntil}`,
    });
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "creation_designation.register",
      entity: "creation_designation",
      entityId: d.id,
      regionCode: org.regionCode,
      orgId: org.id,
      summary: `录入历史命名：“${org.name}”${NAMING_LEVEL_LABELS[input.level]}（${input.docNumber}，证书编号 ${input.certificateNo}）`,
      changes: { certificateNo: [null, input.certificateNo], status: [null, status] },
    });
    return d.id;
  });
  return getDesignation(ctx, id);
}
