/** zh-CN strings of 风险防范; t("disputes.…"). */
export const disputesZh = {
  menu: { group: "风险防范", main: "矛盾纠纷与零报告" },
  tabs: { cases: "矛盾纠纷", desk: "零报告", compliance: "报告率" },
};
