// The one Drizzle schema: every module's tables, re-exported for drizzle-kit and the client.
export * from "../core/core.schema.js";
export * from "../modules/activities/activities.schema.js";
export * from "../modules/audit/audit.schema.js";
export * from "../modules/bases/bases.schema.js";
export * from "../modules/creation/creation.schema.js";
export * from "../modules/disputes/disputes.schema.js";
export * from "../modules/evaluation/evaluation.schema.js";
export * from "../modules/honors/honors.schema.js";
export * from "../modules/identity/identity.schema.js";
export * from "../modules/insights/assessment.schema.js";
export * from "../modules/materials/materials.schema.js";
export * from "../modules/notify/notify.schema.js";
export * from "../modules/org/org.schema.js";
export * from "../modules/plans/plans.schema.js";
export * from "../modules/publicity/publicity.schema.js";
export * from "../modules/services/services.schema.js";
export * from "../modules/system/system.schema.js";
