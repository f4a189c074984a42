import { z } from "zod";
import { auditEntrySchema, historyQuery } from "../../../contracts/audit.js";
import { idParams, okResult, pageOf } from "../../../contracts/common.js";
import {
  calendarDateParams,
  calendarQuery,
  calendarYear as calendarYearSchema,
  dictEntryCreate,
  dictEntryParams,
  dictEntryRow,
  dictEntryUpdate,
  dictOrder,
  dictTypeParams,
  dictTypeRow,
  importCenter,
  importRunQuery,
  jobKindParams,
  jobOverview as jobOverviewSchema,
  jobRunRow,
  settingGroupParams,
  settingGroupUpdate,
  settingGroupView,
  specialDay,
  specialDayUpsert,
  workingDayQuery as workingDayQuerySchema,
  workingDayResult,
} from "../../../contracts/system.js";
import type { Deps } from "../../core/context.js";
import { type App, ctxOf } from "../../core/http.js";
import { attachment, XLSX_MIME } from "../../core/xlsx.js";
import { findAudit } from "../audit/index.js";
import { calendarYear, deleteSpecialDay, upsertSpecialDay, workingDayQuery } from "./calendar.service.js";
import {
  createDictEntry,
  deleteDictEntry,
  dictEntityId,
  listDictEntries,
  listDictTypes,
  reorderDict,
  updateDictEntry,
} from "./dict.service.js";
import { importCenterOf, importErrorsXlsx } from "./imports.service.js";
import { jobOverview, recentJobs, runJobNow } from "./jobs.service.js";
import { mapRoutes } from "./maps.routes.js";
import "./platform.settings.js";
import { groupFor, listSettingGroups, updateSettingGroup } from "./settings.service.js";
import { translationRoutes } from "./translations.routes.js";

/** 系统设置: the official working-day calendar (more settings join it here). */
export function systemRoutes(app: App, deps: Deps) {
  // 导入中心: any signed-in user; the service shows only the kinds whose permission the user holds, and of those
  // the imports within that permission's scope.
  app.get(
    "/api/system/imports",
    {
      config: { signedIn: true },
      schema: {
        tags: ["导入中心"],
        summary: "导入中心：我可以做的导入（模板、入口）和范围内的导入记录",
        querystring: importRunQuery,
        response: { 200: importCenter },
      },
    },
    async (req) => importCenterOf(ctxOf(deps, req), req.query),
  );
  app.get(
    "/api/system/imports/:id/errors",
    {
      config: { signedIn: true },
      schema: { tags: ["导入中心"], summary: "下载一次导入的错误明细 .xlsx", params: idParams },
    },
    async (req, reply) => {
      const { fileName, content } = await importErrorsXlsx(ctxOf(deps, req), req.params.id);
      return reply.header("content-type", XLSX_MIME).header("content-disposition", attachment(fileName)).send(content);
    },
  );
  app.get(
    "/api/system/calendar",
    {
      config: { signedIn: true },
      schema: {
        tags: ["系统设置"],
        summary: "工作日历：某年的法定节假日和调休上班日",
        querystring: calendarQuery,
        response: { 200: calendarYearSchema },
      },
    },
    async (req) => calendarYear(deps.db, req.query.year),
  );
  app.get(
    "/api/system/calendar/working-day",
    {
      config: { signedIn: true },
      schema: {
        tags: ["系统设置"],
        summary: "按工作日历推算：某日之后第 N 个工作日，以及 N 个工作日的公示期",
        querystring: workingDayQuerySchema,
        response: { 200: workingDayResult },
      },
    },
    async (req) => workingDayQuery(deps.db, req.query.from, req.query.days),
  );
  app.put(
    "/api/system/calendar/:date",
    {
      config: { permission: "system:settings" },
      schema: {
        tags: ["系统设置"],
        summary: "新增或修改工作日历中的一天（放假或调休上班）",
        params: calendarDateParams,
        body: specialDayUpsert,
        response: { 200: specialDay },
      },
    },
    async (req) => upsertSpecialDay(ctxOf(deps, req), req.params.date, req.body),
  );
  app.delete(
    "/api/system/calendar/:date",
    {
      config: { permission: "system:settings" },
      schema: {
        tags: ["系统设置"],
        summary: "删除管理员录入的一天（恢复为普通工作日或周末）",
        params: calendarDateParams,
        response: { 200: okResult },
      },
    },
    async (req) => {
      await deleteSpecialDay(ctxOf(deps, req), req.params.date);
      return { ok: true as const };
    },
  );
  dictRoutes(app, deps);
  settingRoutes(app, deps);
  jobRoutes(app, deps);
  translationRoutes(app, deps);
  mapRoutes(app, deps);
}

