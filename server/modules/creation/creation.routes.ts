import { z } from "zod";
import { categorySchema, todoList } from "../../../contracts/creation.js";
import type { Deps } from "../../core/context.js";
import { type App, ctxOf } from "../../core/http.js";
import { certificatePdfRoute } from "./certificate-pdf.route.js";
import { listCategories } from "./creation.service.js";
import { applicationRoutes } from "./routes/applications.js";
import { assignmentRoutes } from "./routes/assignments.js";
import { batchRoutes } from "./routes/batches.js";
import { candidateRoutes } from "./routes/candidates.js";
import { decisionRoutes } from "./routes/decisions.js";
import { designationRoutes } from "./routes/designations.js";
import { noticeRoutes } from "./routes/notices.js";
import { tags } from "./routes/shared.js";
import { targetRoutes } from "./routes/targets.js";
import { listTodos } from "./todo.service.js";

/** The signed-in routes of 示范创建, one file per resource under routes/; the no-login portal routes are in public.routes.ts. */
export function creationRoutes(app: App, deps: Deps) {
  app.get(
    "/api/creation/categories",
    {
      config: { permission: "creation:read" },
      schema: { tags, summary: "创建类别（“8+N进”字典）", response: { 200: z.array(categorySchema) } },
    },
    async () => listCategories(deps.db),
  );
  app.get(
    "/api/creation/todos",
    {
      config: { signedIn: true },
      schema: {
        tags,
        summary: "我的待办：待推荐/受理、待修改、待评分、待审定、未答复异议、复验、到期提醒、逾期自查、截止提醒",
        response: { 200: todoList },
      },
    },
    async (req) => listTodos(ctxOf(deps, req)),
  );

  candidateRoutes(app, deps);
  batchRoutes(app, deps);
  applicationRoutes(app, deps);
  assignmentRoutes(app, deps);
  noticeRoutes(app, deps);
  decisionRoutes(app, deps);
  designationRoutes(app, deps);
  certificatePdfRoute(app, deps);
  targetRoutes(app, deps);
}
