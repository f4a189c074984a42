import { z } from "zod";
import { activityView } from "../../../../contracts/activities.js";
import { exportQueryOf, idParams, pageOf, uuid } from "../../../../contracts/common.js";
import {
  designationDetail,
  designationListQuery,
  designationRegister,
  designationSchema,
  reverificationDecide,
  reverificationSchema,
  revokeBody,
  selfCheckCreate,
  selfCheckSchema,
} from "../../../../contracts/creation.js";
import type { Deps } from "../../../core/context.js";
import { type App, contentDisposition, ctxOf } from "../../../core/http.js";
import { XLSX_MIME } from "../../../core/xlsx.js";
import { historyRoute } from "../../audit/index.js";
import { evidenceRoutes } from "../../materials/index.js";
import { registerDesignation } from "../decision.service.js";
import { getDesignation, listDesignations, loadDesignation, revokeDesignation } from "../designation.service.js";
import { readSheetSubjectActivity, readSheetSubjectEvidence } from "../evidence.service.js";
import { certificateDocx, DOCX_MIME, designationsXlsx } from "../exports.js";
import {
  createSelfCheck,
  decideReverification,
  getReverification,
  getSelfCheck,
  submitReverification,
  submitSelfCheck,
} from "../self-check.service.js";
import { tags } from "./shared.js";

