/** What other modules may use of 门户内容: the dictionaries seeded at start, the search backfills, the demo. */
export { seedContentDicts } from "./content.dicts.js";
export { seedPortalDemo } from "./demo-seed.js";
export { backfillNewsSearch } from "./news.service.js";
export { backfillPolicySearch } from "./policy.service.js";
