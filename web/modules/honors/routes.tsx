import {
  AlertOutlined,
  FlagOutlined,
  SolutionOutlined,
  TrophyOutlined,
  UnorderedListOutlined,
} from "@ant-design/icons";
import { lazy } from "react";
import type { PageRoute } from "../../app/pageRoute";

export const honorsMenuGroups = {
  honors: { titleKey: "honors.menu.group", icon: <TrophyOutlined /> },
};

/** 表彰: campaigns (quotas, panel, 公示, decision), nominations through 两审三公示, objections, the register. */
export const honorsRoutes: PageRoute[] = [
  {
    path: "honors/campaigns",
    titleKey: "honors.menu.campaigns",
    icon: <FlagOutlined />,
    group: "honors",
    permission: "honor:read",
    element: lazy(() => import("./CampaignsPage")),
  },
  {
    path: "honors/nominations",
    titleKey: "honors.menu.nominations",
    icon: <SolutionOutlined />,
    group: "honors",
    permission: "honor:read",
    element: lazy(() => import("./NominationsPage")),
  },
  {
    path: "honors/objections",
    titleKey: "honors.menu.objections",
    icon: <AlertOutlined />,
    group: "honors",
    permission: "honor:manage",
    element: lazy(() => import("./ObjectionsPage")),
  },
  {
    path: "honors/awards",
    titleKey: "honors.menu.awards",
    icon: <UnorderedListOutlined />,
    group: "honors",
    permission: "honor:read",
    element: lazy(() => import("./AwardsPage")),
  },
  {
    path: "honors/nominations/:id/print",
    titleKey: "honors.menu.nominationPrint",
    hidden: true,
    parent: "honors/nominations",
    permission: "honor:read",
    element: lazy(() => import("./NominationPrint")),
  },
];
