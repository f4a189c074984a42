import { formatDate } from "../../../app/format";
import { getLocale, t } from "../../../app/i18n";

const CN_QUARTER = ["一", "二", "三", "四"];

/**
 * The name of a period key, in Chinese as the server names it (2026年第一季度, 2026年上半年, 2026年3月, 2026年度); in
 * Mongolian the quarter is a digit.
 */
export function periodName(key: string | null | undefined): string {
  if (!key) return "—";
  const y = key.slice(0, 4);
  const rest = key.slice(4);
  if (rest === "") return t("plans.period.year", { y });
  if (rest[0] === "Q")
    return t("plans.period.quarter", { y, q: getLocale() === "zh-CN" ? CN_QUARTER[Number(rest[1]) - 1] : rest[1] });
  if (rest[0] === "H") return t(rest[1] === "1" ? "plans.period.h1" : "plans.period.h2", { y });
  return t("plans.period.month", { y, m: Number(rest.slice(1)) });
}

/**
 * The last day a period's report is on time. The server gives the deadline as the instant it passes (midnight
 * Beijing time after the last day), so the day shown is the one before that instant.
 */
export function dueDate(dueAt: string): string {
  return formatDate(new Date(new Date(dueAt).getTime() - 1000).toISOString());
}
