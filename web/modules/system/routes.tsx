import {
  BookOutlined,
  CalendarOutlined,
  CloudUploadOutlined,
  ControlOutlined,
  EnvironmentOutlined,
  FieldTimeOutlined,
  TranslationOutlined,
} from "@ant-design/icons";
import { lazy } from "react";
import { IMPORT_KINDS } from "../../../contracts/system";
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
  {
    path: "system/translations",
    titleKey: "system.menu.translations",
    icon: <TranslationOutlined />,
    group: "system",
    permission: "system:settings",
    element: lazy(() => import("./TranslationsPage")),
  },
  {
    path: "system/maps",
    titleKey: "system.menu.maps",
    icon: <EnvironmentOutlined />,
    group: "system",
    permission: "system:settings",
    element: lazy(() => import("./MapsPage")),
  },
  {
    // Whoever may run any import: the page shows the kinds they hold and the imports in their scope.
    path: "system/imports",
    titleKey: "system.menu.imports",
    icon: <CloudUploadOutlined />,
    group: "system",
    anyPermission: Object.values(IMPORT_KINDS).map((k) => k.permission),
    element: lazy(() => import("./ImportsPage")),
  },
];