/** 定时任务: the system administrator watches the background jobs and runs one now. */
function jobRoutes(app: App, deps: Deps) {
  const tags = ["定时任务"];
  const config = { permission: "system:settings" as const };
  app.get(
    "/api/system/jobs",
    {
      config,
      schema: {
        tags,
        summary: "后台任务：各类任务的计划、最近运行、耗时、结果和失败",
        response: { 200: jobOverviewSchema },
      },
    },
    async () => jobOverview(deps.db),
  );
  app.get(
    "/api/system/jobs/:kind/runs",
    {
      config,
      schema: {
        tags,
        summary: "某类任务最近的 20 次运行（含失败原因）",
        params: jobKindParams,
        response: { 200: z.array(jobRunRow) },
      },
    },
    async (req) => recentJobs(deps.db, req.params.kind),
  );
  app.post(
    "/api/system/jobs/:kind/run",
    {
      config,
      schema: {
        tags,
        summary: "立即运行一次（排入队列，由任一实例在数秒内执行）",
        params: jobKindParams,
        response: { 200: z.object({ id: z.string() }) },
      },
    },
    async (req) => runJobNow(ctxOf(deps, req), req.params.kind),
  );
}

/**
 * 参数设置: every registered group the caller holds the permission of (the system administrator's platform
 * settings, the security administrator's password and session policy); signed in, the service checks the group.
 */
function settingRoutes(app: App, deps: Deps) {
  const tags = ["参数设置"];
  app.get(
    "/api/system/settings",
    {
      config: { signedIn: true },
      schema: { tags, summary: "参数设置（调用者有权修改的各组参数）", response: { 200: z.array(settingGroupView) } },
    },
    async (req) => listSettingGroups(ctxOf(deps, req)),
  );
  app.put(
    "/api/system/settings/:key",
    {
      config: { signedIn: true },
      schema: {
        tags,
        summary: "修改一组参数（按各参数的规则校验，记入审计）",
        params: settingGroupParams,
        body: settingGroupUpdate,
        response: { 200: settingGroupView },
      },
    },
    async (req) => updateSettingGroup(ctxOf(deps, req), req.params.key, req.body),
  );
  app.get(
    "/api/system/settings/:key/history",
    {
      config: { signedIn: true },
      schema: {
        tags,
        summary: "一组参数的修改记录",
        params: settingGroupParams,
        querystring: historyQuery,
        response: { 200: pageOf(auditEntrySchema) },
      },
    },
    async (req) => {
      groupFor(ctxOf(deps, req).actor, req.params.key);
      return findAudit(deps.db, { entity: "setting", entityId: req.params.key }, req.query.page, req.query.pageSize);
    },
  );
}

/** 字典管理: the system administrator edits every module's dictionaries. */
function dictRoutes(app: App, deps: Deps) {
  const tags = ["字典管理"];
  const config = { permission: "system:settings" as const };
  app.get(
    "/api/system/dicts",
    { config, schema: { tags, summary: "字典类型列表", response: { 200: z.array(dictTypeRow) } } },
    async () => listDictTypes(deps.db),
  );
  app.get(
    "/api/system/dicts/:type",
    {
      config,
      schema: {
        tags,
        summary: "某字典的全部字典项（含停用的，附使用记录数）",
        params: dictTypeParams,
        response: { 200: z.array(dictEntryRow) },
      },
    },
    async (req) => listDictEntries(deps.db, req.params.type),
  );
  app.post(
    "/api/system/dicts/:type",
    {
      config,
      schema: {
        tags,
        summary: "新增字典项",
        params: dictTypeParams,
        body: dictEntryCreate,
        response: { 200: dictEntryRow },
      },
    },
    async (req) => createDictEntry(ctxOf(deps, req), req.params.type, req.body),
  );
  app.put(
    "/api/system/dicts/:type/order",
    {
      config,
      schema: {
        tags,
        summary: "调整字典项的排列顺序",
        params: dictTypeParams,
        body: dictOrder,
        response: { 200: z.array(dictEntryRow) },
      },
    },
    async (req) => reorderDict(ctxOf(deps, req), req.params.type, req.body.codes),
  );
  app.patch(
    "/api/system/dicts/:type/:code",
    {
      config,
      schema: {
        tags,
        summary: "修改字典项的名称、蒙古文名称，或停用、启用",
        params: dictEntryParams,
        body: dictEntryUpdate,
        response: { 200: dictEntryRow },
      },
    },
    async (req) => updateDictEntry(ctxOf(deps, req), req.params.type, req.params.code, req.body),
  );
  app.delete(
    "/api/system/dicts/:type/:code",
    {
      config,
      schema: { tags, summary: "删除未被使用的字典项", params: dictEntryParams, response: { 200: okResult } },
    },
    async (req) => {
      await deleteDictEntry(ctxOf(deps, req), req.params.type, req.params.code);
      return { ok: true as const };
    },
  );
  app.get(
    "/api/system/dicts/:type/:code/history",
    {
      config,
      schema: {
        tags,
        summary: "字典项的操作记录",
        params: dictEntryParams,
        querystring: historyQuery,
        response: { 200: pageOf(auditEntrySchema) },
      },
    },
    async (req) =>
      findAudit(
        deps.db,
        { entity: "dict_item", entityId: dictEntityId(req.params.type, req.params.code) },
        req.query.page,
        req.query.pageSize,
      ),
  );
}
