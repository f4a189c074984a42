import os from "node:os";

/** The machine's 1-minute load average over one scenario: at start and end, and its lowest and highest. */
export type LoadAvg = { start: number; end: number; min: number; max: number };

/**
 * Samples `os.loadavg()[0]` every second while `fn` runs. The benchmark shares its machine; a scenario whose
 * load moved a lot while it ran (`unsteady`) is repeated, since its figures mix two different machines.
 */
export async function withLoadAvg<T>(fn: () => Promise<T>): Promise<{ value: T; load: LoadAvg }> {
  const first = os.loadavg()[0];
  const load: LoadAvg = { start: first, end: first, min: first, max: first };
  const sample = () => {
    const v = os.loadavg()[0];
    load.min = Math.min(load.min, v);
    load.max = Math.max(load.max, v);
    load.end = v;
  };
  const timer = setInterval(sample, 1000);
  try {
    const value = await fn();
    sample();
    return { value, load };
  } finally {
    clearInterval(timer);
  }
}

/** The load moved by more than a third of where it started (and by at least one core's worth). */
export function unsteady(load: LoadAvg): boolean {
  const spread = load.max - load.min;
  return spread >= 1 && spread > load.start / 3;
}
