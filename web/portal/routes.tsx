import { lazy, type ReactNode } from "react";
import { t } from "./i18n";
import HomePage from "./pages/HomePage";
import { MessagePage } from "./pages/MessagePage";
import { sections } from "./sections";

/** What a path shows: the page and the document title. */
export type PortalRoute = { element: ReactNode; title: string };

const sectionPages = new Map(sections.flatMap((s) => (s.available && s.page ? [[s.key, lazy(s.page)] as const] : [])));

/** The route table: / is the home page; each section owns its href and everything under it. */
export function matchRoute(pathname: string): PortalRoute {
  const path = pathname.replace(/\/+$/, "") || "/";
  if (path === "/" || path === "/index.html") return { element: <HomePage />, title: "" };
  const section = sections.find((s) => path === s.href || path.startsWith(`${s.href}/`));
  if (section) {
    const title = t(section.titleKey);
    const SectionPage = sectionPages.get(section.key);
    return {
      element: SectionPage ? (
        <SectionPage subPath={path.slice(section.href.length)} />
      ) : (
        <MessagePage title={t("portal.comingSoon.title", { name: title })} desc={t("portal.comingSoon.desc")} />
      ),
      title,
    };
  }
  return {
    element: <MessagePage title={t("portal.notFound.title")} desc={t("portal.notFound.desc")} />,
    title: t("portal.notFound.title"),
  };
}
