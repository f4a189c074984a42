import { consoleMenusZh } from "../../../contracts/console-i18n/menus.zh-CN";
/** zh-CN strings of 风险防范; t("disputes.…"). */
export const disputesZh = {
  menu: consoleMenusZh.disputes,
  tabs: { cases: "矛盾纠纷", desk: "零报告", compliance: "报告率" },
};
