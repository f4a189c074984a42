import { consoleMenusZh } from "../../../contracts/console-i18n/menus.zh-CN";
import { creationFlowZh } from "./flow/zh-CN";
import { creationPrintZh } from "./print/zh-CN";
import { creationResultsZh } from "./results/zh-CN";

/** zh-CN strings of 示范创建; referenced as t("creation.flow.…") and t("creation.results.…"). */
export const creationZh = {
  menu: consoleMenusZh.creation,
  flow: creationFlowZh,
  results: creationResultsZh,
  print: creationPrintZh,
};
