import {
  BASE_KINDS,
  BASE_LEVEL_LABELS,
  BASE_STATUS_LABELS,
  BOOKING_STATUS_LABELS,
  PAGE_STATUS_LABELS,
  REPORT_STATUS_LABELS,
} from "../../../contracts/bases";

const opts = (m: Record<string, string>) => Object.entries(m).map(([value, label]) => ({ value, label }));
export const KIND_OPTIONS = BASE_KINDS.map(([value, label]) => ({ value, label }));
export const LEVEL_OPTIONS = opts(BASE_LEVEL_LABELS);
export const STATUS_OPTIONS = opts(BASE_STATUS_LABELS);
export { BASE_LEVEL_LABELS, BASE_STATUS_LABELS, BOOKING_STATUS_LABELS, PAGE_STATUS_LABELS, REPORT_STATUS_LABELS };
export const STATUS_COLORS: Record<string, string> = {
  active: "green",
  reviewing: "orange",
  revoked: "default",
  pending: "orange",
  approved: "green",
  declined: "red",
  cancelled: "default",
  checked_in: "blue",
  no_show: "red",
  confirmed: "blue",
  accepted: "green",
  draft: "default",
  submitted: "orange",
  returned: "red",
  published: "green",
  archived: "default",
};
