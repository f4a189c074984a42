import { lazy } from "react";
import type { PageRoute } from "../../../app/routes";

/** Notices and objections, naming decisions, designations, targets, coverage, cultivation pool, to-dos. */
export const creationResultsRoutes: PageRoute[] = [
  {
    path: "creation/designations",
    titleKey: "creation.results.menu.designations",
    group: "creation",
    permission: "creation:read",
    element: lazy(() => import("../../../app/pages/PendingPage")),
  },
];
