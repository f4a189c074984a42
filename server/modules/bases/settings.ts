import { z } from "zod";
import { addDays, beijingDate } from "../../../contracts/dates.js";
import type { Ctx } from "../../core/context.js";
import { getSettings, registerSettingGroup } from "../../core/settings.js";

/**
 * 教育基地 settings (参数设置 → 教育基地): how many days before a base's term ends its 复核 falls due — the base is
 * marked 待复核 in the registry and the supervising department gets the to-do from then on.
 */
export const BASES_SETTINGS = "bases";
type BasesSettings = { reviewLeadDays: number };

registerSettingGroup<BasesSettings>({
  key: BASES_SETTINGS,
  name: "教育基地",
  permission: "system:settings",
  defaults: { reviewLeadDays: 90 },
  fields: {
    reviewLeadDays: {
      label: "复核提前提醒天数",
      unit: "天",
      help: "教育基地命名期满前这么多天起标为“待复核”，并提醒主管部门组织复核。",
      schema: z
        .number({ message: "应为整数" })
        .int({ message: "应为整数" })
        .min(7, { message: "应为 7–365 的整数" })
        .max(365, { message: "应为 7–365 的整数" }),
    },
  },
});

/** The last term end date whose 复核 is due today: today + the lead days. */
export async function reviewDueBy(ctx: Pick<Ctx, "db" | "clock">): Promise<string> {
  const { reviewLeadDays } = await getSettings<BasesSettings>(ctx.db, BASES_SETTINGS);
  return addDays(beijingDate(ctx.clock.now()), reviewLeadDays);
}
