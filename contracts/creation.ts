/*
 * 示范创建 (PRODUCT.md §2.6): cultivation pool, batches, applications with 逐级推荐, 测评, 审定, 公示 with
 * objections, naming decisions, designations with yearly self-checks, 复验 and revocation, targets and the
 * "8+N进" coverage matrix. Every enum here has its Chinese label map next to it.
 *
 * One file per resource under contracts/creation/; this index re-exports them so imports keep one path.
 */

export * from "./creation/applications.js";
export * from "./creation/batches.js";
export * from "./creation/categories.js";
export * from "./creation/designations.js";
export * from "./creation/notices.js";
export * from "./creation/public.js";
export * from "./creation/statuses.js";
export * from "./creation/targets.js";
export { NAMING_LEVEL_LABELS, NAMING_LEVELS, type NamingLevel, namingLevel } from "./evaluation.js";
