/**
 * Pure time-zone arithmetic on top of Intl (no clock, no tz database of our own). Instants are
 * `Date`s; wall times are civil date-times in a named IANA zone, written `YYYY-MM-DDTHH:mm[:ss]`.
 */

const millisecondsPerMinute = 60_000;
const millisecondsPerDay = 86_400_000;

/** A civil date and time as read on a wall clock in some zone (no offset, no zone). */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** How an instant reads in a zone, ready for display next to the reader's own local time. */
export interface ZonedWallTime {
  timeZone: string;
  /** `YYYY-MM-DD` in the zone. */
  date: string;
  /** `HH:mm` (24-hour) in the zone. */
  time: string;
  /** Minutes east of UTC, e.g. 120 for CEST. */
  offsetMinutes: number;
  /** `+02:00` style. */
  offset: string;
  /** `CEST`, `CET`, `UTC`, or `UTC+05:30` when the zone has no well-known abbreviation. */
  label: string;
  /** `2021-08-19 14:00 CEST`. */
  text: string;
}

/**
 * What to do with a wall time that a zone skips (spring gap) or repeats (autumn overlap).
 * The semantics follow Temporal's `disambiguation`: `compatible` is `earlier` in an overlap and
 * `later` in a gap, which is what people mean by "02:30 on the night the clocks go forward".
 */
export type Disambiguation = 'compatible' | 'earlier' | 'later' | 'reject';

/**
 * Abbreviations people actually read for the offset a zone is at. Intl's own short names depend on
 * the locale and ICU build (en-US says `GMT+2` where en-GB says `CEST`), so the label is taken
 * from this table, which makes it deterministic; zones missing here get a numeric `UTC+hh:mm`.
 */
const abbreviationsByZone: ReadonlyArray<{
  zones: ReadonlySet<string>;
  byOffsetMinutes: ReadonlyMap<number, string>;
}> = [
  {
    zones: new Set([
      'Europe/Zurich',
      'Europe/Vaduz',
      'Europe/Paris',
      'Europe/Berlin',
      'Europe/Brussels',
      'Europe/Amsterdam',
      'Europe/Luxembourg',
      'Europe/Monaco',
      'Europe/Vienna',
      'Europe/Rome',
      'Europe/Madrid',
      'Europe/Warsaw',
      'Europe/Prague',
      'Europe/Budapest',
      'Europe/Stockholm',
      'Europe/Oslo',
      'Europe/Copenhagen',
    ]),
    byOffsetMinutes: new Map([
      [60, 'CET'],
      [120, 'CEST'],
    ]),
  },
  {
    zones: new Set(['Europe/London']),
    byOffsetMinutes: new Map([
      [0, 'GMT'],
      [60, 'BST'],
    ]),
  },
  {
    zones: new Set(['UTC', 'Etc/UTC']),
    byOffsetMinutes: new Map([[0, 'UTC']]),
  },
];

// Building a DateTimeFormat is far costlier than using one; calendars ask thousands of times.
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = wallClockFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallClockFormats.set(timeZone, format);
  }
  return format;
}

/**
 * True for an IANA zone name that Intl knows, spelt exactly (the name is reused verbatim as the ICS
 * TZID and in schedules). Offsets such as `+01:00` are refused: they are not zones and have no DST
 * rules. Aliases are accepted (`Asia/Kolkata`, which ICU resolves to its older `Asia/Calcutta`),
 * but not a known name in the wrong case (`europe/zurich`).
 */
export function isIanaTimeZone(timeZone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(timeZone)) {
    return false;
  }
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
    return resolved === timeZone || resolved.toLowerCase() !== timeZone.toLowerCase();
  } catch {
    return false;
  }
}

/** The wall time an instant shows in a zone (seconds precision; milliseconds are dropped). */
export function wallTimeAt(timeZone: string, instant: Date): WallTime {
  const parts = wallClockFormat(timeZone).formatToParts(instant);
  const read = (type: Intl.DateTimeFormatPartTypes): number => {
    const part = parts.find((candidate) => candidate.type === type);
    if (part === undefined) {
      throw new Error(`Intl gave no ${type} for ${instant.toISOString()} in ${timeZone}`);
    }
    return Number(part.value);
  };
  return {
    year: read('year'),
    month: read('month'),
    day: read('day'),
    hour: read('hour'),
    minute: read('minute'),
    second: read('second'),
  };
}

