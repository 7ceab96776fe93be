import { describe, expect, it } from 'vitest';
import { createLocalClock } from '../../../local/local-clock.ts';

describe('local clock', () => {
  it('starts at the given instant and runs at its speed', () => {
    let real = 1_000;
    const clock = createLocalClock({
      startAt: new Date('2022-03-06T12:00:00Z'),
      speed: 60,
      realNow: () => real,
    });
    real += 1_000;
    expect(clock.now().toISOString()).toBe('2022-03-06T12:01:00.000Z');
  });

  it('moves forward when set, and never backwards', () => {
    let real = 0;
    const clock = createLocalClock({
      startAt: new Date('2022-03-06T12:00:00Z'),
      speed: 0,
      realNow: () => real,
    });
    clock.set(new Date('2022-03-07T13:00:00Z'));
    expect(clock.now().toISOString()).toBe('2022-03-07T13:00:00.000Z');
    clock.set(new Date('2021-01-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2022-03-07T13:00:00.000Z');
    real += 5_000;
    expect(clock.now().toISOString()).toBe('2022-03-07T13:00:00.000Z');
  });

  it('refuses a negative speed', () => {
    expect(() => createLocalClock({ speed: -1 })).toThrow(RangeError);
  });
});
