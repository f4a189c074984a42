import { TrophyOutlined, UnorderedListOutlined } from "@ant-design/icons";
import { lazy } from "react";
import type { PageRoute } from "../../app/pageRoute";

export const insightsMenuGroups = {
  insights: { titleKey: "insights.menu.group", icon: <TrophyOutlined /> },
};

/** 考核评价: rounds, computed figures and their records, disputes, panel scoring, ranking, 通报. */
export const insightsRoutes: PageRoute[] = [
  {
    path: "assessment",
    titleKey: "insights.menu.rounds",
    icon: <UnorderedListOutlined />,
    group: "insights",
    permission: "assessment:read",
    element: lazy(() => import("./RoundsPage")),
  },
  {
    path: "assessment/:id",
    titleKey: "insights.menu.round",
    hidden: true,
    parent: "assessment",
    permission: "assessment:read",
    element: lazy(() => import("./RoundPage")),
  },
];
