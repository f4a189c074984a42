import { backfillSearch, searchText } from "../../core/search.js";
import type { Queryable } from "../../db/client.js";
import { users } from "./identity.schema.js";

/** A user is found by 用户名 and 姓名 (core/search.ts): Latin words of the user name match as prefixes. */
export function userSearch(u: { username: string; displayName: string }) {
  return searchText(u.username, u.displayName);
}

/** Fills the search vector of users written before it existed (bootstrap). */
export function backfillUserSearch(db: Queryable) {
  return backfillSearch(db, {
    table: users,
    id: users.id,
    search: users.search,
    texts: [users.username, users.displayName],
  });
}
