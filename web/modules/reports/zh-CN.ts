import { consoleMenusZh } from "../../../contracts/console-i18n/menus.zh-CN";
/** zh-CN strings of 报表中心; referenced as t("reports.…"). */
export const reportsZh = {
  menu: consoleMenusZh.reports,
  title: "报表中心",
  subtitle:
    "各模块的标准报表集中在这里：选好参数即可生成 Word 或 Excel 文件，生成过的文件在下方“我的生成记录”里可以再次下载",
  generate: "生成并下载",
  generated: "已生成：{name}",
  none: "您的账号没有可生成的报表",
  history: "我的生成记录",
  noHistory: "还没有生成过报表",
  columns: { title: "报表", params: "参数", file: "文件", size: "大小", createdAt: "生成时间", action: "操作" },
  download: "下载",
  select: "请选择",
  required: "请选择或填写{label}",
};
