/** zh-CN strings of the audit pages; referenced as t("audit.…"). */
export const auditZh = {};
