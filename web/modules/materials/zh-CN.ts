/** zh-CN strings of 资料库; t("materials.…"). */
export const materialsZh = {
  menu: { materials: "资料库" },
};
