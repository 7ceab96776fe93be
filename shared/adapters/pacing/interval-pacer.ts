import type { SendPacer } from '../../ports/send-pacer.ts';

/**
 * A sliding-window limiter on the monotonic clock: a call may start only while fewer than
 * `capacity` calls started in the last `window` ms, with capacity / window = the rate (a second's
 * worth of calls per second; one call per 1 / rate s below one per second). So no window of that
 * length ever holds more calls than the rate allows, whatever the callers' concurrency, and a
 * caller that fell behind (a busy event loop, a slow answer) catches up within the window instead of
 * losing its slots, as evenly spaced slots would.
 */
export function createIntervalPacer(
  ratePerSecond: number,
  now: () => number = () => performance.now(),
  sleep: (milliseconds: number) => Promise<void> = (milliseconds) =>
    new Promise((resolve) => setTimeout(resolve, milliseconds)),
): SendPacer {
  if (!(ratePerSecond > 0)) throw new RangeError(`A send rate must be positive, got ${ratePerSecond}`);
  const capacity = Math.max(1, Math.floor(ratePerSecond));
  const window = (capacity / ratePerSecond) * 1000;
  const starts: number[] = [];
  let pausedUntil = 0;
  return {
    async take() {
      for (;;) {
        const current = now();
        while (starts.length > 0 && (starts[0] ?? 0) <= current - window) starts.shift();
        const waitForPause = pausedUntil - current;
        const waitForWindow = starts.length < capacity ? 0 : (starts[0] ?? current) + window - current;
        const wait = Math.max(waitForPause, waitForWindow);
        if (wait <= 0) {
          starts.push(current);
          return;
        }
        await sleep(Math.max(1, wait));
      }
    },
    slowDown(milliseconds) {
      pausedUntil = Math.max(pausedUntil, now() + milliseconds);
    },
  };
}
