/**
 * 服务档案 (信息平台), for service and nothing else: a household's file exists only with the person's recorded
 * consent and the purpose it serves; it holds what those services need (school enrolment, job skills and work
 * wanted, contact), encrypted, and no ethnicity. It closes when the person moves away or withdraws consent; the
 * retention job purges its personal fields after the set period, leaving anonymous counts (status, members).
 */
import { and, desc, eq, isNotNull, lt, sql } from "drizzle-orm";
import type { z } from "zod";
import {
  FILE_STATUS_LABELS,
  type fileInput,
  type fileListQuery,
  PERSONAL_FIELD_LABELS,
  type PersonalField,
} from "../../../contracts/services.js";
import { inScope, scopeFor, scopeWhere } from "../../core/access.js";
import type { Ctx, Deps } from "../../core/context.js";
import { maskName, maskPhone } from "../../core/crypto.js";
import { errors } from "../../core/errors.js";
import { paged, pageResult } from "../../core/paging.js";
import { defineMachine } from "../../core/state-machine.js";
import { recordAudit } from "../audit/index.js";
import { orgById, orgNameSql, regionNameSql } from "../org/index.js";
import { serviceAccessLog, serviceFiles } from "./services.schema.js";
import { fileRetentionDays } from "./settings.js";

const S = serviceFiles;
const CLOSE_LABELS = { moved: "迁出", withdrawn: "撤回同意" } as const;

export const fileMachine = defineMachine({
  entity: "service_file",
  auditPrefix: "service_file",
  table: serviceFiles,
  labels: FILE_STATUS_LABELS,
  transitions: {
    close: { from: ["active"], to: ["closed"], label: "关闭" },
    purge: { from: ["closed"], to: ["purged"], label: "清除个人信息" },
  },
  audit: recordAudit,
  scope: (r) => ({ regionCode: r.regionCode, orgId: r.orgId }),
});

function fileWhere(ctx: Ctx) {
  const scope = scopeFor(ctx.actor, "service:file");
  if (!scope) throw errors.forbidden("service:file");
  return scopeWhere(scope, { region: S.regionCode, org: S.orgId }) ?? sql`true`;
}

async function loadFile(ctx: Ctx, id: string) {
  const [row] = await ctx.db
    .select()
    .from(S)
    .where(and(eq(S.id, id), fileWhere(ctx)));
  if (!row) throw errors.notFound("service_file");
  return row;
}

const dec = (deps: Deps, v: string | null) => (v ? deps.cipher.decrypt(v) : null);

export async function listFiles(ctx: Ctx, q: z.infer<typeof fileListQuery>) {
  const where = and(fileWhere(ctx), q.phone ? eq(S.phoneIdx, ctx.cipher.blindIndex(q.phone)) : undefined);
  const [rows, [{ total }]] = await Promise.all([
    paged(
      ctx.db
        .select({ f: S, orgName: orgNameSql(S.orgId), regionName: regionNameSql(S.regionCode) })
        .from(S)
        .where(where)
        .orderBy(desc(S.createdAt), desc(S.id)),
      q,
    ),
    ctx.db.select({ total: sql<number>`count(*)::int` }).from(S).where(where),
  ]);
  const items = rows.map(({ f, orgName, regionName }) => ({
    id: f.id,
    orgName,
    regionName: regionName ?? "",
    purpose: f.purpose,
    consentRecord: f.consentRecord,
    consentAt: f.consentAt.toISOString(),
    legalBasis: f.legalBasis,
    nameMasked: maskName(dec(ctx, f.nameEnc)),
    phoneMasked: maskPhone(dec(ctx, f.phoneEnc)),
    memberCount: f.memberCount,
    status: f.status,
    statusLabel: FILE_STATUS_LABELS[f.status],
    closeReasonLabel: f.closeReason ? CLOSE_LABELS[f.closeReason] : null,
    closedAt: f.closedAt?.toISOString() ?? null,
    createdAt: f.createdAt.toISOString(),
  }));
  return pageResult(items, Number(total), q);
}

