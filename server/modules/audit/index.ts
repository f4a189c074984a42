/** What other modules may use of 审计: the audit entry written with each change, and a record's history route. */
export { type AuditInput, diff, findAudit, recordAudit, recordAuditNow } from "./audit.service.js";
export { historyRoute } from "./history.route.js";
