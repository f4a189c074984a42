import { AUDIT_CATEGORY_LABELS, auditEntrySchema, auditQuery, verifyResult } from "../../../contracts/audit.js";
import { pageOf } from "../../../contracts/common.js";
import type { Deps } from "../../core/context.js";
import { type App, ctxOf } from "../../core/http.js";
import { attachment, buildXlsxBook, XLSX_MIME, type XlsxSheet } from "../../core/xlsx.js";
import { readAnchors } from "./audit.anchor.js";
import { findAudit, recordAudit } from "./audit.service.js";
import { verifyChain } from "./audit.verify.js";

const EXPORT_CAP = 100_000;

export function auditRoutes(app: App, deps: Deps) {
  app.get(
    "/api/audit",
    {
      config: { permission: "audit:read" },
      schema: {
        tags: ["审计"],
        summary: "审计日志（审计管理员）",
        querystring: auditQuery,
        response: { 200: pageOf(auditEntrySchema) },
      },
    },
    async (req) => {
      const { page, pageSize, ...filter } = req.query;
      return findAudit(deps.db, filter, page, pageSize);
    },
  );
  app.get(
    "/api/audit/logins",
    {
      config: { permission: "loginlog:read" },
      schema: {
        tags: ["审计"],
        summary: "登录日志",
        querystring: auditQuery.omit({ category: true }),
        response: { 200: pageOf(auditEntrySchema) },
      },
    },
    async (req) => {
      const { page, pageSize, ...filter } = req.query;
      return findAudit(deps.db, { ...filter, category: "auth" }, page, pageSize);
    },
  );
  app.get(
    "/api/audit/verify",
    {
      config: { permission: "audit:read" },
      schema: {
        tags: ["审计"],
        summary: "校验审计哈希链：逐条核对并与库外锚点比对，完好时锚定链头",
        response: { 200: verifyResult },
      },
    },
    async () => verifyChain(deps.db, deps.audit, { now: deps.clock.now() }),
  );
  app.get(
    "/api/audit/export",
    {
      config: { permission: "audit:export" },
      schema: {
        tags: ["审计"],
        summary: "按相同筛选条件导出 .xlsx",
        querystring: auditQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(deps, req);
      const { items } = await findAudit(deps.db, req.query, 1, EXPORT_CAP);
      const { valid } = readAnchors(deps.audit.anchorDir, deps.audit.keys);
      const buffer = await buildXlsxBook([
        {
          name: "审计日志",
          columns: [
            { header: "序号", width: 8, value: (e) => e.seq },
            {
              header: "时间（北京时间）",
              width: 20,
              value: (e) => e.at,
            },
            { header: "类别", value: (e) => AUDIT_CATEGORY_LABELS[e.category] },
            { header: "操作", value: (e) => e.action },
            { header: "结果", value: (e) => (e.outcome === "success" ? "成功" : "失败") },
            { header: "操作人", width: 24, value: (e) => e.actorName },
            { header: "IP", value: (e) => e.ip },
            { header: "所属机构", width: 28, value: (e) => e.orgName },
            { header: "对象类型", value: (e) => e.entity },
            { header: "对象标识", width: 38, value: (e) => e.entityId },
            { header: "摘要", width: 40, value: (e) => e.summary },
            { header: "变更内容", width: 60, value: (e) => (e.changes ? JSON.stringify(e.changes) : "") },
            { header: "哈希", width: 66, value: (e) => e.hash },
          ],
          rows: items,
        } satisfies XlsxSheet<(typeof items)[number]>,
        {
          // The anchors let whoever holds the export (and the audit key) check the chain's head later on.
          name: "校验锚点",
          columns: [
            { header: "锚定序号", width: 10, value: (a) => a.anchor.seq },
            { header: "锚定时间（UTC）", width: 26, value: (a) => a.anchor.at, asText: true },
            { header: "该条哈希", width: 66, value: (a) => a.anchor.hash },
            { header: "无密钥旧记录截止", width: 16, value: (a) => a.anchor.legacyUntil },
            { header: "密钥标识", width: 18, value: (a) => a.anchor.keyId },
            { header: "锚点签名（HMAC-SM3）", width: 66, value: (a) => a.anchor.mac },
            { header: "文件", width: 28, value: (a) => a.file },
          ],
          rows: valid,
        } satisfies XlsxSheet<(typeof valid)[number]>,
      ]);
      await deps.db.transaction((tx) =>
        recordAudit(tx, deps.clock, ctx.actor, {
          category: "export",
          action: "audit.export",
          entity: "audit",
          summary: `导出审计日志 ${items.length} 条`,
          changes: { filters: req.query },
        }),
      );
      return reply
        .header("content-type", XLSX_MIME)
        .header("content-disposition", attachment("审计日志.xlsx"))
        .send(buffer);
    },
  );
}
