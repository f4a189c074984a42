import { FolderOpenOutlined } from "@ant-design/icons";
import { lazy } from "react";
import type { PageRoute } from "../../app/pageRoute";

/** 资料库: every unit's evidence files, referenced by applications, reports and self-checks. */
export const materialsRoutes: PageRoute[] = [
  {
    path: "materials",
    titleKey: "materials.menu.materials",
    icon: <FolderOpenOutlined />,
    permission: "material:read",
    element: lazy(() => import("./MaterialsPage")),
  },
];
