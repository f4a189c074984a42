import {
  BarChartOutlined,
  CustomerServiceOutlined,
  FolderOpenOutlined,
  ReadOutlined,
  ShopOutlined,
  SolutionOutlined,
} from "@ant-design/icons";
import { lazy } from "react";
import type { PageRoute } from "../../app/pageRoute";

export const servicesMenuGroups = {
  services: { titleKey: "services.menu.group", icon: <CustomerServiceOutlined /> },
};

/** 服务台: the requests workbench, a request's detail, windows/liaisons/meetings, 服务指南, service files, statistics. */
export const servicesRoutes: PageRoute[] = [
  {
    path: "services/requests",
    titleKey: "services.menu.requests",
    icon: <SolutionOutlined />,
    group: "services",
    permission: "service:read",
    element: lazy(() => import("./RequestsPage")),
  },
  {
    path: "services/requests/:id",
    titleKey: "services.menu.detail",
    hidden: true,
    parent: "services/requests",
    permission: "service:read",
    element: lazy(() => import("./RequestDetailPage")),
  },
  {
    path: "services/registry",
    titleKey: "services.menu.registry",
    icon: <ShopOutlined />,
    group: "services",
    permission: "service:read",
    element: lazy(() => import("./RegistryPage")),
  },
  {
    path: "services/guides",
    titleKey: "services.menu.guides",
    icon: <ReadOutlined />,
    group: "services",
    permission: "service:read",
    element: lazy(() => import("./GuidesPage")),
  },
  {
    path: "services/files",
    titleKey: "services.menu.files",
    icon: <FolderOpenOutlined />,
    group: "services",
    permission: "service:file",
    element: lazy(() => import("./FilesPage")),
  },
  {
    path: "services/stats",
    titleKey: "services.menu.stats",
    icon: <BarChartOutlined />,
    group: "services",
    permission: "service:read",
    element: lazy(() => import("./StatsPage")),
  },
];
