/** What other modules may use of 表彰. */

export { awardCountsByRegion, listDeeds } from "./award.service.js";
export { seedHonorsDicts } from "./campaign.service.js";
export { seedHonorsDemo } from "./demo-seed.js";
export { honorsRoutes } from "./honors.routes.js";
export { backfillHonorsSearch } from "./honors.search.js";
export { type HonorTodo, listHonorTodos } from "./todo.service.js";
