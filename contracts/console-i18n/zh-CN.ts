import { activitiesZh } from "./activities.zh-CN.js";
import { creationUnitZh } from "./creation.zh-CN.js";
import { disputesUnitZh } from "./disputes.zh-CN.js";
import { consoleFrameZh } from "./frame.zh-CN.js";
import { materialsZh } from "./materials.zh-CN.js";
import { consoleMenusZh as m } from "./menus.zh-CN.js";
import { plansUnitZh } from "./plans.zh-CN.js";

/**
 * The console's translated strings (issue 17 §5, 蒙古文界面 for unit-facing pages): the frame (common words, lists,
 * sign-in, menu, home page), every module's menu titles, and the pages a unit user works in daily — 活动记录,
 * 资料库, 我的任务 (plans.zh-CN.ts), 零报告 (disputes.zh-CN.ts) and its 示范创建 applications and 自评表
 * (creation.zh-CN.ts). Keyed exactly as the console's t() reads them (web/app/locales/zh-CN.ts mounts the same objects),
 * so this tree is the key set of the "console" translation set; the other console strings are not translated yet.
 */
export const consoleZh = {
  ...consoleFrameZh,
  activities: activitiesZh,
  materials: materialsZh,
  bases: { menu: m.bases },
  content: { menu: m.content },
  creation: {
    menu: m.creation,
    flow: { menu: m.creationFlow, ...creationUnitZh },
    results: { menu: m.creationResults },
    print: { menu: m.creationPrint },
  },
  disputes: { menu: m.disputes, ...disputesUnitZh },
  evaluation: { menu: m.evaluation },
  honors: { menu: m.honors },
  insights: { menu: m.insights },
  notify: { menu: m.notify },
  plans: { menu: m.plans, ...plansUnitZh },
  reports: { menu: m.reports },
  services: { menu: m.services },
  system: { menu: m.system },
};
