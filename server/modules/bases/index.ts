/** What other modules may use of 教育基地: the dictionaries seeded at start, the search backfill. */
export { backfillBaseSearch, seedBaseDicts } from "./registry.service.js";
