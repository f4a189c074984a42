import { DashboardOutlined, TrophyOutlined, UnorderedListOutlined } from "@ant-design/icons";
import { lazy } from "react";
import type { PageRoute } from "../../app/pageRoute";

export const insightsMenuGroups = {
  insights: { titleKey: "insights.menu.group", icon: <TrophyOutlined /> },
};

const DASHBOARD_PERMISSIONS = [
  "creation:read",
  "base:read",
  "honor:read",
  "activity:read",
  "plan:read",
  "service:read",
  "disputes:read",
];

/** 驾驶舱 and 大屏; 考核评价: rounds, computed figures and their records, disputes, panel scoring, ranking, 通报. */
export const insightsRoutes: PageRoute[] = [
  // 驾驶舱: any signed-in user whose roles read one of the modules it counts; each figure checks its own right.
  {
    path: "insights/dashboard",
    titleKey: "insights.menu.dashboard",
    icon: <DashboardOutlined />,
    anyPermission: DASHBOARD_PERMISSIONS,
    element: lazy(() => import("./DashboardPage")),
  },
  {
    path: "insights/bigscreen",
    titleKey: "insights.menu.bigscreen",
    hidden: true,
    parent: "insights/dashboard",
    element: lazy(() => import("./BigScreenPage")),
  },
  {
    path: "assessment",
    titleKey: "insights.menu.rounds",
    icon: <UnorderedListOutlined />,
    group: "insights",
    permission: "assessment:read",
    element: lazy(() => import("./RoundsPage")),
  },
  {
    path: "assessment/:id",
    titleKey: "insights.menu.round",
    hidden: true,
    parent: "assessment",
    permission: "assessment:read",
    element: lazy(() => import("./RoundPage")),
  },
];
