import { idParams } from "../../../contracts/common.js";
import type { Deps } from "../../core/context.js";
import { type App, contentDisposition, ctxOf } from "../../core/http.js";
import { certificatePdf, PDF_MIME } from "./certificate-pdf.js";

/** 证书 as PDF, beside the .docx certificate route and with its permission and scope. */
export function certificatePdfRoute(app: App, deps: Deps) {
  app.get(
    "/api/creation/designations/:id/certificate.pdf",
    {
      config: { permission: "creation:export" },
      schema: { tags: ["示范创建"], summary: "导出证书 PDF（内嵌中文字体，A4 横版）", params: idParams },
    },
    async (req, reply) => {
      const { buffer, fileName } = await certificatePdf(ctxOf(deps, req), req.params.id);
      return reply
        .header("content-type", PDF_MIME)
        .header("content-disposition", contentDisposition(fileName, { fallback: "certificate.pdf" }))
        .send(buffer);
    },
  );
}
