import {
  AlertOutlined,
  BarChartOutlined,
  BellOutlined,
  FileProtectOutlined,
  NotificationOutlined,
  SafetyOutlined,
  ScheduleOutlined,
} from "@ant-design/icons";
import { lazy } from "react";
import type { PageRoute } from "../../app/pageRoute";

export const disputesMenuGroups = {
  disputes: { titleKey: "disputes.menu.group", icon: <SafetyOutlined /> },
};

/** 风险防范: cases, the 零报告 desk and compliance; alerts and escalations; campaigns; plans; events; statistics. */
export const disputesRoutes: PageRoute[] = [
  {
    path: "disputes",
    titleKey: "disputes.menu.main",
    icon: <AlertOutlined />,
    group: "disputes",
    permission: "disputes:read",
    element: lazy(() => import("./DisputesPage")),
  },
  {
    path: "disputes/alerts",
    titleKey: "disputes.menu.alerts",
    icon: <BellOutlined />,
    group: "disputes",
    permission: "disputes:read",
    element: lazy(() => import("./AlertsPage")),
  },
  {
    path: "disputes/campaigns",
    titleKey: "disputes.menu.campaigns",
    icon: <ScheduleOutlined />,
    group: "disputes",
    permission: "disputes:read",
    element: lazy(() => import("./CampaignsPage")),
  },
  {
    path: "disputes/plans",
    titleKey: "disputes.menu.plans",
    icon: <FileProtectOutlined />,
    group: "disputes",
    permission: "disputes:read",
    menuScope: "region_tree",
    element: lazy(() => import("./PlansPage")),
  },
  {
    path: "disputes/events",
    titleKey: "disputes.menu.events",
    icon: <NotificationOutlined />,
    group: "disputes",
    permission: "disputes:read",
    menuScope: "region_tree",
    element: lazy(() => import("./EventsPage")),
  },
  {
    path: "disputes/stats",
    titleKey: "disputes.menu.stats",
    icon: <BarChartOutlined />,
    group: "disputes",
    permission: "disputes:read",
    menuScope: "region_tree",
    element: lazy(() => import("./StatsPage")),
  },
];
