import { FileTextOutlined } from "@ant-design/icons";
import { lazy } from "react";
import type { PageRoute } from "../../app/pageRoute";

/** 报表中心: in the menu for whoever may generate at least one module's report (the server lists which). */
export const reportsRoutes: PageRoute[] = [
  {
    path: "reports",
    titleKey: "reports.menu.reports",
    icon: <FileTextOutlined />,
    anyPermission: [
      "creation:export",
      "plan:export",
      "activity:read",
      "service:export",
      "disputes:export",
      "assessment:read",
    ],
    element: lazy(() => import("./ReportsPage")),
  },
];
