import { z } from "zod";
import { idParams } from "../../../../contracts/common.js";
import { assignmentDetail, assignmentSchema } from "../../../../contracts/creation.js";
import type { Deps } from "../../../core/context.js";
import { type App, ctxOf } from "../../../core/http.js";
import { getAssignment, listAssignments } from "../assignment.service.js";
import { tags } from "./shared.js";

/** 示范创建: 专家：本人的测评任务. */
export function assignmentRoutes(app: App, deps: Deps) {
  app.get(
    "/api/creation/assignments",
    {
      config: { permission: "evaluation:score" },
      schema: { tags, summary: "我的测评任务（专家）", response: { 200: z.array(assignmentSchema) } },
    },
    async (req) => listAssignments(ctxOf(deps, req)),
  );
  app.get(
    "/api/creation/assignments/:id",
    {
      config: { permission: "evaluation:score" },
      schema: {
        tags,
        summary: "测评任务详情（按申报标识；提交本人评分后才显示其他专家的总分）",
        params: idParams,
        response: { 200: assignmentDetail },
      },
    },
    async (req) => getAssignment(ctxOf(deps, req), req.params.id),
  );
}
