import type { Call, ConsultationDefinition, Phase } from './consultation-definition.ts';
import {
  escapeText,
  formatDate,
  formatLocalDateTime,
  formatUtcDateTime,
  serializeContentLines,
} from './icalendar-content-line.ts';
import { instantMilliseconds } from './instant.ts';
import { type Language, type LocalizedText, localize } from './localized-text.ts';
import { wallTimeAt, wallTimeToInstant } from './time-zone.ts';
import { vtimezoneLines } from './vtimezone.ts';

/**
 * The consultation's calendar as an RFC 5545 feed that stakeholders subscribe to. Events:
 *
 * - one per phase, with the phase's meeting merged into it (the meeting occupies the phase slot, so
 *   two events would only duplicate it): LOCATION is the meeting venue, URL the remote
 *   participation link; a phase without a meeting (a deadline slot) is TRANSPARENT;
 * - one per call deadline, starting at `closesAt` with no DTEND, i.e. of zero duration (RFC 5545
 *   §3.6.1), TRANSPARENT: a deadline does not block anyone's time;
 * - the forum's opening day and final week as all-day events, when the definition has a forum.
 *
 * Everything is derived from the definition and the options: no clock. UIDs depend only on the
 * definition id and the event's subject, never on dates, so moving a date updates the event in
 * subscribers' calendars (SEQUENCE and DTSTAMP come from the stored version) instead of adding one.
 */
export interface ICalendarOptions {
  /** Right-hand side of every UID, e.g. `consultations.example.org`. */
  uidDomain: string;
  /** The stored version of the definition; becomes SEQUENCE, so it must grow with every change. */
  sequence: number;
  /** When the stored definition last changed; becomes DTSTAMP and LAST-MODIFIED. */
  updatedAt: Date;
  /** Language of summaries and descriptions; English when omitted or untranslated. */
  language?: Language;
}

/** How often subscribers should fetch the feed again: a deadline extension should reach them soon. */
const refreshInterval = 'PT6H';

const deadlineLabel: LocalizedText = {
  en: 'Deadline',
  es: 'Fecha límite',
  fr: 'Date limite',
  ru: 'Крайний срок',
  zh: '截止日期',
  ar: 'الموعد النهائي',
};

const forumOpeningLabel: LocalizedText = {
  en: 'Forum opens',
  es: 'Apertura del Foro',
  fr: 'Ouverture du Forum',
  ru: 'Открытие Форума',
  zh: '论坛开幕',
  ar: 'افتتاح المنتدى',
};

const forumFinalWeekLabel: LocalizedText = {
  en: 'Forum final week',
  es: 'Semana final del Foro',
  fr: 'Semaine finale du Forum',
  ru: 'Заключительная неделя Форума',
  zh: '论坛最后一周',
  ar: 'الأسبوع الأخير للمنتدى',
};

export function phaseEventUid(definition: ConsultationDefinition, phase: Phase, uidDomain: string): string {
  return `${definition.id}-phase-${phase.number}@${uidDomain}`;
}

export function callDeadlineEventUid(
  definition: ConsultationDefinition,
  call: Call,
  uidDomain: string,
): string {
  return `${definition.id}-call-${call.kind}-close@${uidDomain}`;
}

function validateOptions(options: ICalendarOptions): void {
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(options.uidDomain)) {
    throw new RangeError(`uidDomain must be a host name, got ${JSON.stringify(options.uidDomain)}`);
  }
  if (!Number.isInteger(options.sequence) || options.sequence < 0) {
    throw new RangeError(`sequence must be a non-negative integer, got ${options.sequence}`);
  }
  if (Number.isNaN(options.updatedAt.getTime())) {
    throw new RangeError('updatedAt must be a valid date');
  }
}

/**
 * DTSTART/DTEND for an instant: the official zone's wall time with TZID, so that calendar apps show
 * the published time. A wall time that the zone repeats (the autumn hour) is ambiguous: RFC 5545
 * §3.3.5 says it names the first occurrence, but readers differ (ical.js takes the second), so such
 * an instant is written in UTC, which every reader takes the same way.
 */
function dateTimeProperty(name: 'DTSTART' | 'DTEND', instant: string, timeZone: string): string {
  const at = new Date(instantMilliseconds(instant));
  const wall = wallTimeAt(timeZone, at);
  const ambiguous =
    wallTimeToInstant(timeZone, wall, 'earlier').getTime() !==
    wallTimeToInstant(timeZone, wall, 'later').getTime();
  return ambiguous
    ? `${name}:${formatUtcDateTime(at)}`
    : `${name};TZID=${timeZone}:${formatLocalDateTime(wall)}`;
}

/** The day after an ISO date: all-day DTEND is exclusive. */
function nextDay(isoDate: string): string {
  const day = new Date(`${isoDate}T00:00:00Z`);
  return new Date(day.getTime() + 86_400_000).toISOString().slice(0, 10);
}

