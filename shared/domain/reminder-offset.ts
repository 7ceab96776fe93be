import * as z from 'zod';

// At least one component, in the order days, hours, minutes; the groups capture each number.
const offsetPattern = /^P(?=\d|T\d)(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?)?$/;

/**
 * How long before an event a reminder wave goes out, as an ISO 8601 duration limited to days,
 * hours and minutes (`P14D`, `PT3H`, `P1DT12H`). Years, months and weeks are refused because
 * their length depends on the calendar; a day here is exactly 24 hours of elapsed time, so a
 * reminder "7 days before" a meeting after a clock change reads one hour off on the wall clock.
 */
export const reminderOffsetSchema = z
  .string()
  .regex(offsetPattern, 'Use an ISO 8601 duration in days, hours and minutes, e.g. P14D or PT3H')
  // Zod runs this check even when the pattern failed, so it must not throw on a malformed offset.
  .refine(
    (offset) => !offsetPattern.test(offset) || reminderOffsetMilliseconds(offset) > 0,
    'A reminder offset must be longer than zero',
  )
  .meta({ description: 'ISO 8601 duration before the event (days, hours, minutes only), e.g. P14D, PT3H.' });

export type ReminderOffset = z.output<typeof reminderOffsetSchema>;

/** The elapsed milliseconds an offset stands for (a day is 24 hours). Throws on a malformed offset. */
export function reminderOffsetMilliseconds(offset: string): number {
  const match = offsetPattern.exec(offset);
  if (match === null) {
    throw new RangeError(`Not a reminder offset: ${offset}`);
  }
  const [, days, hours, minutes] = match;
  return ((Number(days ?? 0) * 24 + Number(hours ?? 0)) * 60 + Number(minutes ?? 0)) * 60_000;
}
