import type { Deps } from "../../core/context.js";
import type { JobRunner } from "../../core/jobs.js";
import { sendBookingReminders } from "./reminder.service.js";

/** Job kinds of 教育基地. */
export const BASES_JOBS = {
  /** The day-before reminder of approved group visits (hourly; sends only in the daytime, once per booking). */
  remindBookings: "bases.booking.remind",
} as const;

/**
 * Registers the handlers and declares the schedules. Called from registerPlatformJobs (server/jobs.ts); the
 * returned promise settles once the schedules are stored (tests await it, the server need not).
 */
export function registerBasesJobs(runner: JobRunner, deps: Deps): Promise<void> {
  runner.register(BASES_JOBS.remindBookings, async () => {
    await sendBookingReminders(deps);
  });
  return runner.schedule(BASES_JOBS.remindBookings, BASES_JOBS.remindBookings, 3600).then(
    () => undefined,
    () => undefined,
  );
}
