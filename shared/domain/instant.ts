import * as z from 'zod';

/**
 * An instant, written as ISO 8601 in UTC with a `Z` (offsets refused): the calendar stores
 * instants, never wall times, and keeps the official zone beside them for display.
 */
export const instantSchema = z.iso
  .datetime()
  .meta({ description: 'Instant in UTC, ISO 8601 with Z, e.g. 2022-03-07T13:00:00Z.' });

export type Instant = z.output<typeof instantSchema>;

/** A civil date (`YYYY-MM-DD`) read in the consultation's official time zone. */
export const civilDateSchema = z.iso
  .date()
  .meta({ description: 'Calendar date in the official time zone, YYYY-MM-DD.' });

export type CivilDate = z.output<typeof civilDateSchema>;

/** Milliseconds since the epoch of an instant that the schema has already validated. */
export function instantMilliseconds(instant: Instant): number {
  return Date.parse(instant);
}
