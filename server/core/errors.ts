import type { FastifyError, FastifyInstance } from "fastify";
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

/** One error format for the whole API: { error: { code, message, details } }; no stack traces leave. */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
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
    if (fe.code === "FST_ERR_CTP_INVALID_JSON_BODY" || fe.code === "FST_ERR_CTP_EMPTY_JSON_BODY") {
      return reply.status(400).send({ error: { code: "BAD_JSON", message: t("errors.bad_json") } });
    }
    if (fe.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
      return reply
        .status(415)
        .send({ error: { code: "UNSUPPORTED_MEDIA_TYPE", message: t("errors.unsupported_media") } });
    }
    if (fe.statusCode === 429) {
      return reply.status(429).send({ error: { code: "RATE_LIMITED", message: fe.message } });
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply
        .status(fe.statusCode)
        .send({ error: { code: fe.code ?? "BAD_REQUEST", message: t("errors.validation", { detail: fe.message }) } });
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
  });
}
