import { lazy } from "react";
import type { PageRoute } from "../../../app/routes";

/** Batches, applications and their flow, expert scoring. */
export const creationFlowRoutes: PageRoute[] = [
  {
    path: "creation/batches",
    titleKey: "creation.flow.menu.batches",
    group: "creation",
    permission: "creation:read",
    element: lazy(() => import("../../../app/pages/PendingPage")),
  },
];
