import { eq } from "drizzle-orm";
import {
  DEFAULT_DISPUTE_SETTINGS,
  DISPUTE_CATEGORY_DICT,
  DISPUTE_CHANNEL_DICT,
  DISPUTE_SOURCE_DICT,
  type DisputeSettings,
  disputeSettings,
} from "../../../contracts/disputes.js";
import { requireScope } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { settings } from "../../core/core.schema.js";
import { seedDict } from "../../core/dict.js";
import { AppError } from "../../core/errors.js";
import { t } from "../../core/i18n.js";
import type { Queryable } from "../../db/client.js";
import { diff, recordAudit } from "../audit/index.js";
import { scopeRegion } from "./disputes-access.js";

const KEY = "disputes.settings";

/** The module's dictionaries (案件来源, 纠纷类别, 舆情来源渠道), seeded at every start by prepareDatabase. */
export async function seedDisputesDicts(db: Queryable) {
  await seedDict(db, DISPUTE_SOURCE_DICT, [
    ["screening", "排查"],
    ["visit", "来访"],
    ["referral", "转交"],
    ["grid", "网格员上报"],
    ["window", "服务窗口"],
  ]);
  await seedDict(db, DISPUTE_CATEGORY_DICT, [
    ["family", "婚姻家庭"],
    ["neighbour", "邻里"],
    ["land", "土地/草牧场"],
    ["labour", "劳资"],
    ["debt", "债务"],
    ["expropriation", "征地拆迁"],
    ["other", "其他"],
  ]);
  await seedDict(db, DISPUTE_CHANNEL_DICT, [
    ["web", "网站论坛"],
    ["weibo", "微博"],
    ["wechat", "微信公众号/群"],
    ["video", "短视频平台"],
    ["media", "新闻媒体"],
    ["hotline", "12345热线"],
  ]);
}

/** 风险防范 settings: the stored ones over the defaults (an older stored value missing a key gets the default). */
export async function getDisputeSettings(db: Queryable): Promise<DisputeSettings> {
  const [row] = await db.select().from(settings).where(eq(settings.key, KEY));
  const stored = (row?.value ?? {}) as Partial<DisputeSettings>;
  const merged = {
    ...DEFAULT_DISPUTE_SETTINGS,
    ...stored,
    resolveDays: { ...DEFAULT_DISPUTE_SETTINGS.resolveDays, ...(stored.resolveDays ?? {}) },
  };
  const parsed = disputeSettings.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_DISPUTE_SETTINGS;
}

/**
 * The settings hold for the whole autonomous region, so only a caller whose manage scope is the 自治区 (a 2-digit
 * region code, level 1) or everything may change them; a 市/旗/镇 department gets 403 even with disputes:manage.
 */
export function assertRegionLevelManager(ctx: Ctx) {
  const scope = requireScope(ctx.actor, "disputes:manage");
  const regionWide =
    scope.kind === "all" ||
    ((scope.kind === "region_tree" || scope.kind === "region") && scopeRegion(ctx, "disputes:manage").length <= 2);
  if (!regionWide)
    throw new AppError(403, "FORBIDDEN", t("disputes.settings_region_only"), { permission: "disputes:manage" });
  return scope;
}

export async function updateDisputeSettings(ctx: Ctx, input: DisputeSettings): Promise<DisputeSettings> {
  const scope = assertRegionLevelManager(ctx);
  return ctx.db.transaction(async (tx) => {
    const before = await getDisputeSettings(tx);
    const now = ctx.clock.now();
    await tx
      .insert(settings)
      .values({ key: KEY, value: input, updatedAt: now })
      .onConflictDoUpdate({ target: settings.key, set: { value: input, updatedAt: now } });
    await recordAudit(tx, ctx.clock, ctx.actor, {
      category: "data",
      action: "disputes.settings.update",
      entity: "dispute_settings",
      entityId: KEY,
      regionCode: scope.kind === "all" ? null : ctx.actor.regionCode,
      orgId: ctx.actor.orgId,
      summary: "修改风险防范设置",
      changes: diff(flat(before), flat(input)),
    });
    return input;
  });
}

const flat = (s: DisputeSettings) => ({
  majorReportHours: s.majorReportHours,
  resolveDays: `一般 ${s.resolveDays.general} / 较大 ${s.resolveDays.serious} / 重大 ${s.resolveDays.major}`,
  zeroFrequency: s.zeroFrequency,
  quarterlyFrequency: s.quarterlyFrequency,
  onTimeDays: s.onTimeDays,
  remindDays: s.remindDays,
});
