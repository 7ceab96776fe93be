import type { SendPacer } from '../../ports/send-pacer.ts';

/**
 * Evenly spaced slots, `1000 / ratePerSecond` ms apart, on the monotonic clock; no bursts, so a
 * second never holds more than `ratePerSecond` calls whatever the concurrency of the callers.
 */
export function createIntervalPacer(
  ratePerSecond: number,
  now: () => number = () => performance.now(),
): SendPacer {
  if (!(ratePerSecond > 0)) throw new RangeError(`A send rate must be positive, got ${ratePerSecond}`);
  const interval = 1000 / ratePerSecond;
  let nextSlot = now();
  return {
    async take() {
      const current = now();
      const slot = Math.max(current, nextSlot);
      nextSlot = slot + interval;
      const wait = slot - current;
      if (wait >= 1) await new Promise((resolve) => setTimeout(resolve, wait));
    },
    slowDown(milliseconds) {
      nextSlot = Math.max(nextSlot, now()) + milliseconds;
    },
  };
}
