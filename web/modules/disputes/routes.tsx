import { AlertOutlined, SafetyOutlined } from "@ant-design/icons";
import { lazy } from "react";
import type { PageRoute } from "../../app/pageRoute";

export const disputesMenuGroups = {
  disputes: { titleKey: "disputes.menu.group", icon: <SafetyOutlined /> },
};

/** 风险防范: cases, the 零报告 desk, compliance. */
export const disputesRoutes: PageRoute[] = [
  {
    path: "disputes",
    titleKey: "disputes.menu.main",
    icon: <AlertOutlined />,
    group: "disputes",
    permission: "disputes:read",
    element: lazy(() => import("./DisputesPage")),
  },
];
