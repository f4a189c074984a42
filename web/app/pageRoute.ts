import type { ComponentType, LazyExoticComponent, ReactNode } from "react";
import type { DataScope } from "../../contracts/identity";

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
  /** In the menu only for users holding at least one of these (a page that gathers several modules' work). */
  anyPermission?: string[];
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
  /**
   * Left out of the menu unless the user's scope for `permission` is at least this wide (the page stays
   * reachable): 目标任务, 创建覆盖, 培育库 and 规划方案 are views over a region, empty for a unit (本单位).
   */
  menuScope?: DataScope;
};

const SCOPE_RANK: Record<DataScope, number> = { self: 0, org: 1, region: 2, region_tree: 3, all: 4 };

/** Whether a page belongs in the menu of a user with these permissions and scopes. */
export function inMenu(
  r: PageRoute,
  can: (permission: string) => boolean,
  scopeOf: (permission: string) => DataScope | null,
): boolean {
  if (r.hidden || (r.permission && !can(r.permission)) || (r.menuUnless && can(r.menuUnless))) return false;
  if (r.anyPermission && !r.anyPermission.some(can)) return false;
  if (!r.menuScope || !r.permission) return true;
  const scope = scopeOf(r.permission);
  return !!scope && SCOPE_RANK[scope] >= SCOPE_RANK[r.menuScope];
}

let registered: readonly PageRoute[] = [];

/** Called once by app/routes.tsx with the whole page table, so that modules can look pages up without importing it. */
export function registerPageRoutes(routes: readonly PageRoute[]) {
  registered = routes;
}

/** The page at `path` (as written in the table, e.g. "creation/applications/:id"), if the console has it. */
export function findPageRoute(path: string): PageRoute | undefined {
  return registered.find((r) => r.path === path);
}
