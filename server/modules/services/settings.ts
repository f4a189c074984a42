import { eq } from "drizzle-orm";
import {
  DEFAULT_ACCEPT_DAYS,
  DEFAULT_FILE_RETENTION_DAYS,
  DEFAULT_REOPEN_DAYS,
  DEFAULT_TIME_LIMITS,
  SERVICE_CATEGORIES,
  SERVICE_CATEGORY_DICT,
  SERVICE_DECLINE_DICT,
  SERVICE_DECLINE_REASONS,
} from "../../../contracts/services.js";
import { settings } from "../../core/core.schema.js";
import { seedDict } from "../../core/dict.js";
import type { Queryable } from "../../db/client.js";

/**
 * The service desk's settings (系统参数, key → JSON in `settings`), each with its default: time limits in working
 * days per category (`services.time_limits`, legal aid shortest), days to accept a referral
 * (`services.accept_days`), days after closing the person may reopen (`services.reopen_days`), and days a closed
 * service file keeps its personal fields (`services.file_retention_days`).
 */
async function setting<T>(db: Queryable, key: string, fallback: T): Promise<T> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return row ? (row.value as T) : fallback;
}

export async function timeLimits(db: Queryable): Promise<Record<string, number>> {
  return { ...DEFAULT_TIME_LIMITS, ...(await setting<Record<string, number>>(db, "services.time_limits", {})) };
}
export const acceptDays = (db: Queryable) => setting(db, "services.accept_days", DEFAULT_ACCEPT_DAYS);
export const reopenDays = (db: Queryable) => setting(db, "services.reopen_days", DEFAULT_REOPEN_DAYS);
export const fileRetentionDays = (db: Queryable) =>
  setting(db, "services.file_retention_days", DEFAULT_FILE_RETENTION_DAYS);

/** The module's dictionaries (from prepareDatabase). */
export async function seedServicesDicts(db: Queryable) {
  await seedDict(db, SERVICE_CATEGORY_DICT, SERVICE_CATEGORIES);
  await seedDict(db, SERVICE_DECLINE_DICT, SERVICE_DECLINE_REASONS);
}
