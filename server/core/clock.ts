/** The time source every rule reads, so tests can move time (lockout, idle timeout, expiry). */
export type Clock = { now: () => Date };

export const systemClock: Clock = { now: () => new Date() };

/** The real clock moved `days` ahead (SHILIU_CLOCK_OFFSET_DAYS, browser tests only). */
export function offsetClock(days: number): Clock {
  const offset = days * 86_400_000;
  return { now: () => new Date(Date.now() + offset) };
}

export class FakeClock implements Clock {
  private current: number;
  constructor(start: Date | string = "2026-01-05T02:00:00Z") {
    this.current = new Date(start).getTime();
  }
  now = () => new Date(this.current);
  advance(ms: number) {
    this.current += ms;
  }
  advanceMinutes(minutes: number) {
    this.advance(minutes * 60_000);
  }
  set(date: Date | string) {
    this.current = new Date(date).getTime();
  }
}
