/** What other modules may use of 教育基地: the dictionaries seeded at start, the search backfill. */

export { BASES_JOBS, registerBasesJobs } from "./bases.jobs.js";
export { type BasesDemoCast, seedBasesDemo } from "./demo-seed.js";
export { BASE_CATEGORY_PREFIX, enterBaseFromNaming, type NamedUnit } from "./naming.service.js";
export { publicDirectory } from "./public.service.js";
export { backfillBaseSearch, baseCountsByRegion, seedBaseDicts } from "./registry.service.js";
export { type BaseTodo, listBaseTodos } from "./todo.service.js";
