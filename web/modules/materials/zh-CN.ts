// The strings live in contracts/console-i18n so the server (translation workflow) reads the same keys.
export { materialsZh } from "../../../contracts/console-i18n/materials.zh-CN";
