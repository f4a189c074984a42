import type { FormInstance } from "antd";
import { ApiError } from "../../../app/api";
import { applyServerErrors } from "../../../app/components/serverErrors";

/**
 * Like applyServerErrors, for forms with lists (findings of an inspection, milestones of a task): an error on
 * "findings.1.deadline" lands on that row's field, not on the list as a whole. Errors on plain fields go through
 * applyServerErrors; what fits no field comes back as the message to show above the form.
 */
export function applyNestedErrors(form: FormInstance, error: unknown, lists: string[]): string | null {
  if (!(error instanceof ApiError)) return applyServerErrors(form, error);
  const nested = error.fields.filter((f) => lists.includes(f.field.split(".")[0]) && f.field.includes("."));
  if (nested.length === 0) return applyServerErrors(form, error);
  form.setFields(
    nested.map((f) => ({
      name: f.field.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
      errors: [f.message],
    })),
  );
  const rest = error.fields.filter((f) => !nested.includes(f));
  if (rest.length === 0) return null;
  return applyServerErrors(
    form,
    new ApiError(error.status, error.code, error.message, { ...error.details, fields: rest }),
  );
}
