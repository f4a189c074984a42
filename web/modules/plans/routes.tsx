import { ProjectOutlined } from "@ant-design/icons";
import { lazy } from "react";
import type { PageRoute } from "../../app/routes";

export const plansMenuGroups = {
  plans: { titleKey: "plans.menu.group", icon: <ProjectOutlined /> },
};

/** 规划监测: plans, import, task tree, progress reports, roll-up, supervision. */
export const plansRoutes: PageRoute[] = [
  {
    path: "plans",
    titleKey: "plans.menu.plans",
    group: "plans",
    permission: "plan:read",
    element: lazy(() => import("../../app/pages/PendingPage")),
  },
];
