/**
 * What other modules may use of 门户内容: the dictionaries seeded at start, the search backfills, the demo, and the
 * news to-dos (the message centre).
 */
export { seedContentDicts } from "./content.dicts.js";
export { seedPortalDemo } from "./demo-seed.js";
export { backfillNewsSearch, listNewsTodos } from "./news.service.js";
export { backfillPolicySearch } from "./policy.service.js";
