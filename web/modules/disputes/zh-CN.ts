import { disputesUnitZh } from "../../../contracts/console-i18n/disputes.zh-CN";
import { consoleMenusZh } from "../../../contracts/console-i18n/menus.zh-CN";
/** zh-CN strings of 风险防范; t("disputes.…"). The tabs and the 零报告 desk live in the console's translated set. */
export const disputesZh = {
  menu: consoleMenusZh.disputes,
  ...disputesUnitZh,
};
