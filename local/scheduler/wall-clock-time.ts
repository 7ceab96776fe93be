/**
 * Turns a wall-clock reading in an IANA time zone into the UTC instant it names, with Intl only.
 * Pure: no clock, no state beyond a cache of formatters.
 */
export interface WallClockTime {
  readonly year: number;
  /** 1-12 */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/**
 * Every wall-clock reading resolves to one instant, deterministically, as Temporal's `compatible`
 * disambiguation does: a reading that happens twice (clocks set back) takes its first occurrence; a
 * reading that never happens (clocks set forward) is pushed forward by the length of the gap.
 */
export type ZonedInstant =
  | { readonly kind: 'unique'; readonly instant: Date }
  | { readonly kind: 'repeated'; readonly instant: Date; readonly laterInstant: Date }
  | { readonly kind: 'skipped'; readonly instant: Date };

const dayMs = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      // h23, not hour12: false, which some engines render as "24" at midnight.
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * IANA names only: Intl also accepts UTC offsets such as "+01:00", which a Scheduler time zone is not.
 */
export function isSupportedTimeZone(timeZone: string): boolean {
  if (!/^[A-Za-z]/.test(timeZone)) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Milliseconds since the epoch of the wall-clock reading taken as if it were UTC. */
function wallClockAsUtcMs(time: WallClockTime): number {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  date.setUTCFullYear(time.year, time.month - 1, time.day);
  date.setUTCHours(time.hour, time.minute, time.second, 0);
  return date.getTime();
}

export function isValidWallClockTime(time: WallClockTime): boolean {
  const asUtc = new Date(wallClockAsUtcMs(time));
  return (
    asUtc.getUTCFullYear() === time.year &&
    asUtc.getUTCMonth() === time.month - 1 &&
    asUtc.getUTCDate() === time.day &&
    asUtc.getUTCHours() === time.hour &&
    asUtc.getUTCMinutes() === time.minute &&
    asUtc.getUTCSeconds() === time.second
  );
}

export function wallClockTimeAt(instant: Date, timeZone: string): WallClockTime {
  const fields = new Map<string, string>();
  for (const part of formatterFor(timeZone).formatToParts(instant)) fields.set(part.type, part.value);
  const field = (name: string): number => Number(fields.get(name));
  const yearOfEra = field('year');
  return {
    year: fields.get('era') === 'BC' ? 1 - yearOfEra : yearOfEra,
    month: field('month'),
    day: field('day'),
    hour: field('hour'),
    minute: field('minute'),
    second: field('second'),
  };
}

/** How far the zone's wall clock is ahead of UTC at `instantMs` (a whole second). */
function offsetMsAt(instantMs: number, timeZone: string): number {
  return wallClockAsUtcMs(wallClockTimeAt(new Date(instantMs), timeZone)) - instantMs;
}

/**
 * Throws RangeError for a time zone Intl does not know or a reading that is not a calendar date.
 * Assumes at most one offset change within a day of the reading, true of every zone in the IANA database.
 */
export function zonedWallClockToInstant(time: WallClockTime, timeZone: string): ZonedInstant {
  if (!isSupportedTimeZone(timeZone)) throw new RangeError(`Unknown time zone: ${timeZone}`);
  if (!isValidWallClockTime(time)) {
    throw new RangeError(`Not a calendar date and time: ${JSON.stringify(time)}`);
  }
  const wallMs = wallClockAsUtcMs(time);
  const offsetBefore = offsetMsAt(wallMs - dayMs, timeZone);
  const offsetAfter = offsetMsAt(wallMs + dayMs, timeZone);
  const matching = [...new Set([wallMs - offsetBefore, wallMs - offsetAfter])]
    .filter((candidateMs) => candidateMs + offsetMsAt(candidateMs, timeZone) === wallMs)
    .sort((a, b) => a - b);
  const [first, second] = matching;
  if (first === undefined) {
    // Read with the offset in force before the gap, the reading lands after it, shifted by the gap.
    return { kind: 'skipped', instant: new Date(wallMs - offsetBefore) };
  }
  if (second === undefined) return { kind: 'unique', instant: new Date(first) };
  return { kind: 'repeated', instant: new Date(first), laterInstant: new Date(second) };
}
