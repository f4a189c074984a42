import { consoleMenusZh } from "../../../contracts/console-i18n/menus.zh-CN";
/** zh-CN strings of 服务台; t("services.…"). */
export const servicesZh = {
  menu: consoleMenusZh.services,
};
