/** zh-CN strings of 规划监测; t("plans.…"). */
export const plansZh = {
  menu: { group: "规划监测", plans: "规划方案" },
};
