import { describe, expect, it } from 'vitest';
import { createIntervalPacer } from '../../../shared/adapters/pacing/interval-pacer.ts';

/**
 * A virtual clock: sleepers wake in order of their wake time, and time jumps to the next wake only
 * once everything runnable has run (setImmediate comes after every pending microtask), so the
 * pacer is checked exactly, without real time.
 */
function virtualTime() {
  let time = 0;
  const sleepers: { at: number; wake: () => void }[] = [];
  let ticking = false;
  const tick = () => {
    ticking = false;
    sleepers.sort((a, b) => a.at - b.at);
    const next = sleepers[0];
    if (next === undefined) return;
    time = next.at;
    while (sleepers.length > 0 && (sleepers[0]?.at ?? Number.POSITIVE_INFINITY) <= time)
      sleepers.shift()?.wake();
    if (sleepers.length > 0 && !ticking) {
      ticking = true;
      setImmediate(tick);
    }
  };
  return {
    now: () => time,
    sleep: (milliseconds: number) =>
      new Promise<void>((wake) => {
        sleepers.push({ at: time + milliseconds, wake });
        if (!ticking) {
          ticking = true;
          setImmediate(tick);
        }
      }),
  };
}

describe('the send pacer', () => {
  it('never lets more calls start in any second than the rate, with many concurrent callers', async () => {
    const clock = virtualTime();
    const pacer = createIntervalPacer(200, clock.now, clock.sleep);
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        for (let call = 0; call < 50; call += 1) {
          await pacer.take();
          starts.push(clock.now());
        }
      }),
    );
    starts.sort((a, b) => a - b);
    for (let index = 200; index < starts.length; index += 1) {
      // The call 200 places later started at least a second after this one.
      expect((starts[index] ?? 0) - (starts[index - 200] ?? 0)).toBeGreaterThanOrEqual(1000);
    }
    expect(starts.length).toBe(1000);
    expect(starts.at(-1)).toBeLessThanOrEqual(5000);
  });

  it('spaces calls below one per second, and pauses everyone after a throttle', async () => {
    const clock = virtualTime();
    const pacer = createIntervalPacer(0.5, clock.now, clock.sleep);
    await pacer.take();
    await pacer.take();
    expect(clock.now()).toBeGreaterThanOrEqual(2000);
    pacer.slowDown(5000);
    const before = clock.now();
    await pacer.take();
    expect(clock.now() - before).toBeGreaterThanOrEqual(5000);
  });
});
