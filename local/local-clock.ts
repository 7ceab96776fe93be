import type { Clock } from '../shared/ports/clock.ts';

/**
 * The local runtime's clock: starts at any instant and runs at any speed relative to real time.
 * Moving it is only ever forward, as time is for the deployed system.
 */
export interface LocalClock extends Clock {
  /** Sets the clock to `instant` (never backwards); it keeps running from there at its speed. */
  set(instant: Date): void;
  readonly speed: number;
}

export interface LocalClockOptions {
  startAt?: Date;
  /** How many clock milliseconds pass per real millisecond; 0 freezes the clock between moves. */
  speed?: number;
  /** Real time source, replaceable in unit tests. */
  realNow?: () => number;
}

export function createLocalClock(options: LocalClockOptions = {}): LocalClock {
  const realNow = options.realNow ?? Date.now;
  const speed = options.speed ?? 1;
  if (!Number.isFinite(speed) || speed < 0) {
    throw new RangeError(`Clock speed must be a finite number >= 0, got ${speed}`);
  }
  let anchorClock = (options.startAt ?? new Date(realNow())).getTime();
  let anchorReal = realNow();
  const now = (): number => anchorClock + (realNow() - anchorReal) * speed;
  return {
    speed,
    now: () => new Date(now()),
    set(instant: Date) {
      const target = instant.getTime();
      if (Number.isNaN(target)) throw new RangeError('Cannot set the clock to an invalid date');
      const current = now();
      anchorClock = Math.max(current, target);
      anchorReal = realNow();
    },
  };
}
