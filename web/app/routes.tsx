import {
  ApartmentOutlined,
  AuditOutlined,
  BookOutlined,
  DesktopOutlined,
  FileSearchOutlined,
  HomeOutlined,
  LoginOutlined,
  SafetyOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from "@ant-design/icons";
import { lazy, type ReactNode } from "react";
import { activitiesMenuGroups, activitiesRoutes } from "../modules/activities/routes";
import { basesMenuGroups, basesRoutes } from "../modules/bases/routes";
import { contentMenuGroups, contentRoutes } from "../modules/content/routes";
import { creationMenuGroups, creationRoutes } from "../modules/creation/routes";
import { disputesMenuGroups, disputesRoutes } from "../modules/disputes/routes";
import { evaluationRoutes } from "../modules/evaluation/routes";
import { honorsMenuGroups, honorsRoutes } from "../modules/honors/routes";
import { insightsMenuGroups, insightsRoutes } from "../modules/insights/routes";
import { materialsRoutes } from "../modules/materials/routes";
import { notifyRoutes } from "../modules/notify/routes";
import { plansMenuGroups, plansRoutes } from "../modules/plans/routes";
import { reportsRoutes } from "../modules/reports/routes";
import { servicesMenuGroups, servicesRoutes } from "../modules/services/routes";
import { systemRoutes } from "../modules/system/routes";
import { type PageRoute, registerPageRoutes } from "./pageRoute";

export type { PageRoute } from "./pageRoute";

export const MENU_GROUPS: Record<string, { titleKey: string; icon: ReactNode }> = {
  ...creationMenuGroups,
  ...plansMenuGroups,
  ...basesMenuGroups,
  ...activitiesMenuGroups,
  ...disputesMenuGroups,
  ...honorsMenuGroups,
  ...servicesMenuGroups,
  ...contentMenuGroups,
  ...insightsMenuGroups,
  system: { titleKey: "menu.system", icon: <SettingOutlined /> },
  security: { titleKey: "menu.security", icon: <SafetyOutlined /> },
  audit: { titleKey: "menu.audit", icon: <AuditOutlined /> },
};

/** Module pages register here: the platform's own pages, then each business module's routes.tsx. */
export const PAGE_ROUTES: PageRoute[] = [
  { path: "", titleKey: "menu.home", icon: <HomeOutlined />, element: lazy(() => import("./pages/HomePage")) },
  ...materialsRoutes,
  ...creationRoutes,
  ...evaluationRoutes,
  ...plansRoutes,
  ...notifyRoutes,
  ...basesRoutes,
  ...activitiesRoutes,
  ...disputesRoutes,
  ...honorsRoutes,
  ...servicesRoutes,
  ...contentRoutes,
  ...reportsRoutes,
  ...insightsRoutes,
  {
    path: "orgs",
    titleKey: "menu.orgs",
    icon: <ApartmentOutlined />,
    group: "system",
    permission: "org:read",
    element: lazy(() => import("../modules/org/OrgsPage")),
  },
  {
    path: "orgs/abbreviations",
    titleKey: "menu.orgAbbreviations",
    icon: <BookOutlined />,
    group: "system",
    permission: "system:settings",
    element: lazy(() => import("../modules/org/AbbreviationsPage")),
  },
  {
    path: "users",
    titleKey: "menu.users",
    icon: <UserOutlined />,
    group: "system",
    permission: "user:read",
    element: lazy(() => import("../modules/identity/UsersPage")),
  },
  {
    path: "roles",
    titleKey: "menu.roles",
    icon: <TeamOutlined />,
    group: "system",
    permission: "role:read",
    element: lazy(() => import("../modules/identity/RolesPage")),
  },
  ...systemRoutes,
  {
    path: "security/policy",
    titleKey: "menu.policy",
    icon: <SafetyOutlined />,
    group: "security",
    permission: "security:manage",
    element: lazy(() => import("../modules/identity/SecurityPolicyPage")),
  },
  {
    path: "security/sessions",
    titleKey: "menu.sessions",
    icon: <DesktopOutlined />,
    group: "security",
    permission: "session:manage",
    element: lazy(() => import("../modules/identity/SessionsPage")),
  },
  {
    path: "audit/log",
    titleKey: "menu.auditLog",
    icon: <FileSearchOutlined />,
    group: "audit",
    permission: "audit:read",
    element: lazy(() => import("../modules/audit/AuditLogPage")),
  },
  {
    path: "audit/logins",
    titleKey: "menu.loginLog",
    icon: <LoginOutlined />,
    group: "audit",
    permission: "loginlog:read",
    element: lazy(() => import("../modules/audit/LoginLogPage")),
  },
  { path: "profile", titleKey: "menu.profile", hidden: true, element: lazy(() => import("./pages/ProfilePage")) },
];

registerPageRoutes(PAGE_ROUTES);
