/**
 * What other modules may use of 创建 (the module is otherwise mounted by server/app.ts, jobs.ts and bootstrap.ts).
 * Export here, never from a file of the module, when another module needs something of it.
 */
export { listAssignments } from "./assignment.service.js";
export {
  applicationCountsByStatus,
  designationCountsByRegion,
  liveDesignationCountsByRegion,
} from "./creation.figures.js";
export { namedUnitRows, namingTargets } from "./insights.js";
export { searchPublicUnits } from "./public-search.js";
export { creationReports } from "./reports.js";
export { listTodos as listCreationTodos } from "./todo.service.js";
