import { OrderedListOutlined } from "@ant-design/icons";
import { lazy } from "react";
import type { PageRoute } from "../../app/pageRoute";

/** 测评指标体系 (in the 示范创建 menu): the list, and one set's editor (`new` for a set not saved yet). */
export const evaluationRoutes: PageRoute[] = [
  {
    path: "evaluation/indicator-sets",
    titleKey: "evaluation.menu.indicatorSets",
    icon: <OrderedListOutlined />,
    group: "creation",
    permission: "evaluation:read",
    element: lazy(() => import("./IndicatorSetsPage")),
  },
  {
    path: "evaluation/indicator-sets/:id",
    titleKey: "evaluation.menu.setEditor",
    hidden: true,
    parent: "evaluation/indicator-sets",
    permission: "evaluation:read",
    element: lazy(() => import("./IndicatorSetEditorPage")),
  },
];
