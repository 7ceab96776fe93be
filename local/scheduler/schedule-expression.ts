import { isValidWallClockTime, type WallClockTime } from './wall-clock-time.ts';

/**
 * The three expression forms EventBridge Scheduler accepts. Recurring forms are only recognised (so
 * the emulator can say they are valid in AWS but not emulated); their fields are not interpreted.
 */
export type ScheduleExpression =
  | { readonly kind: 'at'; readonly wallClockTime: WallClockTime }
  | { readonly kind: 'rate' }
  | { readonly kind: 'cron' };

const atPattern = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/;
const ratePattern = /^rate\(([1-9]\d*) (minute|minutes|hour|hours|day|days)\)$/;
const cronPattern = /^cron\(\S+( \S+){5}\)$/;

/** Undefined when the text is none of the three forms, or names a date that does not exist. */
export function parseScheduleExpression(text: string): ScheduleExpression | undefined {
  const at = atPattern.exec(text);
  if (at !== null) {
    const [year, month, day, hour, minute, second] = at.slice(1).map(Number);
    if (
      year === undefined ||
      month === undefined ||
      day === undefined ||
      hour === undefined ||
      minute === undefined ||
      second === undefined
    ) {
      return undefined;
    }
    const wallClockTime: WallClockTime = { year, month, day, hour, minute, second };
    return isValidWallClockTime(wallClockTime) ? { kind: 'at', wallClockTime } : undefined;
  }
  if (ratePattern.test(text)) return { kind: 'rate' };
  if (cronPattern.test(text)) return { kind: 'cron' };
  return undefined;
}
