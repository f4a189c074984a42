import { z } from "zod";
import { exportQueryOf, idParams, listQuery, pageOf, uuid } from "../../../contracts/common.js";
import {
  awardListQuery,
  awardView,
  campaignCreate,
  campaignListQuery,
  campaignUpdate,
  campaignView,
  decisionInput,
  deedsQuery,
  deedView,
  HONOR_KIND_DICT,
  nominationCreate,
  nominationDetail,
  nominationForm,
  nominationListQuery,
  nominationRevealInput,
  nominationUpdate,
  nominationView,
  panelInput,
  quotasInput,
  reasonInput,
  reviewInput,
  revokeInput,
  stageNoticeInput,
  unitNoticeInput,
} from "../../../contracts/honors.js";
import {
  publicityAnswer,
  publicityInvestigate,
  publicityNoticeSchema,
  publicityObjectionQuery,
  publicityObjectionSchema,
  revealInput,
} from "../../../contracts/publicity.js";
import type { Deps } from "../../core/context.js";
import { listDict } from "../../core/dict.js";
import { type App, contentDisposition, ctxOf, DOCX_MIME } from "../../core/http.js";
import { attachment, XLSX_MIME } from "../../core/xlsx.js";
import {
  answerObjection,
  getObjection,
  investigateObjection,
  listObjections,
  listOwnerNotices,
  revealObjectionField,
} from "../publicity/index.js";
import { deedFacets, listAwards, listDeeds, makeDecision, revokeAward } from "./award.service.js";
import {
  createCampaign,
  getCampaign,
  listCampaigns,
  moveCampaign,
  setPanel,
  setQuotas,
  updateCampaign,
} from "./campaign.service.js";
import { decisionDocx, nominationFormDocx, nominationFormView, nominationsXlsx } from "./exports.js";
import { loadCampaign, objectionRegionWhere } from "./honors-access.js";
import {
  createNomination,
  getNomination,
  listNominations,
  revealNominationField,
  updateNomination,
} from "./nomination.service.js";
import {
  countyDecide,
  finalDecide,
  forwardNomination,
  proposeNomination,
  publishStageNotice,
  publishUnitNotice,
  reviewNomination,
  submitNomination,
  withdrawNomination,
} from "./stage.service.js";

const OWNER = "honors";
const optionalReason = z.strictObject({ reason: reasonInput.shape.reason.optional() });

