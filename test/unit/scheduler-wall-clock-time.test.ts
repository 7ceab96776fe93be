import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isSupportedTimeZone,
  type WallClockTime,
  wallClockTimeAt,
  zonedWallClockToInstant,
} from '../../local/scheduler/wall-clock-time.ts';

const reading = (text: string): WallClockTime => {
  const [date = '', time = ''] = text.split('T');
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute, second] = time.split(':').map(Number);
  return {
    year: year ?? 0,
    month: month ?? 0,
    day: day ?? 0,
    hour: hour ?? 0,
    minute: minute ?? 0,
    second: second ?? 0,
  };
};

describe('zonedWallClockToInstant', () => {
  it('reads an ordinary Europe/Zurich time with the offset in force, winter and summer', () => {
    // Act
    const winter = zonedWallClockToInstant(reading('2022-03-07T14:00:00'), 'Europe/Zurich');
    const summer = zonedWallClockToInstant(reading('2022-06-01T14:00:00'), 'Europe/Zurich');

    // Assess
    expect(winter).toEqual({ kind: 'unique', instant: new Date('2022-03-07T13:00:00Z') });
    expect(summer).toEqual({ kind: 'unique', instant: new Date('2022-06-01T12:00:00Z') });
  });

  it('takes the first occurrence of a time repeated when Zurich set clocks back on 31 Oct 2021', () => {
    // Act
    const repeated = zonedWallClockToInstant(reading('2021-10-31T02:30:00'), 'Europe/Zurich');

    // Assess
    expect(repeated).toEqual({
      kind: 'repeated',
      instant: new Date('2021-10-31T00:30:00Z'),
      laterInstant: new Date('2021-10-31T01:30:00Z'),
    });
  });

  it('reads the edges of the 31 Oct 2021 overlap as single instants', () => {
    // Act
    const lastSummerSecond = zonedWallClockToInstant(reading('2021-10-31T01:59:59'), 'Europe/Zurich');
    const firstAfterOverlap = zonedWallClockToInstant(reading('2021-10-31T03:00:00'), 'Europe/Zurich');

    // Assess
    expect(lastSummerSecond).toEqual({ kind: 'unique', instant: new Date('2021-10-30T23:59:59Z') });
    expect(firstAfterOverlap).toEqual({ kind: 'unique', instant: new Date('2021-10-31T02:00:00Z') });
  });

  it('pushes a time that never happened in Zurich on 27 Mar 2022 forward by the hour skipped', () => {
    // Act
    const skipped = zonedWallClockToInstant(reading('2022-03-27T02:30:00'), 'Europe/Zurich');
    const gapStart = zonedWallClockToInstant(reading('2022-03-27T02:00:00'), 'Europe/Zurich');

    // Assess: 02:30 does not exist; 03:30 CEST is 01:30Z.
    expect(skipped).toEqual({ kind: 'skipped', instant: new Date('2022-03-27T01:30:00Z') });
    expect(gapStart).toEqual({ kind: 'skipped', instant: new Date('2022-03-27T01:00:00Z') });
  });

  it('reads the edges of the 27 Mar 2022 gap as single instants', () => {
    // Act
    const lastWinterSecond = zonedWallClockToInstant(reading('2022-03-27T01:59:59'), 'Europe/Zurich');
    const firstSummerSecond = zonedWallClockToInstant(reading('2022-03-27T03:00:00'), 'Europe/Zurich');

    // Assess
    expect(lastWinterSecond).toEqual({ kind: 'unique', instant: new Date('2022-03-27T00:59:59Z') });
    expect(firstSummerSecond).toEqual({ kind: 'unique', instant: new Date('2022-03-27T01:00:00Z') });
  });

  it('handles a half-hour daylight saving shift (Australia/Lord_Howe)', () => {
    // Act: on 3 Oct 2021 Lord Howe went from +10:30 to +11 at 02:00 local.
    const skipped = zonedWallClockToInstant(reading('2021-10-03T02:15:00'), 'Australia/Lord_Howe');

    // Assess: 02:15 does not exist; it becomes 02:45 (+11), which is 15:45Z the day before.
    expect(skipped).toEqual({ kind: 'skipped', instant: new Date('2021-10-02T15:45:00Z') });
  });

  it('reads UTC as itself', () => {
    expect(zonedWallClockToInstant(reading('2022-03-27T02:30:00'), 'UTC')).toEqual({
      kind: 'unique',
      instant: new Date('2022-03-27T02:30:00Z'),
    });
  });

  it('refuses unknown zones, UTC offsets and dates not on the calendar', () => {
    expect(() => zonedWallClockToInstant(reading('2022-03-07T14:00:00'), 'Europe/Atlantis')).toThrow(
      RangeError,
    );
    expect(() => zonedWallClockToInstant(reading('2022-03-07T14:00:00'), '+01:00')).toThrow(RangeError);
    expect(() => zonedWallClockToInstant(reading('2022-02-29T14:00:00'), 'UTC')).toThrow(RangeError);
    expect(isSupportedTimeZone('Europe/Zurich')).toBe(true);
    expect(isSupportedTimeZone('+01:00')).toBe(false);
  });

  it('gives back any whole-second instant from the reading it shows, in every zone tried', () => {
    const zones = ['Europe/Zurich', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2021, 0, 1) / 1000, max: Date.UTC(2023, 0, 1) / 1000 }),
        fc.constantFrom(...zones),
        (epochSecond, zone) => {
          const instant = new Date(epochSecond * 1000);
          const resolved = zonedWallClockToInstant(wallClockTimeAt(instant, zone), zone);
          const occurrences =
            resolved.kind === 'repeated' ? [resolved.instant, resolved.laterInstant] : [resolved.instant];
          expect(resolved.kind).not.toBe('skipped');
          expect(occurrences.map((date) => date.getTime())).toContain(instant.getTime());
        },
      ),
      { numRuns: 500 },
    );
  });
});
