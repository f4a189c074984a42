import {
  AimOutlined,
  AlertOutlined,
  CheckSquareOutlined,
  ExperimentOutlined,
  FileProtectOutlined,
  NotificationOutlined,
  SafetyCertificateOutlined,
  TableOutlined,
} from "@ant-design/icons";
import { lazy } from "react";
import type { PageRoute } from "../../../app/pageRoute";

/** Notices and objections, naming decisions, designations, targets, coverage, cultivation pool, to-dos. */
export const creationResultsRoutes: PageRoute[] = [
  {
    path: "creation/notices",
    titleKey: "creation.results.menu.notices",
    icon: <NotificationOutlined />,
    group: "creation",
    permission: "creation:read",
    element: lazy(() => import("./NoticesPage")),
  },
  {
    path: "creation/objections",
    titleKey: "creation.results.menu.objections",
    icon: <AlertOutlined />,
    group: "creation",
    permission: "creation:manage",
    element: lazy(() => import("./ObjectionsPage")),
  },
  {
    path: "creation/decisions",
    titleKey: "creation.results.menu.decisions",
    icon: <FileProtectOutlined />,
    group: "creation",
    permission: "creation:read",
    element: lazy(() => import("./DecisionsPage")),
  },
  {
    path: "creation/designations",
    titleKey: "creation.results.menu.designations",
    icon: <SafetyCertificateOutlined />,
    group: "creation",
    permission: "creation:read",
    element: lazy(() => import("./DesignationsPage")),
  },
  {
    path: "creation/targets",
    menuScope: "region",
    titleKey: "creation.results.menu.targets",
    icon: <AimOutlined />,
    group: "creation",
    permission: "creation:read",
    element: lazy(() => import("./TargetsPage")),
  },
  {
    path: "creation/coverage",
    menuScope: "region",
    titleKey: "creation.results.menu.coverage",
    icon: <TableOutlined />,
    group: "creation",
    permission: "creation:read",
    element: lazy(() => import("./CoveragePage")),
  },
  {
    path: "creation/candidates",
    menuScope: "region",
    titleKey: "creation.results.menu.candidates",
    icon: <ExperimentOutlined />,
    group: "creation",
    permission: "creation:read",
    element: lazy(() => import("./CandidatesPage")),
  },
  {
    path: "creation/todos",
    titleKey: "creation.results.menu.todos",
    icon: <CheckSquareOutlined />,
    group: "creation",
    permission: "creation:read",
    element: lazy(() => import("./TodosPage")),
  },
];
