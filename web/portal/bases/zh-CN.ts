// The strings live in contracts/portal-i18n so the server (translation workflow) reads the same keys.
export { portalBasesZh } from "../../../contracts/portal-i18n/bases.zh-CN";