export function honorsRoutes(app: App, deps: Deps) {
  const tags = ["表彰"];
  app.get(
    "/api/honors/kinds",
    {
      config: { permission: "honor:read" },
      schema: {
        tags,
        summary: "表彰类别（字典）",
        response: { 200: z.array(z.object({ code: z.string(), label: z.string() })) },
      },
    },
    async () => (await listDict(deps.db, HONOR_KIND_DICT)).map(({ code, label }) => ({ code, label })),
  );
  // ---- campaigns
  app.get(
    "/api/honors/campaigns",
    {
      config: { permission: "honor:read" },
      schema: {
        tags,
        summary: "表彰活动列表（含名额使用情况）",
        querystring: campaignListQuery,
        response: { 200: pageOf(campaignView) },
      },
    },
    async (req) => listCampaigns(ctxOf(deps, req), req.query),
  );
  app.post(
    "/api/honors/campaigns",
    {
      config: { permission: "honor:manage" },
      schema: { tags, summary: "新建表彰活动（本级组织）", body: campaignCreate, response: { 200: campaignView } },
    },
    async (req) => createCampaign(ctxOf(deps, req), req.body),
  );
  app.get(
    "/api/honors/campaigns/:id",
    {
      config: { permission: "honor:read" },
      schema: { tags, summary: "表彰活动详情", params: idParams, response: { 200: campaignView } },
    },
    async (req) => getCampaign(ctxOf(deps, req), req.params.id),
  );
  app.patch(
    "/api/honors/campaigns/:id",
    {
      config: { permission: "honor:manage" },
      schema: {
        tags,
        summary: "修改表彰活动",
        params: idParams,
        body: campaignUpdate,
        response: { 200: campaignView },
      },
    },
    async (req) => updateCampaign(ctxOf(deps, req), req.params.id, req.body),
  );
  for (const [action, label] of [
    ["open", "开始推荐"],
    ["close", "截止推荐"],
  ] as const)
    app.post(
      `/api/honors/campaigns/:id/${action}`,
      {
        config: { permission: "honor:manage" },
        schema: { tags, summary: label, params: idParams, response: { 200: campaignView } },
      },
      async (req) => moveCampaign(ctxOf(deps, req), (req.params as { id: string }).id, action),
    );
  app.put(
    "/api/honors/campaigns/:id/quotas",
    {
      config: { permission: "honor:manage" },
      schema: {
        tags,
        summary: "分配名额（下级区划 × 类别）",
        params: idParams,
        body: quotasInput,
        response: { 200: campaignView },
      },
    },
    async (req) => setQuotas(ctxOf(deps, req), req.params.id, req.body.quotas),
  );
  app.put(
    "/api/honors/campaigns/:id/panel",
    {
      config: { permission: "honor:manage" },
      schema: { tags, summary: "设置评审委员会", params: idParams, body: panelInput, response: { 200: campaignView } },
    },
    async (req) => setPanel(ctxOf(deps, req), req.params.id, req.body.userIds),
  );
  app.post(
    "/api/honors/campaigns/:id/notices",
    {
      config: { permission: "honor:review" },
      schema: {
        tags,
        summary: "发布初审公示（旗县）或拟表彰公示（组织部门）",
        params: idParams,
        body: stageNoticeInput,
        response: { 200: z.object({ noticeId: z.string() }) },
      },
    },
    async (req) => publishStageNotice(ctxOf(deps, req), req.params.id, req.body),
  );
  app.get(
    "/api/honors/campaigns/:id/notices",
    {
      config: { permission: "honor:read" },
      schema: {
        tags,
        summary: "本活动的公示",
        params: idParams,
        querystring: listQuery,
        response: { 200: pageOf(publicityNoticeSchema) },
      },
    },
    async (req) => {
      const ctx = ctxOf(deps, req);
      const c = await loadCampaign(ctx, req.params.id);
      return listOwnerNotices(ctx.db, ctx.clock, OWNER, { ownerRef: c.id }, req.query);
    },
  );
  app.post(
    "/api/honors/campaigns/:id/decision",
    {
      config: { permission: "honor:manage" },
      schema: {
        tags,
        summary: "作出表彰决定（拟表彰对象全部表彰，生成证书编号）",
        params: idParams,
        body: decisionInput,
        response: { 200: campaignView },
      },
    },
    async (req) => {
      const ctx = ctxOf(deps, req);
      await makeDecision(ctx, req.params.id, req.body);
      return getCampaign(ctx, req.params.id);
    },
  );

  // ---- nominations
  app.get(
    "/api/honors/nominations",
    {
      config: { permission: "honor:read" },
      schema: {
        tags,
        summary: "推荐对象列表（个人信息脱敏）",
        querystring: nominationListQuery,
        response: { 200: pageOf(nominationView) },
      },
    },
    async (req) => listNominations(ctxOf(deps, req), req.query),
  );
  app.post(
    "/api/honors/nominations",
    {
      config: { permission: "honor:nominate" },
      schema: {
        tags,
        summary: "本单位推荐集体或个人（占用本地区名额）",
        body: nominationCreate,
        response: { 200: nominationDetail },
      },
    },
    async (req) => createNomination(ctxOf(deps, req), req.body),
  );
  app.get(
    "/api/honors/nominations/:id",
    {
      config: { permission: "honor:read" },
      schema: {
        tags,
        summary: "推荐详情（含事迹全文和评审意见）",
        params: idParams,
        response: { 200: nominationDetail },
      },
    },
    async (req) => getNomination(ctxOf(deps, req), req.params.id),
  );
  app.patch(
    "/api/honors/nominations/:id",
    {
      config: { permission: "honor:nominate" },
      schema: {
        tags,
        summary: "修改推荐（草稿或退回后）",
        params: idParams,
        body: nominationUpdate,
        response: { 200: nominationDetail },
      },
    },
    async (req) => updateNomination(ctxOf(deps, req), req.params.id, req.body),
  );
  app.post(
    "/api/honors/nominations/:id/reveal",
    {
      config: { permission: "honor:read" },
      schema: {
        tags,
        summary: "查看被推荐人的一项完整个人信息（须说明事由，记入审计）",
        params: idParams,
        body: nominationRevealInput,
        response: { 200: z.object({ field: z.string(), value: z.string() }) },
      },
    },
    async (req) => revealNominationField(ctxOf(deps, req), req.params.id, req.body),
  );
  app.post(
    "/api/honors/nominations/:id/publish",
    {
      config: { permission: "honor:nominate" },
      schema: {
        tags,
        summary: "单位公示（一公示）",
        params: idParams,
        body: unitNoticeInput,
        response: { 200: nominationDetail },
      },
    },
    async (req) => publishUnitNotice(ctxOf(deps, req), req.params.id, req.body),
  );
  app.post(
    "/api/honors/nominations/:id/submit",
    {
      config: { permission: "honor:nominate" },
      schema: { tags, summary: "公示期满后报送初审", params: idParams, response: { 200: nominationDetail } },
    },
    async (req) => submitNomination(ctxOf(deps, req), req.params.id),
  );
  app.post(
    "/api/honors/nominations/:id/withdraw",
    {
      config: { permission: "honor:nominate" },
      schema: { tags, summary: "撤回推荐", params: idParams, body: reasonInput, response: { 200: nominationDetail } },
    },
    async (req) => withdrawNomination(ctxOf(deps, req), req.params.id, req.body.reason),
  );
  for (const [path, action, permission, label] of [
    ["county-approve", "county_approve", "honor:review", "初审通过"],
    ["county-return", "county_return", "honor:review", "初审退回（须说明理由）"],
    ["final-approve", "final_approve", "honor:manage", "复审通过"],
    ["final-return", "final_return", "honor:manage", "复审退回（须说明理由）"],
  ] as const)
    app.post(
      `/api/honors/nominations/:id/${path}`,
      {
        config: { permission },
        schema: { tags, summary: label, params: idParams, body: optionalReason, response: { 200: nominationDetail } },
      },
      async (req) => {
        const { id } = req.params as { id: string };
        const { reason } = req.body as { reason?: string };
        return action.startsWith("county")
          ? countyDecide(ctxOf(deps, req), id, action as "county_approve" | "county_return", reason)
          : finalDecide(ctxOf(deps, req), id, action as "final_approve" | "final_return", reason);
      },
    );
  app.post(
    "/api/honors/nominations/:id/forward",
    {
      config: { permission: "honor:review" },
      schema: {
        tags,
        summary: "初审公示期满后上报复审（受名额限制）",
        params: idParams,
        response: { 200: nominationDetail },
      },
    },
    async (req) => forwardNomination(ctxOf(deps, req), req.params.id),
  );
  app.post(
    "/api/honors/nominations/:id/propose",
    {
      config: { permission: "honor:manage" },
      schema: {
        tags,
        summary: "拟表彰公示期满后确定为拟表彰对象",
        params: idParams,
        response: { 200: nominationDetail },
      },
    },
    async (req) => proposeNomination(ctxOf(deps, req), req.params.id),
  );
  app.post(
    "/api/honors/nominations/:id/reviews",
    {
      config: { permission: "honor:score" },
      schema: {
        tags,
        summary: "评审委员会成员评分、表决",
        params: idParams,
        body: reviewInput,
        response: { 200: nominationDetail },
      },
    },
    async (req) => reviewNomination(ctxOf(deps, req), req.params.id, req.body),
  );

  // ---- objections (the shared publicity module, within honor:manage scope)
  const objectionParams = z.object({ id: uuid });
  app.get(
    "/api/honors/objections",
    {
      config: { permission: "honor:manage" },
      schema: {
        tags,
        summary: "表彰公示的异议",
        querystring: publicityObjectionQuery.extend({ campaignId: uuid.optional() }),
        response: { 200: pageOf(publicityObjectionSchema) },
      },
    },
    async (req) => {
      const ctx = ctxOf(deps, req);
      return listObjections(ctx, OWNER, objectionRegionWhere(ctx), { ...req.query, ownerRef: req.query.campaignId });
    },
  );
  app.get(
    "/api/honors/objections/:id",
    {
      config: { permission: "honor:manage" },
      schema: { tags, summary: "异议详情", params: objectionParams, response: { 200: publicityObjectionSchema } },
    },
    async (req) => {
      const ctx = ctxOf(deps, req);
      return getObjection(ctx, OWNER, objectionRegionWhere(ctx), req.params.id);
    },
  );
  app.post(
    "/api/honors/objections/:id/reveal",
    {
      config: { permission: "honor:manage" },
      schema: {
        tags,
        summary: "查看异议人的完整姓名或电话（须说明事由，记入审计）",
        params: objectionParams,
        body: revealInput,
        response: { 200: z.object({ field: z.string(), value: z.string() }) },
      },
    },
    async (req) => {
      const ctx = ctxOf(deps, req);
      return revealObjectionField(ctx, OWNER, objectionRegionWhere(ctx), req.params.id, req.body);
    },
  );
  app.post(
    "/api/honors/objections/:id/investigate",
    {
      config: { permission: "honor:manage" },
      schema: {
        tags,
        summary: "记录调查情况",
        params: objectionParams,
        body: publicityInvestigate,
        response: { 200: publicityObjectionSchema },
      },
    },
    async (req) => {
      const ctx = ctxOf(deps, req);
      return investigateObjection(ctx, OWNER, objectionRegionWhere(ctx), req.params.id, req.body.note);
    },
  );
  app.post(
    "/api/honors/objections/:id/answer",
    {
      config: { permission: "honor:manage" },
      schema: {
        tags,
        summary: "答复异议（成立则撤销该推荐对象并记录理由）",
        params: objectionParams,
        body: publicityAnswer,
        response: { 200: publicityObjectionSchema },
      },
    },
    async (req) => {
      const ctx = ctxOf(deps, req);
      return answerObjection(ctx, OWNER, objectionRegionWhere(ctx), req.params.id, req.body);
    },
  );

  // ---- the register
  app.get(
    "/api/honors/awards",
    {
      config: { permission: "honor:read" },
      schema: { tags, summary: "荣誉名录", querystring: awardListQuery, response: { 200: pageOf(awardView) } },
    },
    async (req) => listAwards(ctxOf(deps, req), req.query),
  );
  app.post(
    "/api/honors/awards/:id/revoke",
    {
      config: { permission: "honor:manage" },
      schema: {
        tags,
        summary: "撤销荣誉（须说明理由和文号）",
        params: idParams,
        body: revokeInput,
        response: { 200: awardView },
      },
    },
    async (req) => revokeAward(ctxOf(deps, req), req.params.id, req.body),
  );

  // ---- exports
  app.get(
    "/api/honors/nominations/:id/form",
    {
      config: { permission: "honor:read" },
      schema: {
        tags,
        summary: "推荐审批表（打印视图：推荐详情、各环节意见、公示记录；个人信息脱敏）",
        params: idParams,
        response: { 200: nominationForm },
      },
    },
    async (req) => nominationFormView(ctxOf(deps, req), req.params.id),
  );
  app.get(
    "/api/honors/nominations/:id/form.docx",
    {
      config: { permission: "honor:export" },
      schema: { tags, summary: "导出推荐审批表（.docx）", params: idParams },
    },
    async (req, reply) => {
      const { buffer, fileName } = await nominationFormDocx(ctxOf(deps, req), req.params.id);
      return reply
        .header("content-type", DOCX_MIME)
        .header("content-disposition", contentDisposition(fileName, { fallback: "form.docx" }))
        .send(buffer);
    },
  );
  app.get(
    "/api/honors/campaigns/:id/decision.docx",
    {
      config: { permission: "honor:export" },
      schema: { tags, summary: "导出表彰决定名单（.docx）", params: idParams },
    },
    async (req, reply) => {
      const { buffer, fileName } = await decisionDocx(ctxOf(deps, req), req.params.id);
      return reply
        .header("content-type", DOCX_MIME)
        .header("content-disposition", contentDisposition(fileName, { fallback: "decision.docx" }))
        .send(buffer);
    },
  );
  app.get(
    "/api/honors/nominations.xlsx",
    {
      config: { permission: "honor:export" },
      schema: {
        tags,
        summary: "导出推荐对象名单（.xlsx，个人信息脱敏）；带 ids 时只导出所选",
        querystring: exportQueryOf(nominationListQuery),
      },
    },
    async (req, reply) => {
      const { buffer, fileName } = await nominationsXlsx(ctxOf(deps, req), req.query);
      return reply.header("content-type", XLSX_MIME).header("content-disposition", attachment(fileName)).send(buffer);
    },
  );

  // ---- public
  app.get(
    "/api/public/honors/deeds",
    {
      config: { public: true },
      schema: {
        tags: ["公众门户"],
        summary: "先进事迹库（已表彰对象的公开事迹，可检索、按地区年份类别筛选）",
        querystring: deedsQuery,
        response: { 200: pageOf(deedView) },
      },
    },
    async (req) => listDeeds(deps, req.query),
  );
  app.get(
    "/api/public/honors/deeds/facets",
    {
      config: { public: true },
      schema: {
        tags: ["公众门户"],
        summary: "先进事迹库的筛选项（类别、旗县、年度）",
        response: {
          200: z.object({
            kinds: z.array(z.object({ code: z.string(), label: z.string() })),
            regions: z.array(z.object({ code: z.string(), name: z.string() })),
            years: z.array(z.number().int()),
          }),
        },
      },
    },
    async () => deedFacets(deps),
  );
}
