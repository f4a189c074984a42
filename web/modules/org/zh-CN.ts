/** zh-CN strings of the org pages; referenced as t("org.…"). */
export const orgZh = {};
