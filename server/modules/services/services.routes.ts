import { z } from "zod";
import { idParams, okResult, pageOf } from "../../../contracts/common.js";
import {
  answerInput,
  declineInput,
  departmentOption,
  fileClose,
  fileInput,
  fileListQuery,
  fileView,
  followUpInput,
  guideInput,
  guideVersionView,
  guideView,
  guideWithdraw,
  LANGUAGES,
  liaisonInput,
  liaisonView,
  meetingInput,
  meetingView,
  noteInput,
  referInput,
  requestCreate,
  requestDetail,
  requestListQuery,
  requestView,
  revealInput,
  revealResult,
  SERVICE_CATEGORY_DICT,
  SERVICE_DECLINE_DICT,
  serviceOptions,
  statsQuery,
  statsView,
  windowInput,
  windowView,
} from "../../../contracts/services.js";
import type { Deps } from "../../core/context.js";
import { listDict } from "../../core/dict.js";
import { type App, ctxOf } from "../../core/http.js";
import { attachment, XLSX_MIME } from "../../core/xlsx.js";
import { historyRoute } from "../audit/index.js";
import { closeFile, createFile, listFiles, revealFileField } from "./files.service.js";
import { guideVersions, listGuides, publishGuide, saveGuide, withdrawGuide } from "./guides.service.js";
import {
  createLiaison,
  createMeeting,
  followUpToRequest,
  listLiaisons,
  listMeetings,
  listWindows,
  referralTargets,
  saveWindow,
} from "./registry.service.js";
import { createRequest, listRequests, revealField } from "./request.service.js";
import { loadRequest } from "./services-access.js";
import { timeLimits } from "./settings.js";
import { exportRequests, exportStats, serviceStats } from "./stats.service.js";
import {
  answerRequest,
  closeRequest,
  declineRequest,
  getRequestDetail,
  receiveRequest,
  referRequest,
  transferRequest,
} from "./workflow.service.js";

const tags = ["服务台"];
const created = { id: z.string() };