function wallTimeAsUtcMilliseconds(wallTime: WallTime): number {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  date.setUTCFullYear(wallTime.year, wallTime.month - 1, wallTime.day);
  date.setUTCHours(wallTime.hour, wallTime.minute, wallTime.second, 0);
  return date.getTime();
}

/** Minutes east of UTC that the zone is at, at that instant (120 for Geneva in summer). */
export function offsetMinutesAt(timeZone: string, instant: Date): number {
  const wholeSecond = Math.floor(instant.getTime() / 1000) * 1000;
  const wall = wallTimeAsUtcMilliseconds(wallTimeAt(timeZone, new Date(wholeSecond)));
  return (wall - wholeSecond) / millisecondsPerMinute;
}

/** `+02:00`, `-03:30`, `+00:00`. */
export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const magnitude = Math.abs(Math.round(offsetMinutes));
  const hours = String(Math.floor(magnitude / 60)).padStart(2, '0');
  const minutes = String(magnitude % 60).padStart(2, '0');
  return `${sign}${hours}:${minutes}`;
}

/** The abbreviation for a zone at an offset, or `undefined` when none is well known. */
export function knownAbbreviation(timeZone: string, offsetMinutes: number): string | undefined {
  for (const family of abbreviationsByZone) {
    if (family.zones.has(timeZone)) {
      return family.byOffsetMinutes.get(offsetMinutes);
    }
  }
  return undefined;
}

/** `CEST` / `CET` for Geneva; `UTC+05:30` for zones without a well-known abbreviation. */
export function offsetLabel(timeZone: string, offsetMinutes: number): string {
  return knownAbbreviation(timeZone, offsetMinutes) ?? `UTC${formatOffset(offsetMinutes)}`;
}

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}

/** `YYYY-MM-DDTHH:mm:ss` for a wall time (the ICS local form without separators is derived from it). */
export function formatWallTime(wallTime: WallTime): string {
  const year = String(wallTime.year).padStart(4, '0');
  return `${year}-${twoDigits(wallTime.month)}-${twoDigits(wallTime.day)}T${twoDigits(wallTime.hour)}:${twoDigits(wallTime.minute)}:${twoDigits(wallTime.second)}`;
}

/** An instant as read in a zone, with its offset and label: "14:00 CEST". */
export function zonedWallTime(timeZone: string, instant: Date): ZonedWallTime {
  const wall = wallTimeAt(timeZone, instant);
  const offsetMinutes = offsetMinutesAt(timeZone, instant);
  const date = `${String(wall.year).padStart(4, '0')}-${twoDigits(wall.month)}-${twoDigits(wall.day)}`;
  const time = `${twoDigits(wall.hour)}:${twoDigits(wall.minute)}`;
  const label = offsetLabel(timeZone, offsetMinutes);
  return {
    timeZone,
    date,
    time,
    offsetMinutes,
    offset: formatOffset(offsetMinutes),
    label,
    text: `${date} ${time} ${label}`,
  };
}

const wallTimePattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Reads `YYYY-MM-DDTHH:mm[:ss]`; throws a RangeError on anything else or on an impossible date. */
export function parseWallTime(text: string): WallTime {
  const match = wallTimePattern.exec(text);
  if (match === null) {
    throw new RangeError(`Not a wall time (YYYY-MM-DDTHH:mm[:ss]): ${text}`);
  }
  const [, year, month, day, hour, minute, second] = match;
  const wallTime: WallTime = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second ?? '0'),
  };
  // A round trip through Date catches 31 April, 24:00 and the like.
  const normalized = new Date(wallTimeAsUtcMilliseconds(wallTime));
  if (
    normalized.getUTCMonth() + 1 !== wallTime.month ||
    normalized.getUTCDate() !== wallTime.day ||
    normalized.getUTCHours() !== wallTime.hour ||
    normalized.getUTCMinutes() !== wallTime.minute ||
    normalized.getUTCSeconds() !== wallTime.second
  ) {
    throw new RangeError(`Not a valid calendar date and time: ${text}`);
  }
  return wallTime;
}

