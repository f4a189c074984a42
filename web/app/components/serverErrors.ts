import type { FormInstance } from "antd";
import { ApiError } from "../api";
import { t } from "../i18n";

/**
 * Puts the server's field errors on the matching form fields (in Chinese, as the server wrote them) and
 * returns the message to show for anything that is not about one field.
 */
export function applyServerErrors(form: FormInstance, error: unknown): string | null {
  if (!(error instanceof ApiError)) return t("common.unknownError");
  // getFieldsValue() without arguments lists every mounted field, filled in or not.
  const known = new Set(Object.keys(form.getFieldsValue() ?? {}));
  const onFields = error.fields.filter((f) => known.has(f.field.split(".")[0]));
  if (onFields.length) {
    form.setFields(onFields.map((f) => ({ name: f.field.split(".")[0], errors: [f.message] })));
    return onFields.length === error.fields.length ? null : error.message;
  }
  return error.message;
}
