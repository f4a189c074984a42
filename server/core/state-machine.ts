/**
 * One shape for every state machine (batches, applications, designations, score sheets, notices, plans,
 * rectifications …). A module declares its machine once with `defineMachine`: the table whose `status` column
 * it owns, the statuses' Chinese labels, and its transitions (action → the statuses it may start from, those it
 * may lead to, a Chinese label for the action and an optional guard). `machine.move(tx, ctx, row, action, extra)`
 * is then the only writer of that status column: in the caller's transaction it checks the transition (409
 * ILLEGAL_TRANSITION, nothing changed, otherwise), runs the guard, updates the row (status, `extra.set`,
 * updatedAt), writes the module's event row (where it keeps one) and the audit entry.
 *
 * `server/state-machines.test.ts` fails on a status written anywhere else.
 */
import { eq, type SQL } from "drizzle-orm";
import type { AnyPgColumn, PgTableWithColumns } from "drizzle-orm/pg-core";
import type { Tx } from "../db/client.js";
import type { Actor } from "./access.js";
import type { Clock } from "./clock.js";
import { AppError } from "./errors.js";
import { t } from "./i18n.js";

/** 409 for a step the state machine does not allow from the current status; nothing is changed. */
export function illegalTransition(entity: string, statusLabel: string, actionLabel: string, allowed: string[]) {
  return new AppError(
    409,
    "ILLEGAL_TRANSITION",
    t("errors.illegal_transition", {
      entity: t(`entities.${entity}`),
      status: statusLabel,
      action: actionLabel,
      allowed: allowed.join("、") || "无",
    }),
    { status: statusLabel, action: actionLabel, allowed },
  );
}

// biome-ignore lint/suspicious/noExplicitAny: any drizzle table with an id and a status column
type StatusTable = PgTableWithColumns<any> & { id: AnyPgColumn; status: AnyPgColumn };

export type Transition<S extends string, R> = {
  /** The statuses the action may start from. */
  from: readonly S[];
  /** The statuses it may lead to: empty, the status stays; several, the caller names one (`extra.to`). */
  to: readonly S[];
  /** The action in Chinese, as the 409 message and the console name it. */
  label: string;
  /** The audit action code when it is not `${auditPrefix}.${action}`. */
  audit?: string;
  /** Checked after `from`, before anything is written: throws to refuse. */
  guard?: (tx: Tx, row: R) => void | Promise<void>;
};

/** Who and when: a request's Ctx, or a job's deps with no actor. */
export type MoveCtx = { clock: Clock; actor: Actor | null };

export type MoveExtra<T extends StatusTable, S extends string> = {
  /** Which target, when the transition has several. */
  to?: S | null;
  /** Other columns written with the status (values or SQL, e.g. a revision counter). */
  set?: { [K in keyof T["$inferInsert"]]?: T["$inferInsert"][K] | SQL };
  /** The audit entry's summary (Chinese). */
  summary: string;
  /** Changes recorded beside the status change. */
  changes?: Record<string, unknown>;
  /** The audit's actor name when there is no actor (a job). */
  actorName?: string | null;
  /** A note for the module's event row. */
  note?: string | null;
  /** Anything else the module's event row takes (level, kind, data …). */
  event?: Record<string, unknown>;
};

export type MachineEvent<R, S extends string, A extends string> = {
  row: R;
  action: A;
  from: S;
  to: S;
  note: string | null;
  event: Record<string, unknown>;
};

export type AuditWriter = (
  tx: Tx,
  clock: Clock,
  actor: Actor | null,
  input: {
    category: "data";
    action: string;
    entity: string;
    entityId: string;
    regionCode: string | null;
    orgId: string | null;
    actorName?: string | null;
    summary: string;
    changes: Record<string, unknown>;
  },
) => Promise<void>;

export type MachineSpec<T extends StatusTable, S extends string, A extends string> = {
  /** The entity (audit entity and `entities.<entity>` label). */
  entity: string;
  /** Audit codes are `${auditPrefix}.${action}` unless a transition names its own. */
  auditPrefix: string;
  table: T;
  labels: Record<S, string>;
  transitions: Record<A, Transition<S, T["$inferSelect"]>>;
  /** The audit module's recordAudit (core does not import modules). */
  audit: AuditWriter;
  /** Where the audit entry belongs. */
  scope: (row: T["$inferSelect"]) => { regionCode: string | null; orgId: string | null };
  /** The module's own history row, written with the change. */
  event?: (tx: Tx, ctx: MoveCtx, e: MachineEvent<T["$inferSelect"], S, A>) => Promise<void>;
};

export type Machine<T extends StatusTable, S extends string, A extends string> = {
  spec: MachineSpec<T, S, A>;
  transitions: Record<A, Transition<S, T["$inferSelect"]>>;
  /** Whether `action` may start from `status` (and lead to `to`). */
  can: (status: S, action: A, to?: S | null) => boolean;
  /** 409 ILLEGAL_TRANSITION unless `action` may start from `status` (and lead to `to`). */
  assert: (status: S, action: A, to?: S | null) => void;
  /** The one writer of the status: check, guard, update, event row, audit; returns the updated row. */
  move: (tx: Tx, ctx: MoveCtx, row: T["$inferSelect"], action: A, extra: MoveExtra<T, S>) => Promise<T["$inferSelect"]>;
};

export function defineMachine<T extends StatusTable, S extends string, A extends string>(
  spec: MachineSpec<T, S, A>,
): Machine<T, S, A> {
  const can = (status: S, action: A, to?: S | null) => {
    const tr = spec.transitions[action];
    return tr.from.includes(status) && (!to || to === status || tr.to.length === 0 || tr.to.includes(to));
  };
  const assert = (status: S, action: A, to?: S | null) => {
    if (!can(status, action, to)) {
      const tr = spec.transitions[action];
      throw illegalTransition(
        spec.entity,
        spec.labels[status] ?? status,
        tr.label,
        tr.from.map((s) => spec.labels[s]),
      );
    }
  };
  const move: Machine<T, S, A>["move"] = async (tx, ctx, row, action, extra) => {
    const from = row.status as S;
    assert(from, action, extra.to);
    const tr = spec.transitions[action];
    await tr.guard?.(tx, row);
    const to = (extra.to ?? (tr.to.length === 1 ? tr.to[0] : from)) as S;
    const now = ctx.clock.now();
    const set = { ...extra.set, status: to, ...("updatedAt" in spec.table ? { updatedAt: now } : {}) };
    const rows = (await tx
      .update(spec.table)
      .set(set as never)
      .where(eq(spec.table.id, row.id))
      .returning()) as unknown as T["$inferSelect"][];
    await spec.event?.(tx, ctx, { row, action, from, to, note: extra.note ?? null, event: extra.event ?? {} });
    const where = spec.scope(row);
    await spec.audit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: tr.audit ?? `${spec.auditPrefix}.${action}`,
      entity: spec.entity,
      entityId: row.id as string,
      regionCode: where.regionCode,
      orgId: where.orgId,
      ...(extra.actorName !== undefined ? { actorName: extra.actorName } : {}),
      summary: extra.summary,
      changes: { ...(to !== from ? { status: [from, to] } : {}), ...extra.changes },
    });
    return rows[0];
  };
  return { spec, transitions: spec.transitions, can, assert, move };
}
