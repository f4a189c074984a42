import { z } from "zod";
import { errorBody, idParams, okResult } from "../../../contracts/common.js";
import { orgAbbreviation, orgAbbreviationInput, orgAbbreviationQuery } from "../../../contracts/org.js";
import type { Deps } from "../../core/context.js";
import { type App, ctxOf } from "../../core/http.js";
import {
  createAbbreviation,
  deleteAbbreviation,
  listAbbreviations,
  updateAbbreviation,
} from "./abbreviation.service.js";

/**
 * 单位简称词典. Read by whoever reads organizations; written by the system administrator (system:settings): the
 * dictionary applies to every region's imports, so no regional administrator changes it for the others.
 */
export function abbreviationRoutes(app: App, deps: Deps) {
  const tags = ["组织机构"];
  app.get(
    "/api/org-abbreviations",
    {
      config: { permission: "org:read" },
      schema: {
        tags,
        summary: "单位简称词典（规划导入按它把“民委”“统战部”等简称对应到机构全称）",
        querystring: orgAbbreviationQuery,
        response: { 200: z.array(orgAbbreviation) },
      },
    },
    async (req) => listAbbreviations(deps.db, req.query.q),
  );
  app.post(
    "/api/org-abbreviations",
    {
      config: { permission: "system:settings" },
      schema: { tags, summary: "新增单位简称", body: orgAbbreviationInput, response: { 200: orgAbbreviation } },
    },
    async (req) => createAbbreviation(ctxOf(deps, req), req.body),
  );
  app.put(
    "/api/org-abbreviations/:id",
    {
      config: { permission: "system:settings" },
      schema: {
        tags,
        summary: "修改单位简称",
        params: idParams,
        body: orgAbbreviationInput,
        response: { 200: orgAbbreviation, 404: errorBody },
      },
    },
    async (req) => updateAbbreviation(ctxOf(deps, req), req.params.id, req.body),
  );
  app.delete(
    "/api/org-abbreviations/:id",
    {
      config: { permission: "system:settings" },
      schema: { tags, summary: "删除单位简称", params: idParams, response: { 200: okResult, 404: errorBody } },
    },
    async (req) => {
      await deleteAbbreviation(ctxOf(deps, req), req.params.id);
      return { ok: true as const };
    },
  );
}
