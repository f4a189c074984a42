/** What other modules may use of 教育基地: the dictionaries seeded at start, the search backfill. */

export { type BasesDemoCast, seedBasesDemo } from "./demo-seed.js";
export { backfillBaseSearch, seedBaseDicts } from "./registry.service.js";
