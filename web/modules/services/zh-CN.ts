/** zh-CN strings of 服务台; t("services.…"). */
export const servicesZh = {
  menu: {
    group: "服务台",
    requests: "服务申请",
    detail: "服务申请详情",
    registry: "窗口与联络员",
    files: "服务档案",
    stats: "服务统计",
  },
};
