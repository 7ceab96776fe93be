import type { Language } from '../localized-text.ts';

// Intl formatters are costly to build and cheap to use; a wave formats the same few thousands of
// times, so each is built once per language (and zone).
const formatters = new Map<string, Intl.NumberFormat | Intl.ListFormat | Intl.DateTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.ListFormat | Intl.DateTimeFormat>(
  key: string,
  build: () => T,
): T {
  let formatter = formatters.get(key) as T | undefined;
  if (formatter === undefined) {
    formatter = build();
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * A reminder offset as people say it, in the reader's language, with its plural rules from ICU:
 * "7 days", "3 hours", "1 day, 12 hours", "7 дней", "7 أيام", "7天".
 */
export function durationText(milliseconds: number, language: Language): string {
  const totalMinutes = Math.round(milliseconds / 60_000);
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  const unit = (value: number, name: 'day' | 'hour' | 'minute') =>
    cached(
      `unit ${language} ${name}`,
      () => new Intl.NumberFormat(language, { style: 'unit', unit: name, unitDisplay: 'long' }),
    ).format(value);
  const parts = [
    ...(days > 0 ? [unit(days, 'day')] : []),
    ...(hours > 0 ? [unit(hours, 'hour')] : []),
    ...(minutes > 0 || totalMinutes === 0 ? [unit(minutes, 'minute')] : []),
  ];
  return cached(
    `list ${language}`,
    () => new Intl.ListFormat(language, { type: 'unit', style: 'long' }),
  ).format(parts);
}

/** A date and time in a zone, written the reader's way, followed by the zone's label. */
export function dateTimeText(instant: Date, timeZone: string, language: Language, label: string): string {
  const written = cached(
    `date ${language} ${timeZone}`,
    () =>
      new Intl.DateTimeFormat(language, {
        dateStyle: 'full',
        timeStyle: 'short',
        hourCycle: 'h23',
        timeZone,
      }),
  ).format(instant);
  return `${written} (${label})`;
}
