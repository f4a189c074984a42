import { z } from "zod";
import { getSettings, registerSettingGroup } from "../../core/settings.js";
import type { Queryable } from "../../db/client.js";

/** 平台运行参数 (system administrator): housekeeping retention and the job failure alert. */
export type PlatformSettings = {
  sessionRetentionDays: number;
  jobRetentionDays: number;
  jobFailureAlert: number;
  /** 资料库 one file's limit in MB (never above the server's hard limit, MAX_MATERIAL_BYTES). */
  materialMaxMb: number;
};
export const PLATFORM_SETTINGS = "platform";

const days = (max: number) =>
  z
    .number({ message: "应为整数" })
    .int({ message: "应为整数" })
    .min(1, { message: `应为 1–${max} 的整数` })
    .max(max, { message: `应为 1–${max} 的整数` });

registerSettingGroup<PlatformSettings>({
  key: PLATFORM_SETTINGS,
  name: "平台运行",
  permission: "system:settings",
  defaults: { sessionRetentionDays: 30, jobRetentionDays: 30, jobFailureAlert: 3, materialMaxMb: 20 },
  fields: {
    sessionRetentionDays: {
      label: "会话记录保留期",
      unit: "天",
      help: "已退出或已过期的登录会话保留这么多天后清除（每小时清理一次）。",
      schema: days(365),
    },
    jobRetentionDays: {
      label: "后台任务记录保留期",
      unit: "天",
      help: "已完成的后台任务记录保留这么多天后清除；失败的任务记录一直保留，便于排查。",
      schema: days(365),
    },
    jobFailureAlert: {
      label: "任务连续失败提醒次数",
      unit: "次",
      help: "同一种后台任务连续失败达到这么多次时，在“定时任务”页面向系统管理员提示。",
      schema: days(20),
    },
    materialMaxMb: {
      label: "资料库单个文件上限",
      unit: "MB",
      help: "上传到资料库的每个文件（照片、台账、佐证材料）不能超过这个大小；最大 20 MB。",
      schema: days(20),
    },
  },
});

export const platformSettings = (db: Queryable) => getSettings<PlatformSettings>(db, PLATFORM_SETTINGS);
