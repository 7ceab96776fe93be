import fc from 'fast-check';
import {
  type ConsultationDefinition,
  callKinds,
  parseConsultationDefinition,
} from '../../../shared/domain/consultation-definition.ts';

/** Random valid consultation definitions, for property tests of the calendar and the ICS feed. */

const minute = 60_000;
const day = 1_440 * minute;

export const sampleTimeZones = [
  'Europe/Zurich',
  'Europe/London',
  'UTC',
  'America/New_York',
  'America/Sao_Paulo',
  'Australia/Sydney',
  'Asia/Kolkata',
  'Asia/Tokyo',
] as const;

/** Free text that survives iCalendar TEXT escaping: anything but control characters other than LF. */
export const arbitraryText = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom(',', ';', '\\', '\n', ':', '"', 'é', 'œ', '中', '文', 'ع', 'Ж', '😀', ' '),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    ),
    minLength: 1,
    maxLength: 60,
  })
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to exclude control characters.
  .filter((text) => /\S/.test(text) && !/[\u0000-\u0009\u000B-\u001F\u007F]/.test(text));

const iso = (milliseconds: number) => new Date(milliseconds).toISOString();

interface Shape {
  start: number;
  phases: { gapBefore: number; length: number; meeting: boolean }[];
  calls: { kind: (typeof callKinds)[number]; from: number; to: number }[];
  timeZone: string;
  title: string;
}

const arbitraryShape: fc.Arbitrary<Shape> = fc.record({
  // Whole minutes between 2000 and 2040: iCalendar has seconds precision, and ties are common.
  start: fc
    .integer({ min: Date.UTC(2000, 0, 1) / minute, max: Date.UTC(2040, 0, 1) / minute })
    .map((m) => m * minute),
  phases: fc.array(
    fc.record({
      // Zero gaps make phases touch, which the half-open rule allows.
      gapBefore: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 120 * 1_440 })).map((m) => m * minute),
      length: fc.integer({ min: 1, max: 3 * 1_440 }).map((m) => m * minute),
      meeting: fc.boolean(),
    }),
    { minLength: 1, maxLength: 7 },
  ),
  calls: fc.uniqueArray(
    fc.record({ kind: fc.constantFrom(...callKinds), from: fc.nat(1_000), to: fc.nat(1_000) }),
    { selector: (call) => call.kind, maxLength: callKinds.length },
  ),
  timeZone: fc.constantFrom(...sampleTimeZones),
  title: arbitraryText,
});

/**
 * A valid definition. Calls open and close either at a phase boundary or at a random minute, so
 * that equal instants (and so the tie-break) come up often.
 */
export const arbitraryDefinition: fc.Arbitrary<ConsultationDefinition> = arbitraryShape.map((shape) => {
  let cursor = shape.start;
  const phases = shape.phases.map((phase, index) => {
    const startsAt = cursor + phase.gapBefore;
    cursor = startsAt + phase.length;
    return {
      number: index + 1,
      name: { en: `Phase ${index + 1}` },
      startsAt: iso(startsAt),
      endsAt: iso(cursor),
      summary: { en: `What happens in phase ${index + 1}` },
      ...(phase.meeting ? { meeting: { venue: { en: shape.title }, mode: 'hybrid' as const } } : {}),
    };
  });
  const boundaries = phases.flatMap((phase) => [Date.parse(phase.startsAt), Date.parse(phase.endsAt)]);
  const span = cursor - shape.start + 30 * day;
  const instantFor = (choice: number) =>
    choice % 2 === 0
      ? (boundaries[choice % boundaries.length] ?? shape.start)
      : shape.start - 10 * day + Math.floor((choice / 1_000) * (span / minute)) * minute;
  const calls = shape.calls.map((call) => {
    const first = instantFor(call.from);
    const second = instantFor(call.to);
    const opensAt = Math.min(first, second);
    const closesAt = Math.max(first, second) === opensAt ? opensAt + day : Math.max(first, second);
    return { kind: call.kind, title: { en: shape.title }, opensAt: iso(opensAt), closesAt: iso(closesAt) };
  });
  return parseConsultationDefinition({
    id: 'random-consultation',
    title: { en: shape.title },
    theme: { en: 'A theme' },
    organisers: [{ en: 'Organiser' }],
    contactEmail: 'secretariat@example.org',
    officialTimeZone: shape.timeZone,
    stakeholderTypes: ['government', 'civil-society'],
    phases,
    calls,
  });
});
