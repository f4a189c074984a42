import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { searchQuery } from "../../core/search.js";
import { orgs, regions } from "./org.schema.js";

/**
 * Organization and region names as SQL expressions, for other modules' queries that label their rows in the same
 * statement (`orgName: orgNameSql(materials.orgId)`, also in WHERE and ORDER BY). A leaf: it imports no other
 * module, so a module may use these at its top level whatever the order modules load in.
 *
 * Each is nested once (`sql\`${inner}\``): in a select from one table Drizzle writes the columns of a selected
 * expression bare ("id"), which inside the subquery would name the subquery's own table; nested, they keep their
 * table ("materials"."org_id").
 */
export function orgNameSql(orgId: SQLWrapper): SQL<string> {
  return sql<string>`${sql`(select ${orgs.name} from ${orgs} where ${orgs.id} = ${orgId})`}`;
}

/** The region's name, or null when the code is not loaded. */
export function regionNameSql(code: SQLWrapper): SQL<string | null> {
  return sql<string | null>`${sql`(select ${regions.name} from ${regions} where ${regions.code} = ${code})`}`;
}

/** "The organization `orgId` matches the search `q`" (its name and short name; see core/search.ts). */
export function orgMatchesSql(orgId: SQLWrapper, q: string): SQL<boolean> {
  return sql<boolean>`${sql`exists (select 1 from ${orgs} where ${orgs.id} = ${orgId} and ${searchQuery(orgs.search, q)})`}`;
}

/** "The organization `orgId` is an ethnic-affairs department" (民族工作部门). */
export function orgIsEthnicAffairsDeptSql(orgId: SQLWrapper): SQL<boolean> {
  return sql<boolean>`${sql`exists (select 1 from ${orgs} where ${orgs.id} = ${orgId} and ${orgs.isEthnicAffairsDept})`}`;
}
