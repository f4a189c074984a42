// The strings live in contracts/console-i18n so the server (translation workflow) reads the same keys.
export { activitiesZh } from "../../../contracts/console-i18n/activities.zh-CN";
