import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wsisForum2022 } from '../../../shared/domain/definitions/wsis-forum-2022.ts';
import {
  formatWallTime,
  isIanaTimeZone,
  offsetMinutesAt,
  offsetTransitionsBetween,
  parseWallTime,
  wallTimeAt,
  wallTimeToInstant,
  zonedWallTime,
} from '../../../shared/domain/time-zone.ts';
import { sampleTimeZones } from './definition-arbitraries.ts';

const geneva = 'Europe/Zurich';
const at = (iso: string) => new Date(iso);

describe('official wall time of the WSIS phases', () => {
  const startOf = (number: number) => {
    const phase = wsisForum2022.phases.find((candidate) => candidate.number === number);
    if (phase === undefined) throw new Error(`No phase ${number}`);
    return new Date(phase.startsAt);
  };

  it('shows Phase I at 14:00 CEST, Phase II at 13:50 CET and Phase V at 14:00 CEST', () => {
    expect(zonedWallTime(geneva, startOf(1))).toMatchObject({
      date: '2021-08-19',
      time: '14:00',
      label: 'CEST',
    });
    expect(zonedWallTime(geneva, startOf(2))).toMatchObject({
      date: '2021-12-08',
      time: '13:50',
      label: 'CET',
    });
    expect(zonedWallTime(geneva, startOf(3)).text).toBe('2022-01-31 14:00 CET');
    expect(zonedWallTime(geneva, startOf(4)).text).toBe('2022-03-07 14:00 CET');
    expect(zonedWallTime(geneva, startOf(5))).toEqual({
      timeZone: geneva,
      date: '2022-05-02',
      time: '14:00',
      offsetMinutes: 120,
      offset: '+02:00',
      label: 'CEST',
      text: '2022-05-02 14:00 CEST',
    });
  });

  it('labels zones without a known abbreviation by their UTC offset', () => {
    expect(zonedWallTime('Asia/Kolkata', startOf(1)).text).toBe('2021-08-19 17:30 UTC+05:30');
    expect(zonedWallTime('America/New_York', startOf(2)).label).toBe('UTC-05:00');
    expect(zonedWallTime('UTC', startOf(2)).text).toBe('2021-12-08 12:50 UTC');
  });
});

describe('offsets around the two clock changes of the consultation', () => {
  it('leaves CEST for CET at 01:00Z on 31 October 2021 (03:00 CEST becomes 02:00 CET)', () => {
    expect(offsetMinutesAt(geneva, at('2021-10-31T00:59:59.999Z'))).toBe(120);
    expect(offsetMinutesAt(geneva, at('2021-10-31T01:00:00Z'))).toBe(60);
    expect(zonedWallTime(geneva, at('2021-10-31T00:59:00Z')).text).toBe('2021-10-31 02:59 CEST');
    expect(zonedWallTime(geneva, at('2021-10-31T01:00:00Z')).text).toBe('2021-10-31 02:00 CET');
  });

  it('leaves CET for CEST at 01:00Z on 27 March 2022 (02:00 CET becomes 03:00 CEST)', () => {
    expect(offsetMinutesAt(geneva, at('2022-03-27T00:59:59Z'))).toBe(60);
    expect(offsetMinutesAt(geneva, at('2022-03-27T01:00:00Z'))).toBe(120);
    expect(zonedWallTime(geneva, at('2022-03-27T00:59:00Z')).text).toBe('2022-03-27 01:59 CET');
    expect(zonedWallTime(geneva, at('2022-03-27T01:00:00Z')).text).toBe('2022-03-27 03:00 CEST');
  });

  it('finds exactly those changes between the first and the last phase', () => {
    const changes = offsetTransitionsBetween(geneva, at('2021-08-19T12:00:00Z'), at('2022-05-02T13:00:00Z'));

    expect(
      changes.map((change) => [change.at.toISOString(), change.offsetMinutesFrom, change.offsetMinutesTo]),
    ).toEqual([
      ['2021-10-31T01:00:00.000Z', 120, 60],
      ['2022-03-27T01:00:00.000Z', 60, 120],
    ]);
  });
});

