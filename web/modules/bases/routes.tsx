import { BankOutlined, BarChartOutlined, UnorderedListOutlined } from "@ant-design/icons";
import { lazy } from "react";
import type { PageRoute } from "../../app/pageRoute";

export const basesMenuGroups = {
  bases: { titleKey: "bases.menu.group", icon: <BankOutlined /> },
};

/** 教育基地: the registry, each base's page, sessions, check-in and reports, and the visitor statistics. */
export const basesRoutes: PageRoute[] = [
  {
    path: "bases",
    titleKey: "bases.menu.registry",
    icon: <UnorderedListOutlined />,
    group: "bases",
    permission: "base:read",
    element: lazy(() => import("./BasesPage")),
  },
  {
    path: "bases/stats",
    titleKey: "bases.menu.stats",
    icon: <BarChartOutlined />,
    group: "bases",
    permission: "base:read",
    element: lazy(() => import("./StatsPage")),
  },
  {
    path: "bases/:id/exhibit-qr",
    titleKey: "bases.menu.detail",
    hidden: true,
    parent: "bases",
    permission: "base:read",
    element: lazy(() => import("./ExhibitQrPrint")),
  },
  {
    path: "bases/:id",
    titleKey: "bases.menu.detail",
    hidden: true,
    parent: "bases",
    permission: "base:read",
    element: lazy(() => import("./BaseDetailPage")),
  },
];