/** The VEVENT of a phase (with its meeting merged in), the same in the feed and in an invitation. */
function phaseEventLines(
  definition: ConsultationDefinition,
  phase: Phase,
  uidDomain: string,
  language: Language,
  common: readonly string[],
): string[] {
  const text = (value: LocalizedText) => escapeText(localize(value, language));
  const timeZone = definition.officialTimeZone;
  const meeting = phase.meeting;
  return [
    'BEGIN:VEVENT',
    `UID:${phaseEventUid(definition, phase, uidDomain)}`,
    ...common,
    dateTimeProperty('DTSTART', phase.startsAt, timeZone),
    dateTimeProperty('DTEND', phase.endsAt, timeZone),
    `SUMMARY:${escapeText(`${localize(phase.name, language)} – ${localize(definition.title, language)}`)}`,
    `DESCRIPTION:${text(phase.summary)}`,
    ...(meeting === undefined ? [] : [`LOCATION:${text(meeting.venue)}`]),
    ...(meeting?.remoteParticipationUrl === undefined ? [] : [`URL:${meeting.remoteParticipationUrl}`]),
    'STATUS:CONFIRMED',
    `TRANSP:${meeting === undefined ? 'TRANSPARENT' : 'OPAQUE'}`,
    'END:VEVENT',
  ];
}

/**
 * One phase's meeting as a calendar invitation to attach to a reminder: the same event, with the
 * same UID, as in the feed (so importing it next to a subscribed feed updates rather than doubles
 * it), in the official zone with its VTIMEZONE, METHOD:PUBLISH (no organizer or attendees).
 */
export function renderMeetingInvitation(
  definition: ConsultationDefinition,
  phase: Phase,
  options: ICalendarOptions,
): string {
  validateOptions(options);
  const language = options.language ?? 'en';
  const stamp = formatUtcDateTime(options.updatedAt);
  const timeZone = definition.officialTimeZone;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//${options.uidDomain}//Consultation engine//${language.toUpperCase()}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...vtimezoneLines(
      timeZone,
      new Date(instantMilliseconds(phase.startsAt)),
      new Date(instantMilliseconds(phase.endsAt)),
    ),
    ...phaseEventLines(definition, phase, options.uidDomain, language, [
      `DTSTAMP:${stamp}`,
      `LAST-MODIFIED:${stamp}`,
      `SEQUENCE:${options.sequence}`,
    ]),
    'END:VCALENDAR',
  ];
  return serializeContentLines(lines);
}

/** Renders the definition as an iCalendar stream (CRLF line endings, lines folded at 75 octets). */
export function renderICalendar(definition: ConsultationDefinition, options: ICalendarOptions): string {
  validateOptions(options);
  const language = options.language ?? 'en';
  const text = (value: LocalizedText) => escapeText(localize(value, language));
  const timeZone = definition.officialTimeZone;
  const stamp = formatUtcDateTime(options.updatedAt);
  const title = localize(definition.title, language);
  const common = [`DTSTAMP:${stamp}`, `LAST-MODIFIED:${stamp}`, `SEQUENCE:${options.sequence}`];

  const instants = [
    ...definition.phases.flatMap((phase) => [phase.startsAt, phase.endsAt]),
    ...definition.calls.map((call) => call.closesAt),
  ].map(instantMilliseconds);
  const earliest = new Date(Math.min(...instants));
  const latest = new Date(Math.max(...instants));

  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//${options.uidDomain}//Consultation engine//${language.toUpperCase()}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(title)}`,
    `X-WR-CALDESC:${text(definition.theme)}`,
    `X-WR-TIMEZONE:${timeZone}`,
    `REFRESH-INTERVAL;VALUE=DURATION:${refreshInterval}`,
    `X-PUBLISHED-TTL:${refreshInterval}`,
    ...vtimezoneLines(timeZone, earliest, latest),
  ];

  for (const phase of definition.phases) {
    lines.push(...phaseEventLines(definition, phase, options.uidDomain, language, common));
  }

  for (const call of definition.calls) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${callDeadlineEventUid(definition, call, options.uidDomain)}`,
      ...common,
      dateTimeProperty('DTSTART', call.closesAt, timeZone),
      `SUMMARY:${escapeText(`${localize(deadlineLabel, language)}: ${localize(call.title, language)}`)}`,
      `DESCRIPTION:${escapeText(title)}`,
      'STATUS:CONFIRMED',
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }

  const forum = definition.forum;
  if (forum !== undefined) {
    const allDay = (uidSuffix: string, label: LocalizedText, startsOn: string, endsOn: string) => [
      'BEGIN:VEVENT',
      `UID:${definition.id}-${uidSuffix}@${options.uidDomain}`,
      ...common,
      `DTSTART;VALUE=DATE:${formatDate(startsOn)}`,
      `DTEND;VALUE=DATE:${formatDate(nextDay(endsOn))}`,
      `SUMMARY:${escapeText(`${localize(label, language)} – ${title}`)}`,
      `LOCATION:${text(forum.venue)}`,
      'STATUS:CONFIRMED',
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    ];
    lines.push(
      ...allDay('forum-opening', forumOpeningLabel, forum.opensOn, forum.opensOn),
      ...allDay('forum-final-week', forumFinalWeekLabel, forum.finalWeek.startsOn, forum.finalWeek.endsOn),
    );
  }

  lines.push('END:VCALENDAR');
  return serializeContentLines(lines);
}
