import { lazy } from "react";
import type { PageRoute } from "../../../app/pageRoute";

/** Print views of 示范创建 (A4, reached from the 打印 buttons of the pages they belong to). */
export const creationPrintRoutes: PageRoute[] = [
  {
    path: "creation/applications/:id/print",
    titleKey: "creation.print.menu.application",
    hidden: true,
    parent: "creation/applications",
    permission: "creation:read",
    element: lazy(() => import("./ApplicationPrint")),
  },
  {
    path: "creation/applications/:id/sheets/:sheetId/print",
    titleKey: "creation.print.menu.sheet",
    hidden: true,
    parent: "creation/applications",
    permission: "creation:read",
    element: lazy(() => import("./SheetPagePrint")),
  },
  {
    path: "creation/decisions/:id/print",
    titleKey: "creation.print.menu.decision",
    hidden: true,
    parent: "creation/decisions",
    permission: "creation:read",
    element: lazy(() => import("./DecisionPrint")),
  },
  {
    path: "creation/designations/:id/print",
    titleKey: "creation.print.menu.certificate",
    hidden: true,
    parent: "creation/designations",
    permission: "creation:read",
    element: lazy(() => import("./CertificatePrint")),
  },
];
