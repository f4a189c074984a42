/** What other modules may use of 规划: the demo plan the whole demo seed builds on, and the home page's figures. */
export { seedPlansDemo } from "./demo-seed.js";
export { planReportRows, planTaskRows } from "./insights.js";
export { homePlan } from "./plan.figures.js";
export { listTodos as listPlanTodos } from "./report.service.js";
export { computeRollup } from "./rollup.service.js";
