import { z } from "zod";
import {
  DEFAULT_ACCEPT_DAYS,
  DEFAULT_FILE_RETENTION_DAYS,
  DEFAULT_REOPEN_DAYS,
  DEFAULT_TIME_LIMITS,
  SERVICE_CATEGORIES,
  SERVICE_CATEGORY_DICT,
  SERVICE_DECLINE_DICT,
  SERVICE_DECLINE_REASONS,
} from "../../../contracts/services.js";
import { seedDict } from "../../core/dict.js";
import { getSettings, registerSettingGroup, type SettingField } from "../../core/settings.js";
import type { Queryable } from "../../db/client.js";

/**
 * The service desk's settings, one group (服务台) on the 参数设置 page: the answer time limit in working days per
 * category (legal aid shortest), working days to accept a referral, days after closing the person may reopen,
 * and days a closed service file keeps its personal fields. A category added to the dictionary later answers
 * within the limit of 其他 until a field is added for it.
 */
export const SERVICES_SETTINGS = "services";

const limitKey = (category: string) => `limit_${category}`;

const whole = (min: number, max: number) =>
  z
    .number({ message: "应为整数" })
    .int({ message: "应为整数" })
    .min(min, { message: `应为 ${min}–${max} 的整数` })
    .max(max, { message: `应为 ${min}–${max} 的整数` });

type ServicesSettings = Record<string, number>;

const limitFields: Record<string, SettingField> = Object.fromEntries(
  SERVICE_CATEGORIES.map(([code, label]) => [
    limitKey(code),
    {
      label: `${label}答复时限`,
      unit: "个工作日",
      help:
        code === "legal_aid"
          ? "法律援助走绿色通道：转办后责任部门应在这么多个工作日内答复（按工作日历，节假日不计）。"
          : `${label}类诉求转办后，责任部门应在这么多个工作日内答复（按工作日历，节假日不计）；转办时可逐件调整。`,
      schema: whole(1, 60),
    },
  ]),
);

registerSettingGroup<ServicesSettings>({
  key: SERVICES_SETTINGS,
  name: "服务台",
  permission: "system:settings",
  defaults: {
    ...Object.fromEntries(SERVICE_CATEGORIES.map(([code]) => [limitKey(code), DEFAULT_TIME_LIMITS[code] ?? 10])),
    acceptDays: DEFAULT_ACCEPT_DAYS,
    reopenDays: DEFAULT_REOPEN_DAYS,
    fileRetentionDays: DEFAULT_FILE_RETENTION_DAYS,
  },
  fields: {
    ...limitFields,
    acceptDays: {
      label: "接收转办时限",
      unit: "个工作日",
      help: "责任部门应在转办后这么多个工作日内接收或拒收，超时即提醒其上级和转办窗口。",
      schema: whole(1, 10),
    },
    reopenDays: {
      label: "办结后可申请重新办理的期限",
      unit: "天",
      help: "诉求办结后，群众在这么多天内可凭查询码申请重新办理。",
      schema: whole(1, 90),
    },
    fileRetentionDays: {
      label: "服务档案个人信息保留期",
      unit: "天",
      help: "服务档案关闭（迁出或撤回同意）后，姓名、电话等个人信息保留这么多天后清除，只留匿名统计。",
      schema: whole(1, 3650),
    },
  },
});

const read = (db: Queryable) => getSettings<ServicesSettings>(db, SERVICES_SETTINGS);

/** Working days to answer, per category code (a category without its own field answers as 其他). */
export async function timeLimits(db: Queryable): Promise<Record<string, number>> {
  const v = await read(db);
  return Object.fromEntries(SERVICE_CATEGORIES.map(([code]) => [code, v[limitKey(code)] as number]));
}
export const acceptDays = async (db: Queryable) => (await read(db)).acceptDays as number;
export const reopenDays = async (db: Queryable) => (await read(db)).reopenDays as number;
export const fileRetentionDays = async (db: Queryable) => (await read(db)).fileRetentionDays as number;

/** The module's dictionaries (from prepareDatabase). */
export async function seedServicesDicts(db: Queryable) {
  await seedDict(db, SERVICE_CATEGORY_DICT, SERVICE_CATEGORIES);
  await seedDict(db, SERVICE_DECLINE_DICT, SERVICE_DECLINE_REASONS);
}
