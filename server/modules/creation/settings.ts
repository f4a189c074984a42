import { z } from "zod";
import { getSettings, registerSettingGroup } from "../../core/settings.js";
import type { Queryable } from "../../db/client.js";

/**
 * 示范创建 settings (参数设置 → 示范创建): how many days before an open batch's application deadline its
 * organisers get the 申报即将截止 to-do. (复验 opening six months before expiry is the rule of the scheme, not a
 * reminder, and stays fixed.)
 */
export const CREATION_SETTINGS = "creation";
type CreationSettings = { deadlineLeadDays: number };

registerSettingGroup<CreationSettings>({
  key: CREATION_SETTINGS,
  name: "示范创建",
  permission: "system:settings",
  defaults: { deadlineLeadDays: 7 },
  fields: {
    deadlineLeadDays: {
      label: "申报截止提前提醒天数",
      unit: "天",
      help: "开放中的申报批次在申报截止日前这么多天起，提醒组织单位（待办“申报即将截止”）。",
      schema: z
        .number({ message: "应为整数" })
        .int({ message: "应为整数" })
        .min(1, { message: "应为 1–60 的整数" })
        .max(60, { message: "应为 1–60 的整数" }),
    },
  },
});

export async function deadlineLeadDays(db: Queryable): Promise<number> {
  return (await getSettings<CreationSettings>(db, CREATION_SETTINGS)).deadlineLeadDays;
}
