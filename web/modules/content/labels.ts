import {
  NEWS_CATEGORIES,
  NEWS_STATUS_LABELS,
  type NewsStatus,
  POLICY_LEVELS,
  POLICY_TOPICS,
  POLICY_VALIDITY_LABELS,
} from "../../../contracts/content";

const options = (entries: readonly (readonly [string, string])[]) =>
  entries.map(([value, label]) => ({ value, label }));
export const CATEGORY_OPTIONS = options(NEWS_CATEGORIES);
export const TOPIC_OPTIONS = options(POLICY_TOPICS);
export const LEVEL_OPTIONS = options(POLICY_LEVELS);
export const VALIDITY_OPTIONS = options(Object.entries(POLICY_VALIDITY_LABELS));
export const NEWS_STATUS_OPTIONS = options(Object.entries(NEWS_STATUS_LABELS));
const COLORS: Record<NewsStatus, string> = {
  draft: "default",
  submitted: "processing",
  published: "green",
  withdrawn: "orange",
};
export const NEWS_STATUS_TAGS = Object.fromEntries(
  Object.entries(NEWS_STATUS_LABELS).map(([k, label]) => [k, { label, color: COLORS[k as NewsStatus] }]),
);
export const VALIDITY_TAGS = {
  valid: { label: "有效", color: "green" },
  amended: { label: "已修订", color: "orange" },
  repealed: { label: "已废止", color: "red" },
};
