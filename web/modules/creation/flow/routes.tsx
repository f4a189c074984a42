import { CalendarOutlined, FileDoneOutlined, FormOutlined } from "@ant-design/icons";
import { lazy } from "react";
import type { PageRoute } from "../../../app/pageRoute";

/** Batches, applications and their flow, expert scoring. */
export const creationFlowRoutes: PageRoute[] = [
  {
    path: "creation/batches",
    titleKey: "creation.flow.menu.batches",
    icon: <CalendarOutlined />,
    group: "creation",
    permission: "creation:read",
    element: lazy(() => import("./BatchesPage")),
  },
  {
    path: "creation/applications",
    titleKey: "creation.flow.menu.applications",
    icon: <FileDoneOutlined />,
    group: "creation",
    permission: "creation:read",
    element: lazy(() => import("./ApplicationsPage")),
  },
  {
    path: "creation/applications/:id",
    titleKey: "creation.flow.menu.applicationDetail",
    hidden: true,
    parent: "creation/applications",
    permission: "creation:read",
    element: lazy(() => import("./ApplicationDetailPage")),
  },
  {
    // The unit's 自评表, or an expert's sheet as the organiser reviews it.
    path: "creation/applications/:id/sheets/:sheetId",
    titleKey: "creation.flow.menu.sheet",
    hidden: true,
    parent: "creation/applications",
    permission: "creation:read",
    element: lazy(() => import("./SheetPage")),
  },
  {
    path: "creation/assignments",
    titleKey: "creation.flow.menu.assignments",
    icon: <FormOutlined />,
    group: "creation",
    permission: "evaluation:score",
    menuUnless: "creation:apply",
    element: lazy(() => import("./AssignmentsPage")),
  },
  {
    path: "creation/assignments/:id",
    titleKey: "creation.flow.menu.assignmentDetail",
    hidden: true,
    parent: "creation/assignments",
    permission: "evaluation:score",
    element: lazy(() => import("./AssignmentPage")),
  },
];
