import type { Language } from '../localized-text.ts';

/**
 * A reminder offset as people say it, in the reader's language, with its plural rules from ICU:
 * "7 days", "3 hours", "1 day and 12 hours", "7 дней", "7 أيام", "7天".
 */
export function durationText(milliseconds: number, language: Language): string {
  const totalMinutes = Math.round(milliseconds / 60_000);
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  const unit = (value: number, name: 'day' | 'hour' | 'minute') =>
    new Intl.NumberFormat(language, { style: 'unit', unit: name, unitDisplay: 'long' }).format(value);
  const parts = [
    ...(days > 0 ? [unit(days, 'day')] : []),
    ...(hours > 0 ? [unit(hours, 'hour')] : []),
    ...(minutes > 0 || totalMinutes === 0 ? [unit(minutes, 'minute')] : []),
  ];
  return new Intl.ListFormat(language, { type: 'unit', style: 'long' }).format(parts);
}

/** A date and time in a zone, written the reader's way, followed by the zone's label. */
export function dateTimeText(instant: Date, timeZone: string, language: Language, label: string): string {
  const written = new Intl.DateTimeFormat(language, {
    dateStyle: 'full',
    timeStyle: 'short',
    hourCycle: 'h23',
    timeZone,
  }).format(instant);
  return `${written} (${label})`;
}
