import { z } from "zod";
import { idParams } from "../../../contracts/common.js";
import {
  reportDefinitionView,
  reportKeyParams,
  reportRunBody,
  reportRunPage,
  reportRunQuery,
  reportRunView,
} from "../../../contracts/reports.js";
import type { Deps } from "../../core/context.js";
import { type App, contentDisposition, ctxOf, DOCX_MIME } from "../../core/http.js";
import { XLSX_MIME } from "../../core/xlsx.js";
import { listReports, listRuns, runFile, runReport } from "./reports.service.js";

/**
 * 报表中心. Open to any signed-in user: each report declares its own permission, and the service lists and runs
 * only those the caller holds (the module's export code then applies the caller's data scope); a run's file is
 * its generator's alone.
 */
export function reportsRoutes(app: App, deps: Deps) {
  const tags = ["报表中心"];
  app.get(
    "/api/reports",
    {
      config: { signedIn: true },
      schema: { tags, summary: "可生成的报表及其参数（按本人权限）", response: { 200: z.array(reportDefinitionView) } },
    },
    async (req) => listReports(ctxOf(deps, req)),
  );
  app.post(
    "/api/reports/:key/runs",
    {
      config: { signedIn: true },
      schema: {
        tags,
        summary: "生成报表（.docx/.xlsx），留存文件并记入本人的生成记录",
        params: reportKeyParams,
        body: reportRunBody,
        response: { 200: reportRunView },
      },
    },
    async (req) => runReport(ctxOf(deps, req), req.params.key, req.body.params),
  );
  app.get(
    "/api/reports/runs",
    {
      config: { signedIn: true },
      schema: { tags, summary: "本人生成的报表", querystring: reportRunQuery, response: { 200: reportRunPage } },
    },
    async (req) => listRuns(ctxOf(deps, req), req.query),
  );
  app.get(
    "/api/reports/runs/:id/file",
    {
      config: { signedIn: true },
      schema: { tags, summary: "下载本人生成的报表文件", params: idParams },
    },
    async (req, reply) => {
      const { run, content } = await runFile(ctxOf(deps, req), req.params.id);
      return reply
        .header("content-type", run.format === "docx" ? DOCX_MIME : XLSX_MIME)
        .header("content-disposition", contentDisposition(run.fileName, { fallback: `report.${run.format}` }))
        .send(content);
    },
  );
}
