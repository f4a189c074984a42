import { z } from "zod";
import { auditEntrySchema, historyQuery } from "../../../contracts/audit.js";
import { pageOf } from "../../../contracts/common.js";
import { TRANSLATION_STATES } from "../../../contracts/portal-i18n/keys.js";
import {
  publicTranslationQuery,
  translationExportQuery,
  translationImportResult,
  translationKey,
  translationList,
  translationListQuery,
  translationRow,
  translationUpdate,
} from "../../../contracts/translations.js";
import type { Deps } from "../../core/context.js";
import { errors } from "../../core/errors.js";
import { type App, ctxOf } from "../../core/http.js";
import { withImportLog } from "../../core/imports.js";
import { readUpload } from "../../core/upload.js";
import { attachment, XLSX_MIME } from "../../core/xlsx.js";
import { findAudit } from "../audit/index.js";
import {
  exportTranslations,
  importTranslations,
  isTranslationKey,
  listTranslations,
  publicTranslations,
  translationEntityId,
  updateTranslation,
} from "./translations.service.js";

/** The translators' sheet: a few hundred rows of short text. */
const MAX_TRANSLATION_FILE = 5 * 1024 * 1024;

/**
 * 界面翻译: the system administrator works on the portal's strings in Mongolian (list, edit, export for the
 * translators, import back with a preview); the portal reads the effective set without signing in.
 */
export function translationRoutes(app: App, deps: Deps) {
  const tags = ["界面翻译"];
  const config = { permission: "system:settings" as const };
  app.get(
    "/api/public/i18n/mn-Mong",
    {
      config: { public: true },
      schema: {
        tags,
        summary:
          "门户（set=portal，默认）或管理后台（set=console）的蒙古文界面文案（随应用发布的译文，以管理员修改、导入的为准；缺少的键显示中文）",
        querystring: publicTranslationQuery,
        response: {
          200: z.record(z.string(), z.object({ text: z.string(), state: z.enum(TRANSLATION_STATES) })),
        },
      },
    },
    async (req, reply) => {
      reply.header("cache-control", "no-cache");
      return publicTranslations(deps, "mn-Mong", req.query.set);
    },
  );
  app.get(
    "/api/system/translations",
    {
      config,
      schema: {
        tags,
        summary: "界面文案的译文和状态（待翻译/待校对/已校对），各状态的条数；可按状态筛选、按键或文字检索",
        querystring: translationListQuery,
        response: { 200: translationList },
      },
    },
    async (req) => listTranslations(ctxOf(deps, req), req.query),
  );
  app.put(
    "/api/system/translations",
    {
      config,
      schema: {
        tags,
        summary: "修改一条译文及其状态（保留中文里的占位符；记入审计）",
        body: translationUpdate,
        response: { 200: translationRow },
      },
    },
    async (req) => updateTranslation(ctxOf(deps, req), req.body),
  );
  app.get(
    "/api/system/translations/:translationKey/history",
    {
      config,
      schema: {
        tags,
        summary: "一条界面文案的修改记录（逐条修改和导入）",
        params: z.object({ translationKey }),
        querystring: historyQuery,
        response: { 200: pageOf(auditEntrySchema) },
      },
    },
    async (req) => {
      const key = req.params.translationKey;
      if (!isTranslationKey("mn-Mong", key)) throw errors.notFound("ui_translation");
      return findAudit(
        deps.db,
        { entity: "ui_translation", entityId: translationEntityId("mn-Mong", key) },
        req.query.page,
        req.query.pageSize,
      );
    },
  );
  app.get(
    "/api/system/translations/export",
    {
      config,
      schema: {
        tags,
        summary: "导出界面文案 .xlsx（键、中文、蒙古文、状态、界面；set 只导出门户或管理后台），交翻译人员填写",
        querystring: translationExportQuery,
      },
    },
    async (req, reply) => {
      const { fileName, content } = await exportTranslations(ctxOf(deps, req), req.query.locale, req.query.set);
      return reply.header("content-type", XLSX_MIME).header("content-disposition", attachment(fileName)).send(content);
    },
  );
  app.post(
    "/api/system/translations/import/preview",
    {
      config,
      schema: {
        tags,
        summary: "导入预览（multipart：file 为导出后填写的 .xlsx）：逐行校验，列出将修改的译文和每行错误；不保存",
        consumes: ["multipart/form-data"],
        response: { 200: translationImportResult },
      },
    },
    async (req) => {
      const { file } = await readUpload(req, { maxBytes: MAX_TRANSLATION_FILE, maxFields: 0 });
      return importTranslations(ctxOf(deps, req), "mn-Mong", file.content, false);
    },
  );
  app.post(
    "/api/system/translations/import",
    {
      config,
      schema: {
        tags,
        summary: "确认导入（multipart：与预览相同的文件）：有一行错误则一条也不导入，返回每行的错误；逐条记入审计",
        consumes: ["multipart/form-data"],
        response: { 200: translationImportResult },
      },
    },
    async (req) => {
      const { file } = await readUpload(req, { maxBytes: MAX_TRANSLATION_FILE, maxFields: 0 });
      const ctx = ctxOf(deps, req);
      return withImportLog(
        ctx,
        { kind: "translations", fileName: file.fileName },
        () => importTranslations(ctx, "mn-Mong", file.content, true),
        (r) => ({
          total: r.total,
          imported: r.changes.length,
          summary: `修改 ${r.changes.length} 条译文，${r.unchanged} 条未变`,
        }),
      );
    },
  );
}
