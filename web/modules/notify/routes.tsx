import { BellOutlined, NotificationOutlined } from "@ant-design/icons";
import { lazy } from "react";
import type { PageRoute } from "../../app/pageRoute";

/** 消息中心: every signed-in user's own messages (reached from the bell in the header). */
export const notifyRoutes: PageRoute[] = [
  {
    path: "messages",
    titleKey: "notify.menu.messages",
    icon: <BellOutlined />,
    hidden: true,
    element: lazy(() => import("./MessageCenterPage")),
  },
  {
    // Every signed-in user: their inbox; publishers also see what their scope published.
    path: "announcements",
    titleKey: "notify.menu.announcements",
    icon: <NotificationOutlined />,
    element: lazy(() => import("./AnnouncementsPage")),
  },
];
