/** zh-CN strings of 测评指标; t("evaluation.…"). */
export const evaluationZh = {
  menu: { indicatorSets: "指标体系" },
};
