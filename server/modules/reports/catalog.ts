/** The standard reports of every module, as each module's index.ts exports them (in the menu's order). */
import type { ReportDefinition } from "../../core/report-kit.js";
import { activitiesReports } from "../activities/index.js";
import { creationReports } from "../creation/index.js";
import { disputesReports } from "../disputes/index.js";
import { insightsReports } from "../insights/index.js";
import { plansReports } from "../plans/index.js";
import { servicesReports } from "../services/index.js";

export const REPORTS: ReportDefinition[] = [
  ...creationReports,
  ...plansReports,
  ...activitiesReports,
  ...servicesReports,
  ...disputesReports,
  ...insightsReports,
];
