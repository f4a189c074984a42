/** zh-CN strings of the identity pages; referenced as t("identity.…"). */
export const identityZh = {};
