import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { users } from "./identity.schema.js";

/**
 * A user's display name as an SQL expression, for other modules' queries that label their rows in the same
 * statement (`ownerName: userNameSql(materials.ownerId)`). A leaf: it imports no other module, so a module may use
 * it at its top level whatever the order modules load in. Nested once for the reason given in org/org.refs.ts.
 */
export function userNameSql(userId: SQLWrapper): SQL<string> {
  return sql<string>`${sql`(select ${users.displayName} from ${users} where ${users.id} = ${userId})`}`;
}
