/** What other modules may use of 风险防范: its routes, jobs, dictionaries and demo data (composition root only). */

export { caseCounts } from "./cases.service.js";
export { type DisputesDemoCast, seedDisputesDemo } from "./demo-seed.js";
export { disputesRoutes } from "./disputes.routes.js";
export { escalateMissingReports, escalateOverdueCases } from "./escalation.service.js";
export { zeroReportRows } from "./insights.js";
export { disputesReports } from "./reports.js";
export { compliance } from "./reports.service.js";
export { seedDisputesDicts } from "./settings.service.js";
export { type DisputeTodo, listDisputeTodos } from "./todo.service.js";
