/** zh-CN strings of the results pages; t("creation.results.…"). */
export const creationResultsZh = {
  menu: { designations: "示范单位" },
};
