import { BookOutlined, CalendarOutlined, ControlOutlined, FieldTimeOutlined } from "@ant-design/icons";
import { lazy } from "react";
import type { PageRoute } from "../../app/pageRoute";

/** 系统设置: the working-day calendar (dictionaries, settings and jobs will join it). */
export const systemRoutes: PageRoute[] = [
  {
    path: "system/calendar",
    titleKey: "system.menu.calendar",
    icon: <CalendarOutlined />,
    group: "system",
    permission: "system:settings",
    element: lazy(() => import("./CalendarPage")),
  },
  {
    path: "system/dicts",
    titleKey: "system.menu.dicts",
    icon: <BookOutlined />,
    group: "system",
    permission: "system:settings",
    element: lazy(() => import("./DictPage")),
  },
  {
    path: "system/settings",
    titleKey: "system.menu.settings",
    icon: <ControlOutlined />,
    group: "system",
    permission: "system:settings",
    element: lazy(() => import("./SettingsPage")),
  },
  {
    path: "system/jobs",
    titleKey: "system.menu.jobs",
    icon: <FieldTimeOutlined />,
    group: "system",
    permission: "system:settings",
    element: lazy(() => import("./JobsPage")),
  },
];
