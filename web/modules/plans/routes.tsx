import { CheckSquareOutlined, ProfileOutlined, ProjectOutlined } from "@ant-design/icons";
import { lazy } from "react";
import type { PageRoute } from "../../app/pageRoute";

export const plansMenuGroups = {
  plans: { titleKey: "plans.menu.group", icon: <ProjectOutlined /> },
};

/** 规划监测: plans, import, task tree, progress reports, roll-up, supervision. */
export const plansRoutes: PageRoute[] = [
  {
    path: "plans",
    menuScope: "region",
    titleKey: "plans.menu.plans",
    icon: <ProfileOutlined />,
    group: "plans",
    permission: "plan:read",
    element: lazy(() => import("./list/PlansPage")),
  },
  {
    path: "plans/my-tasks",
    titleKey: "plans.menu.myTasks",
    icon: <CheckSquareOutlined />,
    group: "plans",
    permission: "plan:report",
    element: lazy(() => import("./my-tasks/MyTasksPage")),
  },
  {
    path: "plans/import",
    titleKey: "plans.menu.import",
    hidden: true,
    parent: "plans",
    permission: "plan:manage",
    element: lazy(() => import("./import/PlanImportPage")),
  },
  {
    path: "plans/:id",
    titleKey: "plans.menu.detail",
    hidden: true,
    parent: "plans",
    permission: "plan:read",
    element: lazy(() => import("./detail/PlanDetailPage")),
  },
];
