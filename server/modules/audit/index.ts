/** What other modules may use of 审计: the audit entry written with each change, and a record's history route. */
export {
  type AuditInput,
  type AuditRefs,
  diff,
  findAudit,
  recordAudit,
  recordAuditNow,
  registerAuditNameSource,
} from "./audit.service.js";
export { historyRoute } from "./history.route.js";
