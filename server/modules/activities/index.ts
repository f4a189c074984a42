/** What other modules may use of 活动: activity records as evidence (describe, check), and the start-up seeds. */
export { seedActivityDicts } from "./activities.dicts.js";
export { activitiesPublicRoutes, activitiesRoutes } from "./activities.routes.js";
export { type ActivitiesDemoCast, seedActivitiesDemo } from "./demo-seed.js";
export {
  activityAsEvidence,
  activityEvidence,
  activityMaterialIds,
  assertActivitiesUsable,
} from "./evidence.js";
export { activityRows } from "./insights.js";
export { activityCounts, backfillActivitySearch } from "./record.service.js";
export { activitiesReports } from "./reports.js";
export { type ActivityTodo, listActivityTodos } from "./todo.service.js";
