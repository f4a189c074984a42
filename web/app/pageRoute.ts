import type { ComponentType, LazyExoticComponent, ReactNode } from "react";

/**
 * One console page: its path under /admin, menu placement, and the permission that shows it. A leaf file: the
 * modules' routes.tsx import this type, and app/routes.tsx imports the modules, never the other way round.
 */
export type PageRoute = {
  path: string;
  titleKey: string;
  icon?: ReactNode;
  /** Menu group key (a parent menu); pages without one sit at the top level. */
  group?: string;
  permission?: string;
  element: LazyExoticComponent<ComponentType>;
  /** Hidden from the menu (reached from the user menu or links). */
  hidden?: boolean;
  /** For hidden detail pages (path with :params): the menu entry to highlight and show in the breadcrumb. */
  parent?: string;
  /**
   * Left out of the menu for users who also hold this permission (the page stays reachable): 测评任务 is the
   * experts' page, while units hold evaluation:score only to fill their own self-assessment.
   */
  menuUnless?: string;
};

let registered: readonly PageRoute[] = [];

/** Called once by app/routes.tsx with the whole page table, so that modules can look pages up without importing it. */
export function registerPageRoutes(routes: readonly PageRoute[]) {
  registered = routes;
}

/** The page at `path` (as written in the table, e.g. "creation/applications/:id"), if the console has it. */
export function findPageRoute(path: string): PageRoute | undefined {
  return registered.find((r) => r.path === path);
}
