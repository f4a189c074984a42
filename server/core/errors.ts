import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { type ZodError, z } from "zod";
import { isDatabaseUnavailable } from "../db/availability.js";
import { fieldLabel, type MessageKey, t } from "./i18n.js";

export type FieldError = { field: string; label: string; message: string };

/** An error meant for the user: HTTP status, stable code, Chinese message, optional details. */
export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
  }
}

export const errors = {
  badRequest: (code: string, key: MessageKey, params?: Record<string, unknown>, details?: unknown) =>
    new AppError(400, code, t(key, params), details),
  /** A 400 naming one field, in the same shape as schema validation errors. */
  field: (field: string, key: MessageKey, params?: Record<string, unknown>) => {
    const label = fieldLabel([field]);
    const message = t(key, params);
    return new AppError(400, "VALIDATION_FAILED", t("errors.validation", { detail: `${label}：${message}` }), {
      fields: [{ field, label, message }],
    });
  },
  unauthenticated: (key: MessageKey = "errors.unauthenticated", code = "UNAUTHENTICATED", details?: unknown) =>
    new AppError(401, code, t(key), details),
  forbidden: (permission: string) =>
    new AppError(403, "FORBIDDEN", t("errors.forbidden", { permission }), { permission }),
  outOfScope: (entity: string) =>
    new AppError(403, "OUT_OF_SCOPE", t("errors.forbidden_scope", { entity: t(`entities.${entity}`) })),
  notFound: (entity: string) =>
    new AppError(404, "NOT_FOUND", t("errors.not_found", { entity: t(`entities.${entity}`) })),
  conflict: (code: string, key: MessageKey, params?: Record<string, unknown>, details?: unknown) =>
    new AppError(409, code, t(key, params), details),
};

const typeNames: Record<string, string> = {
  string: "文本",
  number: "数字",
  int: "整数",
  boolean: "布尔值（true/false）",
  object: "对象",
  array: "列表",
  date: "日期",
  bigint: "整数",
};

/** Chinese messages for zod issues; a message set in a contract schema wins over these. */
export function configureZodMessages() {
  z.config({
    customError: (iss) => {
      switch (iss.code) {
        case "invalid_type":
          if (iss.input === undefined || iss.input === null) return t("errors.required");
          return t("errors.invalid_type", { expected: typeNames[iss.expected] ?? iss.expected });
        case "too_small": {
          const kind = iss.origin === "string" ? "string" : iss.origin === "array" ? "array" : "number";
          if (kind === "string" && Number(iss.minimum) === 1) return t("errors.required");
          return t(`errors.too_small_${kind}`, { min: String(iss.minimum) });
        }
        case "too_big": {
          const kind = iss.origin === "string" ? "string" : iss.origin === "array" ? "array" : "number";
          return t(`errors.too_big_${kind}`, { max: String(iss.maximum) });
        }
        case "invalid_value":
          return t("errors.invalid_value", { options: iss.values.map((v) => String(v)).join("、") });
        case "invalid_format":
          return iss.format === "uuid" ? t("errors.invalid_uuid") : t("errors.invalid_format");
        case "unrecognized_keys":
          return t("errors.unrecognized_keys", { keys: iss.keys.join("、") });
        default:
          return undefined;
      }
    },
  });
}

export function fieldErrors(issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }>): FieldError[] {
  return issues.map((i) => ({
    field: i.path.map(String).join(".") || "body",
    label: fieldLabel(i.path),
    message: i.message,
  }));
}

export function validationError(fields: FieldError[]): AppError {
  const detail = fields.map((f) => `${f.label}：${f.message}`).join("；");
  return new AppError(400, "VALIDATION_FAILED", t("errors.validation", { detail }), { fields });
}

export function fromZodError(err: ZodError): AppError {
  return validationError(fieldErrors(err.issues));
}

