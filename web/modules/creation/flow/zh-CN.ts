/** zh-CN strings of the application flow pages; t("creation.flow.…"). */
export const creationFlowZh = {
  menu: { batches: "申报批次" },
};
