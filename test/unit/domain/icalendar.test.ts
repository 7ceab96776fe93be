import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { ConsultationDefinition } from '../../../shared/domain/consultation-definition.ts';
import { wsisForum2022 } from '../../../shared/domain/definitions/wsis-forum-2022.ts';
import { type ICalendarOptions, renderICalendar } from '../../../shared/domain/icalendar.ts';
import { unescapeText } from '../../../shared/domain/icalendar-content-line.ts';
import { arbitraryDefinition, arbitraryText } from './definition-arbitraries.ts';

const options: ICalendarOptions = {
  uidDomain: 'consultations.example.org',
  sequence: 3,
  updatedAt: new Date('2022-03-01T09:30:00Z'),
};

const utf8 = new TextEncoder();

/** The VEVENTs of a rendered calendar, parsed by ical.js (an independent RFC 5545 reader). */
function parsedEvents(ics: string): ICAL.Event[] {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
}

function eventByUid(events: ICAL.Event[], uid: string): ICAL.Event {
  const event = events.find((candidate) => candidate.uid === uid);
  if (event === undefined) throw new Error(`No event ${uid}`);
  return event;
}

/** Every timed event's expected UID and start, straight from the definition. */
function expectedStarts(definition: ConsultationDefinition): [string, number][] {
  return [
    ...definition.phases.map((phase): [string, number] => [
      `${definition.id}-phase-${phase.number}@${options.uidDomain}`,
      Date.parse(phase.startsAt),
    ]),
    ...definition.calls.map((call): [string, number] => [
      `${definition.id}-call-${call.kind}-close@${options.uidDomain}`,
      Date.parse(call.closesAt),
    ]),
  ];
}

