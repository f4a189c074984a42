/** zh-CN strings of the portal; referenced as t("portal.…"). */
export const portalZh = {};
