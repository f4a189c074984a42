import type { FastifyInstance } from "fastify";
import { TEXT_MESSAGES, textProblem } from "../../contracts/common.js";
import { type FieldError, validationError } from "./errors.js";
import { fieldLabel } from "./i18n.js";

/**
 * The first string (a value or a key) in a parsed JSON body, query or path parameters that is not well-formed
 * Unicode or holds NUL, with its path. Applies to every string input, whatever its schema says (passwords,
 * codes, free text): a lone surrogate cannot be stored as written, and PostgreSQL text cannot hold NUL.
 */
export function badString(root: unknown): FieldError | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === "string") {
      const problem = textProblem(value, "raw");
      if (problem) return fieldError(path, TEXT_MESSAGES[problem]);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i] });
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        const problem = textProblem(k, "raw");
        if (problem) return fieldError([...path, k], TEXT_MESSAGES[problem]);
        stack.push({ value: v, path: [...path, k] });
      }
    }
  }
  return null;
}

function fieldError(path: (string | number)[], message: string): FieldError {
  // A key that is itself ill-formed is named by its well-formed form, so the answer stays valid JSON text.
  const clean = path.map((p) => (typeof p === "string" ? p.replace(/\p{Cs}/gu, "\ufffd") : p));
  return { field: clean.map(String).join(".") || "body", label: fieldLabel(clean), message };
}

/** Before any route's schema runs: refuse ill-formed Unicode and NUL in every string of the request. */
export function registerTextInputCheck(app: FastifyInstance) {
  app.addHook("preValidation", async (req) => {
    for (const part of [req.params, req.query, req.body]) {
      const bad = badString(part);
      if (bad) throw validationError([bad]);
    }
  });
}
