import { FileTextOutlined, GlobalOutlined, ReadOutlined } from "@ant-design/icons";
import { lazy } from "react";
import type { PageRoute } from "../../app/pageRoute";

export const contentMenuGroups = {
  content: { titleKey: "content.menu.group", icon: <GlobalOutlined /> },
};

/** 门户内容: news written, reviewed and published for the portal; the policy library. */
export const contentRoutes: PageRoute[] = [
  {
    path: "content/news",
    titleKey: "content.menu.news",
    icon: <ReadOutlined />,
    group: "content",
    permission: "news:write",
    element: lazy(() => import("./NewsPage")),
  },
  {
    path: "content/policies",
    titleKey: "content.menu.policies",
    icon: <FileTextOutlined />,
    group: "content",
    permission: "policy:manage",
    element: lazy(() => import("./PoliciesPage")),
  },
];
