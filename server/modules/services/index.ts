/** What other modules (and the composition root) may use of 服务台. */

export { seedServicesDemo } from "./demo-seed.js";
export { escalateOverdueRequests } from "./escalation.service.js";
export { purgeExpiredFiles } from "./files.service.js";
export { serviceRequestRows } from "./insights.js";
export { servicesPublicRoutes } from "./public.routes.js";
export { servicesReports } from "./reports.js";
export { requestCounts } from "./request.service.js";
export { registerServicesJobs } from "./services.jobs.js";
export { servicesRoutes } from "./services.routes.js";
export { seedServicesDicts } from "./settings.js";
export { listServiceTodos, type ServiceTodo } from "./todo.service.js";