/**
 * The instant at which a zone's wall clock shows the given wall time. Deterministic where the zone
 * skips or repeats wall times (see {@link Disambiguation}); `reject` throws a RangeError there.
 * Assumes, like every real zone, at most one offset change within a day either side.
 */
export function wallTimeToInstant(
  timeZone: string,
  wallTime: WallTime | string,
  disambiguation: Disambiguation = 'compatible',
): Date {
  const wall = typeof wallTime === 'string' ? parseWallTime(wallTime) : wallTime;
  const wallAsUtc = wallTimeAsUtcMilliseconds(wall);
  // The offsets in force a day before and a day after bracket any change near this wall time.
  const offsetBefore = offsetMinutesAt(timeZone, new Date(wallAsUtc - millisecondsPerDay));
  const offsetAfter = offsetMinutesAt(timeZone, new Date(wallAsUtc + millisecondsPerDay));
  const candidates = [...new Set([offsetBefore, offsetAfter])]
    .map((offset) => wallAsUtc - offset * millisecondsPerMinute)
    .filter((candidate) => {
      const readBack = wallTimeAsUtcMilliseconds(wallTimeAt(timeZone, new Date(candidate)));
      return readBack === wallAsUtc;
    })
    .sort((left, right) => left - right);

  const earliest = candidates[0];
  const latest = candidates[candidates.length - 1];
  if (earliest !== undefined && latest !== undefined) {
    if (earliest === latest) {
      return new Date(earliest);
    }
    switch (disambiguation) {
      case 'compatible':
      case 'earlier':
        return new Date(earliest);
      case 'later':
        return new Date(latest);
      case 'reject':
        throw new RangeError(`${formatWallTime(wall)} occurs twice in ${timeZone}`);
    }
  }

  // In a gap: reading the wall time with the offset from before the change lands after the gap
  // (02:30 CET → 03:30 CEST), reading it with the offset from after lands before it.
  switch (disambiguation) {
    case 'compatible':
    case 'later':
      return new Date(wallAsUtc - offsetBefore * millisecondsPerMinute);
    case 'earlier':
      return new Date(wallAsUtc - offsetAfter * millisecondsPerMinute);
    case 'reject':
      throw new RangeError(`${formatWallTime(wall)} does not occur in ${timeZone}`);
  }
}

/** A change of a zone's UTC offset: from `at` on, the zone is at `offsetMinutesTo`. */
export interface OffsetTransition {
  at: Date;
  offsetMinutesFrom: number;
  offsetMinutesTo: number;
}

/**
 * Every offset change of the zone strictly after `from` and before `to`, found by sampling daily and bisecting to the exact
 * second. Sampling daily assumes no zone changes its offset twice within a day, which holds for
 * every zone in the tz database.
 */
export function offsetTransitionsBetween(timeZone: string, from: Date, to: Date): OffsetTransition[] {
  const found: OffsetTransition[] = [];
  let sampledAt = from.getTime();
  let sampledOffset = offsetMinutesAt(timeZone, from);
  while (sampledAt < to.getTime()) {
    const nextAt = Math.min(sampledAt + millisecondsPerDay, to.getTime());
    const nextOffset = offsetMinutesAt(timeZone, new Date(nextAt));
    if (nextOffset !== sampledOffset) {
      // Invariant: the old offset holds at `before`, the new one at `after`.
      let before = sampledAt;
      let after = nextAt;
      while (after - before > 1) {
        const middle = Math.floor((before + after) / 2);
        if (offsetMinutesAt(timeZone, new Date(middle)) === sampledOffset) {
          before = middle;
        } else {
          after = middle;
        }
      }
      found.push({ at: new Date(after), offsetMinutesFrom: sampledOffset, offsetMinutesTo: nextOffset });
    }
    sampledAt = nextAt;
    sampledOffset = nextOffset;
  }
  return found.filter((transition) => transition.at.getTime() < to.getTime());
}
