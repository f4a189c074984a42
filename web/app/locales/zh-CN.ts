import { consoleFrameZh } from "../../../contracts/console-i18n/frame.zh-CN";
import { activitiesZh } from "../../modules/activities/zh-CN";
import { auditZh } from "../../modules/audit/zh-CN";
import { basesZh } from "../../modules/bases/zh-CN";
import { contentZh } from "../../modules/content/zh-CN";
import { creationZh } from "../../modules/creation/zh-CN";
import { disputesZh } from "../../modules/disputes/zh-CN";
import { evaluationZh } from "../../modules/evaluation/zh-CN";
import { honorsZh } from "../../modules/honors/zh-CN";
import { identityZh } from "../../modules/identity/zh-CN";
import { insightsZh } from "../../modules/insights/zh-CN";
import { materialsZh } from "../../modules/materials/zh-CN";
import { notifyZh } from "../../modules/notify/zh-CN";
import { orgZh } from "../../modules/org/zh-CN";
import { plansZh } from "../../modules/plans/zh-CN";
import { reportsZh } from "../../modules/reports/zh-CN";
import { servicesZh } from "../../modules/services/zh-CN";
import { systemZh } from "../../modules/system/zh-CN";
import { portalZh } from "../../portal/zh-CN";

/** zh-CN resource of the console and portal. Each module keeps its strings in its own zh-CN.ts, mounted here. */
export const zhCN = {
  org: orgZh,
  identity: identityZh,
  audit: auditZh,
  creation: creationZh,
  evaluation: evaluationZh,
  materials: materialsZh,
  plans: plansZh,
  disputes: disputesZh,
  system: systemZh,
  notify: notifyZh,
  portal: portalZh,
  bases: basesZh,
  activities: activitiesZh,
  honors: honorsZh,
  services: servicesZh,
  content: contentZh,
  insights: insightsZh,
  reports: reportsZh,
  ...consoleFrameZh,
};
