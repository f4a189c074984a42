import type { ComponentType } from "react";
import type { IconName } from "./icons";

/**
 * The portal's public sections. A module that opens its public pages sets `available: true` and gives
 * `page` (loaded on demand); the home grid, the route table and the page title follow from this list.
 */
export type PortalSection = {
  key: string;
  titleKey: string;
  descKey: string;
  /** Path of the section's page; its sub-pages live under it (/notices/…). */
  href: string;
  available: boolean;
  icon: IconName;
  page?: () => Promise<{ default: ComponentType<{ subPath: string }> }>;
};

const section = (key: string, href: string, icon: IconName): PortalSection => ({
  key,
  titleKey: `portal.sections.${key}.title`,
  descKey: `portal.sections.${key}.desc`,
  href,
  available: false,
  icon,
});

export const sections: PortalSection[] = [
  { ...section("notices", "/notices", "notice"), available: true, page: () => import("./creation/NoticesSection") },
  { ...section("units", "/units", "medal"), available: true, page: () => import("./creation/UnitsSection") },
  { ...section("bases", "/bases", "landmark"), available: true, page: () => import("./bases/BasesSection") },
  { ...section("models", "/models", "star"), available: true, page: () => import("./honors/DeedsSection") },
  { ...section("policies", "/policies", "book"), available: true, page: () => import("./policies/PoliciesSection") },
  {
    ...section("requests", "/requests", "clipboard"),
    available: true,
    page: () => import("./services/RequestsSection"),
  },
  {
    ...section("activities", "/activities", "flag"),
    available: true,
    page: () => import("./activities/ActivitiesSection"),
  },
  { ...section("news", "/news", "news"), available: true, page: () => import("./news/NewsSection") },
  { ...section("search", "/search", "search"), available: true, page: () => import("./search/SearchSection") },
];
