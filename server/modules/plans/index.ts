/** What other modules may use of 规划: the demo plan the whole demo seed builds on. */
export { seedPlansDemo } from "./demo-seed.js";