/** 服务台 console routes (see services-access.ts for who sees which request). */
export function servicesRoutes(app: App, deps: Deps) {
  app.get(
    "/api/services/options",
    {
      config: { permission: "service:read" },
      schema: { tags, summary: "类别、拒收理由、时限与服务语言", response: { 200: serviceOptions } },
    },
    async () => {
      const [categories, declineReasons, limits] = await Promise.all([
        listDict(deps.db, SERVICE_CATEGORY_DICT),
        listDict(deps.db, SERVICE_DECLINE_DICT),
        timeLimits(deps.db),
      ]);
      const opt = (d: { code: string; label: string }[]) => d.map(({ code, label }) => ({ code, label }));
      return {
        categories: opt(categories),
        declineReasons: opt(declineReasons),
        timeLimits: limits,
        languages: [...LANGUAGES],
      };
    },
  );
  app.get(
    "/api/services/departments",
    {
      config: { permission: "service:read" },
      schema: {
        tags,
        summary: "可转办的责任部门（本旗县及上级的党政机关、事业单位）",
        response: { 200: z.array(departmentOption) },
      },
    },
    async (req) => referralTargets(ctxOf(deps, req)),
  );
  app.get(
    "/api/services/requests",
    {
      config: { permission: "service:read" },
      schema: {
        tags,
        summary: "服务申请（窗口/部门队列：绿色通道在前，再按答复期限；可按手机号或身份证号精确查找）",
        querystring: requestListQuery,
        response: { 200: pageOf(requestView) },
      },
    },
    async (req) => listRequests(ctxOf(deps, req), req.query),
  );
  app.get(
    "/api/services/requests/export",
    {
      config: { permission: "service:export" },
      schema: { tags, summary: "导出服务申请 .xlsx（个人信息脱敏）", querystring: requestListQuery },
    },
    async (req, reply) => {
      const content = await exportRequests(ctxOf(deps, req), req.query);
      return reply
        .header("content-type", XLSX_MIME)
        .header("content-disposition", attachment("服务申请.xlsx"))
        .send(content);
    },
  );
  app.post(
    "/api/services/requests",
    {
      config: { permission: "service:receive" },
      schema: { tags, summary: "窗口受理服务申请", body: requestCreate, response: { 200: requestView } },
    },
    async (req) => createRequest(ctxOf(deps, req), req.body),
  );
  app.get(
    "/api/services/requests/:id",
    {
      config: { permission: "service:read" },
      schema: {
        tags,
        summary: "服务申请详情（转办记录、办理过程、个人信息访问记录）",
        params: idParams,
        response: { 200: requestDetail },
      },
    },
    async (req) => getRequestDetail(ctxOf(deps, req), req.params.id),
  );
  const step = <B extends z.ZodType>(
    path: string,
    permission: "service:receive" | "service:handle",
    summary: string,
    body: B,
    run: (ctx: ReturnType<typeof ctxOf>, id: string, b: z.infer<B>) => Promise<unknown>,
  ) =>
    app.post(
      `/api/services/requests/:id/${path}`,
      { config: { permission }, schema: { tags, summary, params: idParams, body, response: { 200: requestView } } },
      async (req) =>
        run(ctxOf(deps, req), (req.params as { id: string }).id, req.body as z.infer<B>) as Promise<
          z.infer<typeof requestView>
        >,
    );
  step("refer", "service:receive", "转办至责任部门（按工作日计算时限）", referInput, (c, id, b) =>
    referRequest(c, id, b),
  );
  step("answer", "service:receive", "窗口当场答复（未转办的申请）", answerInput, (c, id, b) =>
    answerRequest(c, id, b.answer),
  );
  step("close", "service:receive", "办结已答复的申请", noteInput, (c, id, b) => closeRequest(c, id, b.note));
  step("receive", "service:handle", "部门接收转办", noteInput, (c, id, b) => receiveRequest(c, id, b.note));
  step("decline", "service:handle", "部门拒收（注明理由和应承办的单位）", declineInput, (c, id, b) =>
    declineRequest(c, id, b),
  );
  step("transfer", "service:handle", "部门转交其他部门", referInput, (c, id, b) => transferRequest(c, id, b));
  step("reply", "service:handle", "部门答复办理结果", answerInput, (c, id, b) => answerRequest(c, id, b.answer));
  app.post(
    "/api/services/requests/:id/reveal",
    {
      config: { permission: "service:reveal" },
      schema: {
        tags,
        summary: "查看服务对象的一项个人信息（须说明理由，记入访问记录和审计日志）",
        params: idParams,
        body: revealInput,
        response: { 200: revealResult },
      },
    },
    async (req) => revealField(ctxOf(deps, req), req.params.id, req.body.field, req.body.reason),
  );
  historyRoute(app, deps, {
    path: "/api/services/requests/:id/history",
    permission: "service:read",
    tags,
    summary: "服务申请的操作记录",
    entity: "service_request",
    load: (ctx, id) => loadRequest(ctx, id),
  });

  app.get(
    "/api/services/stats",
    {
      config: { permission: "service:read" },
      schema: {
        tags,
        summary: "服务台统计（按期办结率、平均用时、满意度、分组；不足 5 件的地区不显示）",
        querystring: statsQuery,
        response: { 200: statsView },
      },
    },
    async (req) => serviceStats(ctxOf(deps, req), req.query),
  );
  app.get(
    "/api/services/stats/export",
    {
      config: { permission: "service:export" },
      schema: { tags, summary: "导出服务台统计 .xlsx（只有数字，不含个人信息）", querystring: statsQuery },
    },
    async (req, reply) => {
      const content = await exportStats(ctxOf(deps, req), req.query);
      return reply
        .header("content-type", XLSX_MIME)
        .header("content-disposition", attachment("服务台统计.xlsx"))
        .send(content);
    },
  );

  app.get(
    "/api/services/windows",
    {
      config: { permission: "service:read" },
      schema: { tags, summary: "服务窗口", response: { 200: z.array(windowView) } },
    },
    async (req) => listWindows(ctxOf(deps, req)),
  );
  app.post(
    "/api/services/windows",
    {
      config: { permission: "service:manage" },
      schema: { tags, summary: "设立服务窗口", body: windowInput, response: { 200: z.object(created) } },
    },
    async (req) => ({ id: (await saveWindow(ctxOf(deps, req), null, req.body)).id }),
  );
  app.put(
    "/api/services/windows/:id",
    {
      config: { permission: "service:manage" },
      schema: {
        tags,
        summary: "修改服务窗口",
        params: idParams,
        body: windowInput,
        response: { 200: z.object(created) },
      },
    },
    async (req) => ({ id: (await saveWindow(ctxOf(deps, req), req.params.id, req.body)).id }),
  );
  app.get(
    "/api/services/guides",
    {
      config: { permission: "service:read" },
      schema: { tags, summary: "服务指南（宣传教育平台）", response: { 200: z.array(guideView) } },
    },
    async (req) => listGuides(ctxOf(deps, req)),
  );
  app.post(
    "/api/services/guides",
    {
      config: { permission: "service:manage" },
      schema: { tags, summary: "编写服务指南（草稿）", body: guideInput, response: { 200: guideView } },
    },
    async (req) => saveGuide(ctxOf(deps, req), null, req.body),
  );
  app.put(
    "/api/services/guides/:id",
    {
      config: { permission: "service:manage" },
      schema: {
        tags,
        summary: "修改服务指南（发布后的修改须再次发布才对公众显示）",
        params: idParams,
        body: guideInput,
        response: { 200: guideView },
      },
    },
    async (req) => saveGuide(ctxOf(deps, req), req.params.id, req.body),
  );
  app.post(
    "/api/services/guides/:id/publish",
    {
      config: { permission: "service:manage" },
      schema: { tags, summary: "发布服务指南（新版本）", params: idParams, response: { 200: guideView } },
    },
    async (req) => publishGuide(ctxOf(deps, req), req.params.id),
  );
  app.post(
    "/api/services/guides/:id/withdraw",
    {
      config: { permission: "service:manage" },
      schema: {
        tags,
        summary: "撤回服务指南",
        params: idParams,
        body: guideWithdraw,
        response: { 200: guideView },
      },
    },
    async (req) => withdrawGuide(ctxOf(deps, req), req.params.id, req.body.reason),
  );
  app.get(
    "/api/services/guides/:id/versions",
    {
      config: { permission: "service:read" },
      schema: {
        tags,
        summary: "服务指南的历次发布版本",
        params: idParams,
        response: { 200: z.array(guideVersionView) },
      },
    },
    async (req) => guideVersions(ctxOf(deps, req), req.params.id),
  );
  app.get(
    "/api/services/liaisons",
    {
      config: { permission: "service:read" },
      schema: { tags, summary: "联络员", response: { 200: z.array(liaisonView) } },
    },
    async (req) => listLiaisons(ctxOf(deps, req)),
  );
  app.post(
    "/api/services/liaisons",
    {
      config: { permission: "service:manage" },
      schema: { tags, summary: "登记联络员", body: liaisonInput, response: { 200: z.object(created) } },
    },
    async (req) => ({ id: (await createLiaison(ctxOf(deps, req), req.body)).id }),
  );
  app.get(
    "/api/services/meetings",
    {
      config: { permission: "service:read" },
      schema: { tags, summary: "联系会议与座谈会", response: { 200: z.array(meetingView) } },
    },
    async (req) => listMeetings(ctxOf(deps, req)),
  );
  app.post(
    "/api/services/meetings",
    {
      config: { permission: "service:manage" },
      schema: { tags, summary: "记录联系会议或座谈会", body: meetingInput, response: { 200: z.object(created) } },
    },
    async (req) => ({ id: (await createMeeting(ctxOf(deps, req), req.body)).id }),
  );
  app.post(
    "/api/services/meetings/:id/follow-ups",
    {
      config: { permission: "service:manage" },
      schema: {
        tags,
        summary: "会议跟进事项转为服务申请",
        params: idParams,
        body: followUpInput,
        response: { 200: z.object({ trackingCode: z.string(), requestId: z.string() }) },
      },
    },
    async (req) => followUpToRequest(ctxOf(deps, req), req.params.id, req.body),
  );

  app.get(
    "/api/services/files",
    {
      config: { permission: "service:file" },
      schema: {
        tags,
        summary: "服务档案（脱敏；可按手机号精确查找）",
        querystring: fileListQuery,
        response: { 200: pageOf(fileView) },
      },
    },
    async (req) => listFiles(ctxOf(deps, req), req.query),
  );
  app.post(
    "/api/services/files",
    {
      config: { permission: "service:file" },
      schema: { tags, summary: "经本人同意建立服务档案", body: fileInput, response: { 200: z.object(created) } },
    },
    async (req) => createFile(ctxOf(deps, req), req.body),
  );
  app.post(
    "/api/services/files/:id/close",
    {
      config: { permission: "service:file" },
      schema: {
        tags,
        summary: "关闭服务档案（迁出或撤回同意）",
        params: idParams,
        body: fileClose,
        response: { 200: okResult },
      },
    },
    async (req) => closeFile(ctxOf(deps, req), req.params.id, req.body.reason),
  );
  app.post(
    "/api/services/files/:id/reveal",
    {
      config: { permission: "service:reveal" },
      schema: {
        tags,
        summary: "查看服务档案的一项个人信息（须说明理由）",
        params: idParams,
        body: revealInput,
        response: { 200: revealResult },
      },
    },
    async (req) => {
      const ctx = ctxOf(deps, req);
      return revealFileField(ctx, req.params.id, req.body.field, req.body.reason);
    },
  );
}
