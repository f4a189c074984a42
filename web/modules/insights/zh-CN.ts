/** zh-CN strings of 考核评价; t("insights.…"). */
export const insightsZh = {
  menu: { group: "考核评价", rounds: "考核轮次", round: "考核详情", dashboard: "驾驶舱", bigscreen: "大屏" },
};