export async function createFile(ctx: Ctx, input: z.infer<typeof fileInput>) {
  const org = await orgById(ctx.db, input.orgId);
  if (!org) throw errors.field("orgId", "services.org_unknown");
  const scope = scopeFor(ctx.actor, "service:file");
  if (!scope) throw errors.forbidden("service:file");
  if (!inScope(scope, { regionCode: org.regionCode, orgId: org.id })) throw errors.outOfScope("service_file");
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(S)
      .values({
        orgId: org.id,
        regionCode: org.regionCode,
        purpose: input.purpose,
        consentRecord: input.consentRecord,
        consentAt: now,
        legalBasis: input.legalBasis ?? "本人书面同意（《个人信息保护法》第十三条第一款第一项）",
        nameEnc: ctx.cipher.encrypt(input.name),
        phoneEnc: input.phone ? ctx.cipher.encrypt(input.phone) : null,
        phoneIdx: input.phone ? ctx.cipher.blindIndex(input.phone) : null,
        needsEnc: ctx.cipher.encrypt(JSON.stringify(input.needs)),
        memberCount: input.memberCount,
        createdBy: ctx.actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "service_file.create",
      entity: "service_file",
      entityId: row.id,
      regionCode: row.regionCode,
      orgId: row.orgId,
      summary: `经本人同意建立服务档案（用途：${input.purpose}）`,
      changes: {
        purpose: [null, input.purpose],
        consentRecord: [null, input.consentRecord],
        name: [null, "***"],
        needs: [null, "***"],
      },
    });
    return { id: row.id };
  });
}

export async function revealFileField(ctx: Ctx, id: string, field: PersonalField, reason: string) {
  const f = await loadFile(ctx, id);
  const enc = field === "name" ? f.nameEnc : field === "phone" ? f.phoneEnc : field === "needs" ? f.needsEnc : null;
  if (field === "idNumber") throw errors.field("field", "services.field_not_on_file");
  if (f.status === "purged") throw errors.conflict("FILE_PURGED", "services.file_purged");
  return ctx.db.transaction(async (tx) => {
    await tx.insert(serviceAccessLog).values({
      fileId: f.id,
      field,
      reason,
      userId: ctx.actor.userId,
      userName: ctx.actor.displayName,
      orgId: ctx.actor.orgId,
      at: ctx.clock.now(),
    });
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "service_file.reveal",
      entity: "service_file",
      entityId: f.id,
      regionCode: f.regionCode,
      orgId: f.orgId,
      summary: `查看服务档案的${PERSONAL_FIELD_LABELS[field]}（理由：${reason}）`,
      changes: { revealedField: [null, field], reason: [null, reason] },
    });
    return { field, value: enc ? ctx.cipher.decrypt(enc) : null };
  });
}

export async function closeFile(ctx: Ctx, id: string, reason: "moved" | "withdrawn") {
  const f = await loadFile(ctx, id);
  await ctx.db.transaction((tx) =>
    fileMachine.move(tx, ctx, f, "close", {
      set: { closeReason: reason, closedAt: ctx.clock.now() },
      summary: `服务档案关闭（${CLOSE_LABELS[reason]}），个人信息将在保存期满后清除`,
      changes: { closeReason: [null, reason] },
    }),
  );
  return { ok: true as const };
}

/** The retention job: closed files past the retention period lose their personal fields (anonymous counts stay). */
export async function purgeExpiredFiles(deps: Deps): Promise<number> {
  const days = await fileRetentionDays(deps.db);
  const cutoff = new Date(deps.clock.now().getTime() - days * 86_400_000);
  const due = await deps.db
    .select()
    .from(S)
    .where(and(eq(S.status, "closed"), isNotNull(S.closedAt), lt(S.closedAt, cutoff)))
    .limit(1000);
  for (const f of due) {
    await deps.db.transaction((tx) =>
      fileMachine.move(tx, { clock: deps.clock, actor: null }, f, "purge", {
        set: { nameEnc: null, phoneEnc: null, phoneIdx: null, needsEnc: null, purgedAt: deps.clock.now() },
        summary: `服务档案关闭满 ${days} 天，清除个人信息（保留匿名计数）`,
        actorName: "系统",
      }),
    );
  }
  return due.length;
}
