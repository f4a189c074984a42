import { BarChartOutlined, CalendarOutlined, FlagOutlined, ScheduleOutlined } from "@ant-design/icons";
import { lazy } from "react";
import type { PageRoute } from "../../app/pageRoute";

export const activitiesMenuGroups = {
  activities: { titleKey: "activities.menu.group", icon: <FlagOutlined /> },
};

/** 活动: records (with the confirm queue), statistics and calendar, plans · 七个一 · 结对. */
export const activitiesRoutes: PageRoute[] = [
  {
    path: "activities",
    titleKey: "activities.menu.records",
    icon: <CalendarOutlined />,
    group: "activities",
    permission: "activity:read",
    element: lazy(() => import("./ActivitiesPage")),
  },
  {
    path: "activities/stats",
    titleKey: "activities.menu.stats",
    icon: <BarChartOutlined />,
    group: "activities",
    permission: "activity:read",
    element: lazy(() => import("./ActivityStatsPage")),
  },
  {
    path: "activities/work",
    titleKey: "activities.menu.work",
    icon: <ScheduleOutlined />,
    group: "activities",
    permission: "activity:read",
    element: lazy(() => import("./ActivityWorkPage")),
  },
];
