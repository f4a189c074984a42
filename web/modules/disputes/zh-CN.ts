/** zh-CN strings of 风险防范; t("disputes.…"). */
export const disputesZh = {
  menu: {
    group: "风险防范",
    main: "矛盾纠纷与零报告",
    alerts: "预警与上报",
    campaigns: "排查活动",
    plans: "应急预案",
    events: "舆情事件",
    stats: "统计分析",
  },
  tabs: { cases: "矛盾纠纷", desk: "零报告", compliance: "报告率" },
};