/** 示范创建: 命名（示范单位/区）. */
export function designationRoutes(app: App, deps: Deps) {
  app.get(
    "/api/creation/designations",
    {
      config: { permission: "creation:read" },
      schema: {
        tags,
        summary: "命名单位（有效/复验中/已撤销/已到期）",
        querystring: designationListQuery,
        response: { 200: pageOf(designationSchema) },
      },
    },
    async (req) => listDesignations(ctxOf(deps, req), req.query),
  );
  app.get(
    "/api/creation/designations/export",
    {
      config: { permission: "creation:export" },
      schema: {
        tags,
        summary: "按相同筛选条件导出命名单位 .xlsx",
        querystring: exportQueryOf(designationListQuery),
      },
    },
    async (req, reply) => {
      const buffer = await designationsXlsx(ctxOf(deps, req), req.query);
      return reply
        .header("content-type", XLSX_MIME)
        .header("content-disposition", contentDisposition("示范创建命名单位.xlsx", { fallback: "designations.xlsx" }))
        .send(buffer);
    },
  );
  app.post(
    "/api/creation/designations",
    {
      config: { permission: "creation:manage" },
      schema: {
        tags,
        summary: "录入历史命名（平台启用前命名的单位，由命名层级录入）",
        body: designationRegister,
        response: { 200: designationDetail },
      },
    },
    async (req) => registerDesignation(ctxOf(deps, req), req.body),
  );
  app.get(
    "/api/creation/designations/:id",
    {
      config: { permission: "creation:read" },
      schema: {
        tags,
        summary: "命名详情（历史、年度自查、复验）",
        params: idParams,
        response: { 200: designationDetail },
      },
    },
    async (req) => getDesignation(ctxOf(deps, req), req.params.id),
  );
  app.get(
    "/api/creation/designations/:id/certificate",
    { config: { permission: "creation:export" }, schema: { tags, summary: "导出证书 .docx", params: idParams } },
    async (req, reply) => {
      const { buffer, fileName } = await certificateDocx(ctxOf(deps, req), req.params.id);
      return reply
        .header("content-type", DOCX_MIME)
        .header("content-disposition", contentDisposition(fileName, { fallback: "certificate.docx" }))
        .send(buffer);
    },
  );
  app.post(
    "/api/creation/designations/:id/revoke",
    {
      config: { permission: "creation:manage" },
      schema: {
        tags,
        summary: "撤销命名（原因类别、撤销文号、文件取自材料库），即时退出统计",
        params: idParams,
        body: revokeBody,
        response: { 200: designationDetail },
      },
    },
    async (req) => revokeDesignation(ctxOf(deps, req), req.params.id, req.body),
  );
  app.post(
    "/api/creation/designations/:id/self-checks",
    {
      config: { permission: "creation:apply" },
      schema: {
        tags,
        summary: "开始年度自查（用同一指标体系生成自查评分表）",
        params: idParams,
        body: selfCheckCreate,
        response: { 200: selfCheckSchema },
      },
    },
    async (req) => createSelfCheck(ctxOf(deps, req), req.params.id, req.body.year),
  );
  historyRoute(app, deps, {
    path: "/api/creation/designations/:id/history",
    permission: "creation:read",
    tags,
    summary: "操作记录（审计）",
    entity: "creation_designation",
    load: loadDesignation,
  });
  app.get(
    "/api/creation/self-checks/:id",
    {
      config: { permission: "creation:read" },
      schema: { tags, summary: "年度自查", params: idParams, response: { 200: selfCheckSchema } },
    },
    async (req) => getSelfCheck(ctxOf(deps, req), req.params.id),
  );
  app.post(
    "/api/creation/self-checks/:id/submit",
    {
      config: { permission: "creation:apply" },
      schema: {
        tags,
        summary: "提交年度自查（须先提交自查评分表）",
        params: idParams,
        response: { 200: selfCheckSchema },
      },
    },
    async (req) => submitSelfCheck(ctxOf(deps, req), req.params.id),
  );
  /*
   * 佐证 of a 年度自查's or 复验's self-assessment, for whoever reads it (creation:read covering the designation):
   * the files its items reference, the activity records they cite and those records' photos and files; anything
   * else is a 404 (evidence.service.ts). Downloads are audited like library downloads.
   */
  for (const kind of ["self-checks", "reverifications"] as const) {
    const what = kind === "self-checks" ? "年度自查" : "复验自查";
    evidenceRoutes(app, deps, {
      path: `/api/creation/${kind}/:id/evidence/:evidenceId`,
      permission: "creation:read",
      tags,
      summaries: {
        preview: `在线预览${what}评分表的佐证材料（含引用活动的照片和附件）`,
        download: `下载${what}评分表的佐证材料（记录审计；含引用活动的照片和附件）`,
      },
      read: (ctx, id, evidenceId, mode) => readSheetSubjectEvidence(ctx, kind, id, evidenceId, mode),
    });
    app.get(
      `/api/creation/${kind}/:id/activities/:activityId`,
      {
        config: { permission: "creation:read" },
        schema: {
          tags,
          summary: `查看${what}评分表引用的活动记录（能查看该命名的单位和部门）`,
          params: z.object({ id: uuid, activityId: uuid }),
          response: { 200: activityView },
        },
      },
      async (req) => readSheetSubjectActivity(ctxOf(deps, req), kind, req.params.id, req.params.activityId),
    );
  }
  app.get(
    "/api/creation/reverifications/:id",
    {
      config: { permission: "creation:read" },
      schema: { tags, summary: "复验", params: idParams, response: { 200: reverificationSchema } },
    },
    async (req) => getReverification(ctxOf(deps, req), req.params.id),
  );
  app.post(
    "/api/creation/reverifications/:id/submit",
    {
      config: { permission: "creation:apply" },
      schema: {
        tags,
        summary: "提交复验自查（须先提交复验评分表）",
        params: idParams,
        response: { 200: reverificationSchema },
      },
    },
    async (req) => submitReverification(ctxOf(deps, req), req.params.id),
  );
  app.post(
    "/api/creation/reverifications/:id/decide",
    {
      config: { permission: "creation:manage" },
      schema: {
        tags,
        summary: "复验结论：通过则有效期延续，不合格则到期后不再有效",
        params: idParams,
        body: reverificationDecide,
        response: { 200: reverificationSchema },
      },
    },
    async (req) => decideReverification(ctxOf(deps, req), req.params.id, req.body.passed, req.body.note),
  );
}
