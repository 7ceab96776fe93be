/**
 * RFC 5545 content lines: TEXT escaping (§3.3.11), folding (§3.1), and the date-time forms used by
 * the calendar. Kept apart from the calendar's structure so both rules are tested on their own.
 */

import type { WallTime } from './time-zone.ts';

const maximumLineOctets = 75;
const utf8 = new TextEncoder();

function isForbiddenControl(codePoint: number): boolean {
  // TEXT may not contain controls other than HTAB; line breaks are escaped before this filter.
  return (codePoint < 0x20 && codePoint !== 0x09) || codePoint === 0x7f;
}

/** Escapes a TEXT value: backslash, semicolon, comma, and line breaks (as `\n`). */
export function escapeText(value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
  return Array.from(escaped)
    .filter((character) => !isForbiddenControl(character.codePointAt(0) ?? 0))
    .join('');
}

/** Reverses {@link escapeText} (for tests and for reading our own output). */
export function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, escaped: string) =>
    escaped === 'n' || escaped === 'N' ? '\n' : escaped,
  );
}

/**
 * Folds one content line so that no physical line exceeds 75 octets (the CRLF not counted), the
 * continuation lines starting with a space. Splits only between code points, so no UTF-8 sequence
 * is cut in two.
 */
export function foldLine(line: string): string[] {
  const physicalLines: string[] = [];
  let current = '';
  let currentOctets = 0;
  for (const character of line) {
    const octets = utf8.encode(character).length;
    if (currentOctets + octets > maximumLineOctets) {
      physicalLines.push(current);
      current = ' ';
      currentOctets = 1;
    }
    current += character;
    currentOctets += octets;
  }
  physicalLines.push(current);
  return physicalLines;
}

/** Joins content lines into an iCalendar stream: folded, CRLF-terminated. */
export function serializeContentLines(lines: readonly string[]): string {
  return lines
    .flatMap(foldLine)
    .map((physicalLine) => `${physicalLine}\r\n`)
    .join('');
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** `20220307T130000Z` (seconds precision: iCalendar has no fractions of a second). */
export function formatUtcDateTime(instant: Date): string {
  return `${pad(instant.getUTCFullYear(), 4)}${pad(instant.getUTCMonth() + 1)}${pad(instant.getUTCDate())}T${pad(instant.getUTCHours())}${pad(instant.getUTCMinutes())}${pad(instant.getUTCSeconds())}Z`;
}

/** `20220307T140000`: a local DATE-TIME, read in the zone named by its TZID parameter. */
export function formatLocalDateTime(wallTime: WallTime): string {
  return `${pad(wallTime.year, 4)}${pad(wallTime.month)}${pad(wallTime.day)}T${pad(wallTime.hour)}${pad(wallTime.minute)}${pad(wallTime.second)}`;
}

/** `20220307` from an ISO date `2022-03-07`. */
export function formatDate(isoDate: string): string {
  return isoDate.replace(/-/g, '');
}

/** `+0100`, `-0330`: the UTC-OFFSET value type (§3.3.14). */
export function formatUtcOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const magnitude = Math.abs(Math.round(offsetMinutes));
  return `${sign}${pad(Math.floor(magnitude / 60))}${pad(magnitude % 60)}`;
}
