/**
 * What other modules may use of 概览. Nothing: the module only reads the others' exports for its routes, mounted
 * by server/app.ts. Export here, never from a file of the module, when another module needs something of it.
 */
export { seedInsightsDemo } from "./demo-seed.js";
export { insightsReports } from "./reports.js";
