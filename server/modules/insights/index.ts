/**
 * What other modules may use of 概览: the demo, its reports, and the assessment to-dos (the message centre). Its
 * routes are mounted by server/app.ts. Export here, never from a file of the module, when another module needs
 * something of it.
 */

export { listAssessmentTodos } from "./assessment-todo.js";
export { seedInsightsDemo } from "./demo-seed.js";
export { insightsReports } from "./reports.js";