describe('wall time to instant', () => {
  it('converts the published Geneva times of the letter to the stored instants', () => {
    expect(wallTimeToInstant(geneva, '2021-08-19T14:00').toISOString()).toBe('2021-08-19T12:00:00.000Z');
    expect(wallTimeToInstant(geneva, '2021-12-08T13:50').toISOString()).toBe('2021-12-08T12:50:00.000Z');
    expect(wallTimeToInstant(geneva, '2022-03-07T14:00').toISOString()).toBe('2022-03-07T13:00:00.000Z');
    expect(wallTimeToInstant(geneva, '2022-05-02T14:00').toISOString()).toBe('2022-05-02T12:00:00.000Z');
  });

  it('resolves the repeated hour of 31 October 2021 deterministically', () => {
    const repeated = '2021-10-31T02:30';

    expect(wallTimeToInstant(geneva, repeated).toISOString()).toBe('2021-10-31T00:30:00.000Z');
    expect(wallTimeToInstant(geneva, repeated, 'earlier').toISOString()).toBe('2021-10-31T00:30:00.000Z');
    expect(wallTimeToInstant(geneva, repeated, 'later').toISOString()).toBe('2021-10-31T01:30:00.000Z');
    expect(() => wallTimeToInstant(geneva, repeated, 'reject')).toThrow(/occurs twice/);
  });

  it('resolves the skipped hour of 27 March 2022 deterministically', () => {
    const skipped = '2022-03-27T02:30';

    // 02:30 CET does not exist: "compatible" moves it forward to 03:30 CEST, like Temporal.
    expect(wallTimeToInstant(geneva, skipped).toISOString()).toBe('2022-03-27T01:30:00.000Z');
    expect(wallTimeToInstant(geneva, skipped, 'later').toISOString()).toBe('2022-03-27T01:30:00.000Z');
    expect(wallTimeToInstant(geneva, skipped, 'earlier').toISOString()).toBe('2022-03-27T00:30:00.000Z');
    expect(() => wallTimeToInstant(geneva, skipped, 'reject')).toThrow(/does not occur/);
  });

  it('refuses malformed or impossible wall times', () => {
    expect(() => parseWallTime('2022-02-30T10:00')).toThrow(RangeError);
    expect(() => parseWallTime('2022-03-07 14:00')).toThrow(RangeError);
    expect(() => parseWallTime('2022-03-07T24:00')).toThrow(RangeError);
    expect(formatWallTime(parseWallTime('2022-03-07T14:00'))).toBe('2022-03-07T14:00:00');
  });

  it('round-trips every minute in the two hours around each Geneva clock change', () => {
    for (const centre of ['2021-10-31T01:00:00Z', '2022-03-27T01:00:00Z']) {
      for (let minute = -120; minute <= 120; minute += 1) {
        const instant = new Date(Date.parse(centre) + minute * 60_000);
        const wall = wallTimeAt(geneva, instant);
        const candidates = [
          wallTimeToInstant(geneva, wall, 'earlier'),
          wallTimeToInstant(geneva, wall, 'later'),
        ];

        expect(candidates.map((candidate) => candidate.getTime())).toContain(instant.getTime());
      }
    }
  });

  it('round-trips any instant in any sample zone (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...sampleTimeZones),
        fc.integer({ min: Date.UTC(1990, 0, 1) / 1000, max: Date.UTC(2040, 0, 1) / 1000 }),
        (timeZone, seconds) => {
          const instant = new Date(seconds * 1000);
          const wall = wallTimeAt(timeZone, instant);
          const earlier = wallTimeToInstant(timeZone, wall, 'earlier');
          const later = wallTimeToInstant(timeZone, wall, 'later');

          // The instant is one of the (at most two) readings of its wall time, and both read back.
          expect([earlier.getTime(), later.getTime()]).toContain(instant.getTime());
          expect(wallTimeAt(timeZone, earlier)).toEqual(wall);
          expect(wallTimeAt(timeZone, later)).toEqual(wall);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('round-trips instants within three hours of any offset change of the sample zones (property)', () => {
    const changes = sampleTimeZones.flatMap((timeZone) =>
      offsetTransitionsBetween(timeZone, at('2018-01-01T00:00:00Z'), at('2026-01-01T00:00:00Z')).map(
        (change) => ({ timeZone, at: change.at.getTime() }),
      ),
    );
    fc.assert(
      fc.property(fc.constantFrom(...changes), fc.integer({ min: -180, max: 180 }), (change, minutes) => {
        const instant = new Date(change.at + minutes * 60_000);
        const wall = wallTimeAt(change.timeZone, instant);
        const readings = [
          wallTimeToInstant(change.timeZone, wall, 'earlier').getTime(),
          wallTimeToInstant(change.timeZone, wall, 'later').getTime(),
        ];

        expect(readings).toContain(instant.getTime());
      }),
      { numRuns: 300 },
    );
  });
});

describe('time zone names', () => {
  it('accepts IANA names and their aliases, exactly spelt', () => {
    expect(isIanaTimeZone('Europe/Zurich')).toBe(true);
    expect(isIanaTimeZone('UTC')).toBe(true);
    expect(isIanaTimeZone('Asia/Kolkata')).toBe(true);
    expect(isIanaTimeZone('Etc/UTC')).toBe(true);
    expect(isIanaTimeZone('Europe/Geneva')).toBe(false);
    expect(isIanaTimeZone('+01:00')).toBe(false);
    expect(isIanaTimeZone('europe/zurich')).toBe(false);
  });
});
