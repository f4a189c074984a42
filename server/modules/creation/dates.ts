/**
 * Calendar arithmetic of 示范创建. One implementation lives in contracts/dates.ts (Beijing dates and the
 * official working-day calendar); these names are kept for the module's callers.
 */
export {
  addDays,
  addMonths,
  addYears,
  beijingDate as shanghaiDate,
  beijingStartOf as shanghaiStartOf,
  chineseDate,
  noticeWindow,
  validUntilOf,
  type WorkingCalendar,
  weekdayCalendar,
} from "../../../contracts/dates.js";
