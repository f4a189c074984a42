import type { FastifyRequest } from "fastify";
import { errors } from "./errors.js";

export type UploadedFile = { fileName: string; content: Buffer };
export type Upload = {
  /** The one file of the form (a form without one is refused). */
  file: UploadedFile;
  /** Text fields; an empty field is absent, so zod defaults apply. */
  fields: Record<string, string | undefined>;
};

const MB = 1024 * 1024;

/**
 * Reads a multipart form with one file, the way every upload route needs it: the file whole in memory (size
 * checked against `maxBytes` while streaming, so an oversized file is refused without being buffered), the
 * text fields beside it. Errors name the 文件 field in Chinese.
 */
export async function readUpload(
  req: FastifyRequest,
  opts: { maxBytes: number; maxFields?: number; fieldSize?: number },
): Promise<Upload> {
  if (!req.isMultipart()) throw errors.field("file", "errors.not_multipart");
  const limit = `${Math.round(opts.maxBytes / MB)} MB`;
  const fields: Record<string, string | undefined> = {};
  let file: UploadedFile | null = null;
  for await (const part of req.parts({
    limits: { fileSize: opts.maxBytes, files: 1, fields: opts.maxFields ?? 20, fieldSize: opts.fieldSize ?? 4096 },
  })) {
    if (part.type === "file") {
      const content = await part.toBuffer().catch(() => null);
      if (!content || part.file.truncated) throw errors.field("file", "errors.file_too_large", { limit });
      file = { fileName: part.filename || "未命名", content };
    } else {
      // A repeated field (tags=a&tags=b) arrives as one comma-separated value.
      const value = String(part.value ?? "");
      const before = fields[part.fieldname];
      if (value !== "") fields[part.fieldname] = before ? `${before},${value}` : value;
    }
  }
  if (!file) throw errors.field("file", "errors.no_file");
  return { file, fields };
}
