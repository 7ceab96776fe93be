import { formatUtcOffset } from './icalendar-content-line.ts';
import {
  knownAbbreviation,
  type OffsetTransition,
  offsetMinutesAt,
  offsetTransitionsBetween,
} from './time-zone.ts';

/**
 * The VTIMEZONE block for a zone, derived from Intl rather than from a bundled tz database.
 *
 * - A zone that follows the EU rule throughout the covered years (one hour forward at 01:00 UTC
 *   on the last Sunday of March, back on the last Sunday of October: Europe/Zurich and most of
 *   Europe) gets the customary STANDARD/DAYLIGHT pair with yearly RRULEs.
 * - A zone with a fixed offset gets one STANDARD observance.
 * - Any other zone gets one observance per offset change found in the covered years, with no
 *   RRULE: exact for the events of the calendar, which is all a calendar app needs. Intl does not
 *   say whether an offset is summer time, so a change that moves the clock forward is labelled
 *   DAYLIGHT and one that moves it back STANDARD; only the offsets matter to calendar apps.
 *
 * The covered years run from the year before the earliest instant to the year after the latest, so
 * that reminders and time shown around the edges read right too.
 */

const millisecondsPerMinute = 60_000;
const millisecondsPerDay = 86_400_000;

interface Observance {
  kind: 'STANDARD' | 'DAYLIGHT';
  /** Wall time of the onset, as read with `offsetMinutesFrom`, in the `YYYYMMDDTHHMMSS` form. */
  onset: string;
  offsetMinutesFrom: number;
  offsetMinutesTo: number;
  rule?: string;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** The wall time an instant reads at a fixed offset, in the local DATE-TIME form. */
function localAtOffset(instant: number, offsetMinutes: number): string {
  const shifted = new Date(instant + offsetMinutes * millisecondsPerMinute);
  return `${pad(shifted.getUTCFullYear(), 4)}${pad(shifted.getUTCMonth() + 1)}${pad(shifted.getUTCDate())}T${pad(shifted.getUTCHours())}${pad(shifted.getUTCMinutes())}${pad(shifted.getUTCSeconds())}`;
}

function isLastSundayOfMonth(instant: Date): boolean {
  const weekLater = new Date(instant.getTime() + 7 * millisecondsPerDay);
  return instant.getUTCDay() === 0 && weekLater.getUTCMonth() !== instant.getUTCMonth();
}

/** The instant, 01:00 UTC on the last Sunday of the month (1-based), at which EU clocks change. */
function euChangeInstant(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month, 0));
  return Date.UTC(year, month - 1, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/**
 * The standard offset when the transitions are exactly the EU rule, two per covered year; else
 * undefined.
 */
function euStandardOffset(transitions: readonly OffsetTransition[], years: number): number | undefined {
  if (transitions.length !== 2 * years) {
    return undefined;
  }
  const standard = transitions[0]?.offsetMinutesFrom;
  if (standard === undefined) {
    return undefined;
  }
  const followsRule = transitions.every((transition) => {
    const at = transition.at;
    const atOneUtc =
      at.getUTCHours() === 1 &&
      at.getUTCMinutes() === 0 &&
      at.getUTCSeconds() === 0 &&
      at.getUTCMilliseconds() === 0;
    const month = at.getUTCMonth() + 1;
    const forward =
      month === 3 &&
      transition.offsetMinutesFrom === standard &&
      transition.offsetMinutesTo === standard + 60;
    const back =
      month === 10 &&
      transition.offsetMinutesFrom === standard + 60 &&
      transition.offsetMinutesTo === standard;
    return atOneUtc && isLastSundayOfMonth(at) && (forward || back);
  });
  return followsRule ? standard : undefined;
}

function observancesFor(
  timeZone: string,
  from: Date,
  to: Date,
  firstYear: number,
  years: number,
): Observance[] {
  const transitions = offsetTransitionsBetween(timeZone, from, to);
  const initialOffset = offsetMinutesAt(timeZone, from);

  if (transitions.length === 0) {
    return [
      {
        kind: 'STANDARD',
        onset: localAtOffset(from.getTime(), initialOffset),
        offsetMinutesFrom: initialOffset,
        offsetMinutesTo: initialOffset,
      },
    ];
  }

  const standard = euStandardOffset(transitions, years);
  if (standard !== undefined) {
    const summer = standard + 60;
    return [
      {
        kind: 'DAYLIGHT',
        onset: localAtOffset(euChangeInstant(firstYear, 3), standard),
        offsetMinutesFrom: standard,
        offsetMinutesTo: summer,
        rule: 'FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
      },
      {
        kind: 'STANDARD',
        onset: localAtOffset(euChangeInstant(firstYear, 10), summer),
        offsetMinutesFrom: summer,
        offsetMinutesTo: standard,
        rule: 'FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
      },
    ];
  }

  // The first observance states the offset in force before the first change found.
  return [
    {
      kind: 'STANDARD',
      onset: localAtOffset(from.getTime(), initialOffset),
      offsetMinutesFrom: initialOffset,
      offsetMinutesTo: initialOffset,
    },
    ...transitions.map(
      (transition): Observance => ({
        kind: transition.offsetMinutesTo > transition.offsetMinutesFrom ? 'DAYLIGHT' : 'STANDARD',
        onset: localAtOffset(transition.at.getTime(), transition.offsetMinutesFrom),
        offsetMinutesFrom: transition.offsetMinutesFrom,
        offsetMinutesTo: transition.offsetMinutesTo,
      }),
    ),
  ];
}

// Finding the offset changes takes thousands of Intl calls, and a feed is rendered per request
// with the same zone and years: the block is the same every time, so it is computed once.
const renderedBlocks = new Map<string, readonly string[]>();

/**
 * Content lines (unfolded) of the VTIMEZONE for `timeZone`, valid at least for every instant in
 * [earliest, latest].
 */
export function vtimezoneLines(timeZone: string, earliest: Date, latest: Date): string[] {
  const firstYear = earliest.getUTCFullYear() - 1;
  const lastYear = latest.getUTCFullYear() + 1;
  const key = `${timeZone} ${firstYear} ${lastYear}`;
  let lines = renderedBlocks.get(key);
  if (lines === undefined) {
    lines = renderVTimezone(timeZone, firstYear, lastYear);
    renderedBlocks.set(key, lines);
  }
  return [...lines];
}

function renderVTimezone(timeZone: string, firstYear: number, lastYear: number): string[] {
  const from = new Date(Date.UTC(firstYear, 0, 1));
  const to = new Date(Date.UTC(lastYear + 1, 0, 1));
  const observances = observancesFor(timeZone, from, to, firstYear, lastYear - firstYear + 1);

  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  for (const observance of observances) {
    const name = knownAbbreviation(timeZone, observance.offsetMinutesTo);
    lines.push(
      `BEGIN:${observance.kind}`,
      `DTSTART:${observance.onset}`,
      `TZOFFSETFROM:${formatUtcOffset(observance.offsetMinutesFrom)}`,
      `TZOFFSETTO:${formatUtcOffset(observance.offsetMinutesTo)}`,
      ...(observance.rule === undefined ? [] : [`RRULE:${observance.rule}`]),
      ...(name === undefined ? [] : [`TZNAME:${name}`]),
      `END:${observance.kind}`,
    );
  }
  lines.push('END:VTIMEZONE');
  return lines;
}
