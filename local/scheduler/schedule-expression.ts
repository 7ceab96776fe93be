import { parseWallTime, type WallTime } from '../../shared/domain/time-zone.ts';

/**
 * The three expression forms EventBridge Scheduler accepts. Recurring forms are only recognised (so
 * the emulator can say they are valid in AWS but not emulated); their fields are not interpreted.
 */
export type ScheduleExpression =
  | { readonly kind: 'at'; readonly wallClockTime: WallTime }
  | { readonly kind: 'rate' }
  | { readonly kind: 'cron' };

const atPattern = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/;
const ratePattern = /^rate\(([1-9]\d*) (minute|minutes|hour|hours|day|days)\)$/;
const cronPattern = /^cron\(\S+( \S+){5}\)$/;

/** Undefined when the text is none of the three forms, or names a date that does not exist. */
export function parseScheduleExpression(text: string): ScheduleExpression | undefined {
  const at = atPattern.exec(text);
  if (at?.[1] !== undefined) {
    try {
      return { kind: 'at', wallClockTime: parseWallTime(at[1]) };
    } catch {
      return undefined;
    }
  }
  if (ratePattern.test(text)) return { kind: 'rate' };
  if (cronPattern.test(text)) return { kind: 'cron' };
  return undefined;
}