describe('iCalendar feed of WSIS Forum 2022', () => {
  const ics = renderICalendar(wsisForum2022, options);
  const events = parsedEvents(ics);

  it('has the calendar properties of a published feed in the official zone', () => {
    const calendar = new ICAL.Component(ICAL.parse(ics));

    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
    expect(String(calendar.getFirstPropertyValue('prodid'))).toContain(options.uidDomain);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('WSIS Forum 2022: Open Consultation Process');
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Europe/Zurich');
    expect(calendar.getAllSubcomponents('vtimezone')).toHaveLength(1);
  });

  it('describes Geneva time with the EU rules: CEST from the last Sunday of March, CET from October', () => {
    expect(ics).toContain(
      [
        'BEGIN:VTIMEZONE',
        'TZID:Europe/Zurich',
        'BEGIN:DAYLIGHT',
        'DTSTART:20200329T020000',
        'TZOFFSETFROM:+0100',
        'TZOFFSETTO:+0200',
        'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
        'TZNAME:CEST',
        'END:DAYLIGHT',
        'BEGIN:STANDARD',
        'DTSTART:20201025T030000',
        'TZOFFSETFROM:+0200',
        'TZOFFSETTO:+0100',
        'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
        'TZNAME:CET',
        'END:STANDARD',
        'END:VTIMEZONE',
      ].join('\r\n'),
    );
  });

  it('writes the phases in Geneva wall time, as published', () => {
    expect(ics).toContain('DTSTART;TZID=Europe/Zurich:20210819T140000\r\n');
    expect(ics).toContain('DTSTART;TZID=Europe/Zurich:20211208T135000\r\n');
    expect(ics).toContain('DTSTART;TZID=Europe/Zurich:20220502T140000\r\n');
  });

  it('starts every phase and deadline event at the instant of the definition, read back in UTC', () => {
    for (const [uid, startsAt] of expectedStarts(wsisForum2022)) {
      expect(eventByUid(events, uid).startDate.toJSDate().getTime()).toBe(startsAt);
    }
    const phaseOne = eventByUid(events, `wsis-forum-2022-phase-1@${options.uidDomain}`);
    expect(phaseOne.startDate.toJSDate().toISOString()).toBe('2021-08-19T12:00:00.000Z');
    expect(phaseOne.endDate.toJSDate().toISOString()).toBe('2021-08-19T13:00:00.000Z');
    const deadline = eventByUid(
      events,
      `wsis-forum-2022-call-official-submission-close@${options.uidDomain}`,
    );
    expect(deadline.startDate.toJSDate().toISOString()).toBe('2022-03-07T13:00:00.000Z');
    expect(deadline.summary).toBe(
      'Deadline: Official submissions on thematic aspects and innovative aspects of the format',
    );
  });

  it('merges each meeting into its phase event, with venue as LOCATION', () => {
    const phaseTwo = eventByUid(events, `wsis-forum-2022-phase-2@${options.uidDomain}`);

    expect(phaseTwo.location).toBe('Katowice, Poland (IGF 2021)');
    expect(phaseTwo.summary).toBe('Phase II – WSIS Forum 2022: Open Consultation Process');
    expect(eventByUid(events, `wsis-forum-2022-phase-4@${options.uidDomain}`).location).toBeNull();
  });

  it('adds the forum opening day and final week as all-day events', () => {
    const opening = eventByUid(events, `wsis-forum-2022-forum-opening@${options.uidDomain}`);
    const finalWeek = eventByUid(events, `wsis-forum-2022-forum-final-week@${options.uidDomain}`);

    expect([opening.startDate.isDate, opening.startDate.toString(), opening.endDate.toString()]).toEqual([
      true,
      '2022-03-15',
      '2022-03-16',
    ]);
    expect([finalWeek.startDate.toString(), finalWeek.endDate.toString()]).toEqual([
      '2022-05-30',
      '2022-06-04',
    ]);
  });

  it('stamps events from the stored version, not from a clock', () => {
    for (const event of events) {
      expect(event.sequence).toBe(3);
      expect(event.component.getFirstPropertyValue('dtstamp')?.toString()).toBe('2022-03-01T09:30:00Z');
    }
  });

  it('keeps UIDs unique and identical across renders and languages', () => {
    const uids = events.map((event) => event.uid);
    const again = parsedEvents(renderICalendar(wsisForum2022, options)).map((event) => event.uid);
    const inSpanish = parsedEvents(renderICalendar(wsisForum2022, { ...options, language: 'es' })).map(
      (event) => event.uid,
    );

    expect(new Set(uids).size).toBe(uids.length);
    expect(uids).toHaveLength(wsisForum2022.phases.length + wsisForum2022.calls.length + 2);
    expect(again).toEqual(uids);
    expect(inSpanish).toEqual(uids);
    expect(renderICalendar(wsisForum2022, options)).toBe(ics);
  });

  it('renders in the requested language, falling back to English where untranslated', () => {
    const inSpanish = parsedEvents(renderICalendar(wsisForum2022, { ...options, language: 'es' }));
    const inChinese = parsedEvents(renderICalendar(wsisForum2022, { ...options, language: 'zh' }));

    expect(eventByUid(inSpanish, `wsis-forum-2022-phase-2@${options.uidDomain}`).location).toBe(
      'Katowice, Polonia (FGI de 2021)',
    );
    expect(eventByUid(inChinese, `wsis-forum-2022-phase-1@${options.uidDomain}`).summary).toBe(
      '第一阶段 – 2022年信息社会世界峰会论坛：公开磋商进程',
    );
    expect(eventByUid(inChinese, `wsis-forum-2022-phase-1@${options.uidDomain}`).description).toBe(
      wsisForum2022.phases[0]?.summary.en,
    );
  });

  it('ends every line with CRLF and folds them at 75 octets without cutting a character', () => {
    for (const language of ['en', 'ar', 'zh', 'ru', 'fr'] as const) {
      const rendered = renderICalendar(wsisForum2022, { ...options, language });
      expect(rendered.endsWith('\r\n')).toBe(true);
      expect(rendered.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      for (const line of rendered.split('\r\n').slice(0, -1)) {
        expect(utf8.encode(line).length).toBeLessThanOrEqual(75);
        expect(line).not.toMatch(/[\uD800-\uDFFF]/u);
      }
    }
  });

  it('refuses options that would make invalid UIDs or sequences', () => {
    expect(() => renderICalendar(wsisForum2022, { ...options, uidDomain: 'a b' })).toThrow(RangeError);
    expect(() => renderICalendar(wsisForum2022, { ...options, sequence: -1 })).toThrow(RangeError);
  });
});

/** WSIS Forum 2022 moved to another zone and with Phase I at another instant, to probe edge cases. */
function withPhaseOne(timeZone: string, startsAt: string, endsAt: string): ConsultationDefinition {
  const [phaseOne, ...others] = wsisForum2022.phases;
  if (phaseOne === undefined) throw new Error('fixture');
  return {
    ...wsisForum2022,
    officialTimeZone: timeZone,
    phases: [{ ...phaseOne, startsAt, endsAt }, ...others],
  };
}

describe('iCalendar edge cases of time zones', () => {
  it('writes instants in the repeated autumn hour in UTC, which every reader takes the same way', () => {
    // 02:30 on 31 October 2021 happens twice in Geneva (CEST, then CET). RFC 5545 says a TZID time
    // names the first; ical.js takes the second. UTC leaves no room for either reading.
    const definition = withPhaseOne('Europe/Zurich', '2021-10-31T00:30:00Z', '2021-10-31T01:30:00Z');
    const ics = renderICalendar(definition, options);
    const event = eventByUid(parsedEvents(ics), `wsis-forum-2022-phase-1@${options.uidDomain}`);

    expect(ics).toContain('DTSTART:20211031T003000Z\r\n');
    expect(ics).toContain('DTEND:20211031T013000Z\r\n');
    expect(event.startDate.toJSDate().toISOString()).toBe('2021-10-31T00:30:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2021-10-31T01:30:00.000Z');
  });

  it('keeps the wall time around the spring gap, which is never ambiguous', () => {
    const definition = withPhaseOne('Europe/Zurich', '2022-03-27T00:59:00Z', '2022-03-27T01:00:00Z');
    const ics = renderICalendar(definition, options);

    expect(ics).toContain('DTSTART;TZID=Europe/Zurich:20220327T015900\r\n');
    expect(ics).toContain('DTEND;TZID=Europe/Zurich:20220327T030000\r\n');
  });

  it('describes a zone outside the EU rule by its actual offset changes (Sydney)', () => {
    const ics = renderICalendar(
      withPhaseOne('Australia/Sydney', '2021-08-19T12:00:00Z', '2021-08-19T13:00:00Z'),
      options,
    );

    expect(ics).not.toContain('RRULE');
    // Sydney moved forward at 02:00 AEST on 3 October 2021 and back at 03:00 AEDT on 3 April 2022.
    expect(ics).toContain(
      'BEGIN:DAYLIGHT\r\nDTSTART:20211003T020000\r\nTZOFFSETFROM:+1000\r\nTZOFFSETTO:+1100',
    );
    expect(ics).toContain(
      'BEGIN:STANDARD\r\nDTSTART:20220403T030000\r\nTZOFFSETFROM:+1100\r\nTZOFFSETTO:+1000',
    );
    for (const [uid, startsAt] of expectedStarts(wsisForum2022)) {
      expect(eventByUid(parsedEvents(ics), uid).startDate.toJSDate().getTime()).toBe(startsAt);
    }
  });

  it('describes a zone with a fixed offset by one observance (Tokyo)', () => {
    const ics = renderICalendar({ ...wsisForum2022, officialTimeZone: 'Asia/Tokyo' }, options);
    const vtimezone = ics.slice(ics.indexOf('BEGIN:VTIMEZONE'), ics.indexOf('END:VTIMEZONE'));

    expect(vtimezone.match(/BEGIN:(STANDARD|DAYLIGHT)/g)).toEqual(['BEGIN:STANDARD']);
    expect(vtimezone).toContain('TZOFFSETTO:+0900');
    expect(ics).toContain('DTSTART;TZID=Asia/Tokyo:20210819T210000\r\n');
  });
});

describe('iCalendar feed of random definitions (properties)', () => {
  it('starts every event at its instant in UTC, whatever the official zone, per ical.js', () => {
    fc.assert(
      fc.property(arbitraryDefinition, (definition) => {
        const events = parsedEvents(renderICalendar(definition, options));

        for (const [uid, startsAt] of expectedStarts(definition)) {
          expect(eventByUid(events, uid).startDate.toJSDate().getTime()).toBe(startsAt);
        }
        for (const phase of definition.phases) {
          const event = eventByUid(events, `${definition.id}-phase-${phase.number}@${options.uidDomain}`);
          expect(event.endDate.toJSDate().getTime()).toBe(Date.parse(phase.endsAt));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('round-trips text with commas, semicolons, backslashes, newlines and any script', () => {
    fc.assert(
      fc.property(arbitraryText, arbitraryText, (title, venue) => {
        const definition: ConsultationDefinition = {
          ...wsisForum2022,
          title: { en: title },
          phases: wsisForum2022.phases.map((phase) => ({
            ...phase,
            summary: { en: venue },
            meeting: { venue: { en: venue }, mode: 'hybrid' },
          })),
        };
        const rendered = renderICalendar(definition, options);
        const calendar = new ICAL.Component(ICAL.parse(rendered));
        const phaseOne = eventByUid(parsedEvents(rendered), `wsis-forum-2022-phase-1@${options.uidDomain}`);

        // ical.js does not know X-WR-CALNAME is TEXT and hands it back escaped.
        expect(unescapeText(String(calendar.getFirstPropertyValue('x-wr-calname')))).toBe(title);
        expect(phaseOne.location).toBe(venue);
        expect(phaseOne.description).toBe(venue);
        expect(phaseOne.summary).toBe(`Phase I – ${title}`);
        for (const line of rendered.split('\r\n')) {
          expect(utf8.encode(line).length).toBeLessThanOrEqual(75);
        }
      }),
      { numRuns: 100 },
    );
  });
});
