/** What other modules may use of 规划: the demo plan the whole demo seed builds on, and the home page's figures. */
export { DEMO_PLAN_TITLE, readDemoPlanText, seedPlansDemo } from "./demo-seed.js";
export { planReportRows, planTaskRows } from "./insights.js";
export { readPlanDocument as readTextDocument } from "./parse-plan.js";
export { homePlan } from "./plan.figures.js";
export { listTodos as listPlanTodos } from "./report.service.js";
export { plansReports } from "./reports.js";
export { computeRollup } from "./rollup.service.js";
