import { lazy } from "react";
import type { PageRoute } from "../../app/routes";

/** 测评指标体系 (in the 示范创建 menu). */
export const evaluationRoutes: PageRoute[] = [
  {
    path: "evaluation/indicator-sets",
    titleKey: "evaluation.menu.indicatorSets",
    group: "creation",
    permission: "evaluation:read",
    element: lazy(() => import("../../app/pages/PendingPage")),
  },
];