/** Fastify's own 4xx errors, answered in Chinese with their right status (never Fastify's English body). */
const FRAMEWORK_ERRORS: Record<string, { status: number; code: string; key: MessageKey }> = {
  FST_ERR_BAD_URL: { status: 400, code: "BAD_URL", key: "errors.bad_url" },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: "URL_TOO_LONG", key: "errors.url_too_long" },
  FST_ERR_ASYNC_CONSTRAINT: { status: 400, code: "BAD_REQUEST", key: "errors.bad_request" },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: "BAD_REQUEST", key: "errors.bad_request" },
  FST_ERR_CTP_INVALID_TYPE: { status: 400, code: "BAD_REQUEST", key: "errors.bad_request" },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: "BAD_JSON", key: "errors.bad_json" },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: "BAD_JSON", key: "errors.bad_json" },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: "UNSUPPORTED_MEDIA_TYPE", key: "errors.unsupported_media" },
  // Multipart faults that escape an upload route's own reading (see core/upload.ts): named on the 文件 field.
  FST_INVALID_MULTIPART_CONTENT_TYPE: { status: 400, code: "VALIDATION_FAILED", key: "errors.not_multipart" },
  FST_PARTS_LIMIT: { status: 413, code: "UPLOAD_LIMIT", key: "errors.upload_limit" },
  FST_FILES_LIMIT: { status: 413, code: "UPLOAD_LIMIT", key: "errors.upload_limit" },
  FST_FIELDS_LIMIT: { status: 413, code: "UPLOAD_LIMIT", key: "errors.upload_limit" },
  FST_REQ_FILE_TOO_LARGE: { status: 413, code: "UPLOAD_LIMIT", key: "errors.upload_limit" },
  FST_PROTO_VIOLATION: { status: 400, code: "VALIDATION_FAILED", key: "errors.bad_multipart" },
  FST_INVALID_JSON_FIELD_ERROR: { status: 400, code: "VALIDATION_FAILED", key: "errors.bad_multipart" },
  FST_MP_PREMATURE_CLOSE: { status: 400, code: "VALIDATION_FAILED", key: "errors.bad_multipart" },
};

/** The house answer to any error: { error: { code, message (Chinese), details } }; no stack traces leave. */
export function sendError(err: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply) {
  // An error body is never the route's response schema for that status (e.g. /api/health's 503).
  reply.serializer(JSON.stringify).type("application/json; charset=utf-8");
  if (err instanceof AppError) {
    return reply.status(err.status).send({ error: { code: err.code, message: err.message, details: err.details } });
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const fields = err.validation.map((v) => {
      const path = v.instancePath.split("/").filter(Boolean);
      const label = fieldLabel(path.map((p) => (/^\d+$/.test(p) ? Number(p) : p)));
      return { field: path.join(".") || String(err.validationContext ?? "body"), label, message: v.message ?? "" };
    });
    const e = validationError(fields);
    return reply.status(400).send({ error: { code: e.code, message: e.message, details: e.details } });
  }
  const fe = err as FastifyError;
  if (fe.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    return reply.status(413).send({
      error: { code: "BODY_TOO_LARGE", message: t("errors.body_too_large", { limit: "1 MB" }) },
    });
  }
  const known = fe.code ? FRAMEWORK_ERRORS[fe.code] : undefined;
  if (known) {
    const message = t(known.key);
    const details =
      known.code === "VALIDATION_FAILED" || known.code === "UPLOAD_LIMIT"
        ? { fields: [{ field: "file", label: fieldLabel(["file"]), message }] }
        : undefined;
    const text =
      known.code === "VALIDATION_FAILED"
        ? t("errors.validation", { detail: `${fieldLabel(["file"])}：${message}` })
        : message;
    return reply.status(known.status).send({ error: { code: known.code, message: text, details } });
  }
  if (fe.statusCode === 429) {
    return reply.status(429).send({ error: { code: "RATE_LIMITED", message: fe.message } });
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    // Another library's 4xx: its status and code stand, its English message does not reach the user.
    req.log.info({ err }, "client error");
    return reply
      .status(fe.statusCode)
      .send({ error: { code: fe.code ?? "BAD_REQUEST", message: t("errors.bad_request") } });
  }
  if (isDatabaseUnavailable(err)) {
    req.log.warn({ err }, "database unavailable");
    return reply
      .status(503)
      .header("retry-after", "5")
      .send({ error: { code: "DB_UNAVAILABLE", message: t("errors.db_unavailable") } });
  }
  req.log.error({ err }, "unhandled error");
  return reply.status(500).send({ error: { code: "INTERNAL", message: t("errors.internal") } });
}

/** One error format for the whole API, for route errors and for the router's own (bad URL, over-long parameter). */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler(sendError);
}

/** The `frameworkErrors` option of Fastify: errors raised before a route is found, in the same format. */
export const frameworkErrors = (err: FastifyError, req: FastifyRequest, reply: FastifyReply) =>
  sendError(err, req, reply);

/**
 * Node's HTTP parser refusing a request before Fastify sees it (a header or URL over 16 KB, a request that is
 * not HTTP, a client too slow): the same house format on the raw socket, then the connection closes.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Duplex) {
  if (err.code === "ECONNRESET" || socket.destroyed) return;
  const [status, code, key]: [number, string, MessageKey] =
    err.code === "ERR_HTTP_REQUEST_TIMEOUT"
      ? [408, "REQUEST_TIMEOUT", "errors.request_timeout"]
      : err.code === "HPE_HEADER_OVERFLOW"
        ? [431, "HEADERS_TOO_LARGE", "errors.headers_too_large"]
        : [400, "BAD_REQUEST", "errors.bad_request"];
  const body = JSON.stringify({ error: { code, message: t(key) } });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
