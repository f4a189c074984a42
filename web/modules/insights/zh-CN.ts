import { consoleMenusZh } from "../../../contracts/console-i18n/menus.zh-CN";
/** zh-CN strings of 考核评价; t("insights.…"). */
export const insightsZh = {
  menu: consoleMenusZh.insights,
};
