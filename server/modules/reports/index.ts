/** What other modules may use of 报表中心. Nothing: server/app.ts mounts its routes. */
export { reportsRoutes } from "./reports.routes.js";
