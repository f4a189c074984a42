import type { FastifyRequest } from "fastify";
import { TEXT_MESSAGES, textProblem } from "../../contracts/common.js";
import { AppError, errors, validationError } from "./errors.js";
import { fieldLabel, t } from "./i18n.js";

export type UploadedFile = { fileName: string; content: Buffer };
export type Upload = {
  /** The one file of the form (a form without one is refused). */
  file: UploadedFile;
  /** Text fields; an empty field is absent, so zod defaults apply. */
  fields: Record<string, string | undefined>;
};

const MB = 1024 * 1024;

/** A fault of the form named on one field, with the status it deserves (400, or 413 for a form over its limits). */
function formFault(status: number, code: string, field: string, message: string) {
  const label = fieldLabel([field]);
  return new AppError(status, code, t("errors.validation", { detail: `${label}：${message}` }), {
    fields: [{ field, label, message }],
  });
}

const fileFault = (message: string) => formFault(400, "VALIDATION_FAILED", "file", message);

/**
 * Reads a multipart form with one file, the way every upload route needs it: the file whole in memory (size
 * checked against `maxBytes` while streaming, so an oversized file is refused without being buffered), the
 * text fields beside it. Every fault is named on a field in Chinese: a file over the size is 文件过大; a
 * malformed or truncated form (no boundary, cut short) is a 400 on 文件; a second file or too many fields is a
 * 413; a file name with control or bidirectional characters (`report\u202Efdp.exe`) is refused, not renamed.
 */
export async function readUpload(
  req: FastifyRequest,
  opts: { maxBytes: number; maxFields?: number; fieldSize?: number },
): Promise<Upload> {
  if (!req.isMultipart()) throw errors.field("file", "errors.not_multipart");
  const limit = `${Math.round(opts.maxBytes / MB)} MB`;
  const maxFields = opts.maxFields ?? 20;
  const fieldSize = opts.fieldSize ?? 4096;
  const fields: Record<string, string | undefined> = {};
  let file: UploadedFile | null = null;
  try {
    for await (const part of req.parts({
      limits: { fileSize: opts.maxBytes, files: 1, fields: maxFields, fieldSize },
    })) {
      if (part.type === "file") {
        const content = await part.toBuffer();
        const problem = textProblem(part.filename ?? "", "line");
        if (problem) throw fileFault(t("errors.file_name", { reason: TEXT_MESSAGES[problem] }));
        file = { fileName: part.filename || "未命名", content };
      } else {
        const name = part.fieldname;
        if (part.valueTruncated)
          throw formFault(400, "VALIDATION_FAILED", name, t("errors.upload_field_too_long", { max: fieldSize }));
        // A repeated field (tags=a&tags=b) arrives as one comma-separated value.
        const value = String(part.value ?? "");
        const problem = textProblem(value, "raw") ?? textProblem(name, "raw");
        if (problem)
          throw validationError([{ field: name, label: fieldLabel([name]), message: TEXT_MESSAGES[problem] }]);
        const before = fields[name];
        if (value !== "") fields[name] = before ? `${before},${value}` : value;
      }
    }
  } catch (err) {
    throw uploadFault(err, limit, maxFields);
  }
  if (!file) throw errors.field("file", "errors.no_file");
  return { file, fields };
}

/** What went wrong while reading the form, in the house format. */
function uploadFault(err: unknown, limit: string, maxFields: number): AppError {
  if (err instanceof AppError) return err;
  const code = (err as { code?: string }).code;
  if (code === "FST_REQ_FILE_TOO_LARGE") return fileFault(t("errors.file_too_large", { limit }));
  if (code === "FST_FILES_LIMIT") return formFault(413, "UPLOAD_LIMIT", "file", t("errors.upload_files_limit"));
  if (code === "FST_FIELDS_LIMIT" || code === "FST_PARTS_LIMIT")
    return formFault(413, "UPLOAD_LIMIT", "file", t("errors.upload_fields_limit", { max: maxFields }));
  // No boundary, a body cut short, a part without its end, a prototype field name: the form is not readable.
  return fileFault(t("errors.bad_multipart"));
}
