import type { Permission } from "../../contracts/identity.js";
import type { ReportFormat, ReportParamKind } from "../../contracts/reports.js";
import type { Ctx } from "./context.js";

/**
 * A module's standard report (报表), as the report centre (server/modules/reports) lists and generates it. Each
 * module declares its own in `<module>/reports.ts` and exports the list from its index.ts; the generator calls the
 * module's own export code, so a report from the centre is the same file, with the same scope checks and audit,
 * as the one its page downloads.
 */
export type ReportParam = {
  name: string;
  label: string;
  kind: ReportParamKind;
  required: boolean;
  help?: string;
  /** select: the caller's choices (their plans, rounds…), worked out when the centre lists the report. */
  options?: (ctx: Ctx) => Promise<{ value: string; label: string }[]>;
  /** A default shown in the form (year: this year; date: none). */
  initial?: (ctx: Ctx) => string | undefined;
};

export type ReportDefinition = {
  /** Stable code, `<module>.<name>`. */
  key: string;
  /** The menu group it belongs with (创建, 规划, 服务台 …). */
  group: string;
  title: string;
  description: string;
  format: ReportFormat;
  permission: Permission;
  params: ReportParam[];
  generate: (ctx: Ctx, params: Record<string, string>) => Promise<{ content: Buffer; fileName: string }>;
};

/** Beijing year of the caller's clock (the default of a year parameter). */
export const thisYear = (ctx: Ctx) => String(new Date(ctx.clock.now().getTime() + 8 * 3600_000).getUTCFullYear());
