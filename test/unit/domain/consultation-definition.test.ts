import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  type ConsultationDefinitionInput,
  consultationDefinitionSchema,
  defaultRemindersBeforeCallClose,
  defaultRemindersBeforeMeeting,
  localize,
  parseConsultationDefinition,
  stakeholderTypes,
} from '../../../shared/domain/consultation-definition.ts';
import { consultationDefinitions } from '../../../shared/domain/definitions/index.ts';
import { wsisForum2022 } from '../../../shared/domain/definitions/wsis-forum-2022.ts';

/** A small valid definition to break one rule at a time. */
function validInput(): ConsultationDefinitionInput {
  return {
    id: 'test-consultation',
    title: { en: 'Test consultation' },
    theme: { en: 'Testing' },
    organisers: [{ en: 'ITU' }],
    contactEmail: 'wsis-info@itu.int',
    officialTimeZone: 'Europe/Zurich',
    stakeholderTypes: ['government'],
    phases: [
      {
        number: 1,
        name: { en: 'Phase I' },
        startsAt: '2021-08-19T12:00:00Z',
        endsAt: '2021-08-19T13:00:00Z',
        summary: { en: 'Opening' },
      },
      {
        number: 2,
        name: { en: 'Phase II' },
        startsAt: '2021-12-08T12:50:00Z',
        endsAt: '2021-12-08T13:50:00Z',
        summary: { en: 'Meeting' },
        meeting: { venue: { en: 'Katowice' }, mode: 'hybrid' },
      },
    ],
    calls: [
      {
        kind: 'official-submission',
        title: { en: 'Official submissions' },
        opensAt: '2021-08-19T12:00:00Z',
        closesAt: '2022-03-07T13:00:00Z',
        referencePrefix: 'OS',
      },
    ],
  };
}

/** The issues of a rejected input, as `path: message` for readable assertions. */
function issuesOf(input: unknown): { path: string; message: string }[] {
  const result = consultationDefinitionSchema.safeParse(input);
  if (result.success) {
    throw new Error('Expected the definition to be rejected');
  }
  return result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

describe('WSIS Forum 2022 definition', () => {
  const phase = (number: number) => {
    const found = wsisForum2022.phases.find((candidate) => candidate.number === number);
    if (found === undefined) throw new Error(`No phase ${number}`);
    return found;
  };
  const call = (kind: string) => {
    const found = wsisForum2022.calls.find((candidate) => candidate.kind === kind);
    if (found === undefined) throw new Error(`No ${kind} call`);
    return found;
  };

  it('has the five phases at the exact published instants', () => {
    // Prepare / Act
    const intervals = wsisForum2022.phases.map((p) => [p.number, p.startsAt, p.endsAt]);

    // Assess
    expect(intervals).toEqual([
      [1, '2021-08-19T12:00:00Z', '2021-08-19T13:00:00Z'],
      [2, '2021-12-08T12:50:00Z', '2021-12-08T13:50:00Z'],
      [3, '2022-01-31T13:00:00Z', '2022-01-31T14:00:00Z'],
      [4, '2022-03-07T13:00:00Z', '2022-03-07T14:00:00Z'],
      [5, '2022-05-02T12:00:00Z', '2022-05-02T13:00:00Z'],
    ]);
    expect(new Date(phase(1).startsAt).toISOString()).toBe('2021-08-19T12:00:00.000Z');
    expect(new Date(phase(5).startsAt).toISOString()).toBe('2022-05-02T12:00:00.000Z');
  });

  it('closes official submissions at 2022-03-07T13:00:00Z, the start of Phase IV', () => {
    expect(new Date(call('official-submission').closesAt).toISOString()).toBe('2022-03-07T13:00:00.000Z');
    expect(call('official-submission').closesAt).toBe(phase(4).startsAt);
    expect(call('official-submission').opensAt).toBe(phase(1).startsAt);
  });

  it('opens every call at Phase I and closes each at the 7 March deadline as first published', () => {
    for (const kind of ['workshop-request', 'hltf-nomination', 'photo-contest', 'regional-input']) {
      expect(call(kind).opensAt).toBe('2021-08-19T12:00:00Z');
      expect(call(kind).closesAt).toBe('2022-03-07T13:00:00Z');
    }
  });

  it('holds Phase II in Katowice during IGF 2021, hybrid, and has no meeting in Phase IV', () => {
    expect(phase(2).meeting?.mode).toBe('hybrid');
    expect(phase(2).meeting?.venue.en).toContain('Katowice');
    expect(phase(1).meeting?.mode).toBe('virtual');
    expect(phase(4).meeting).toBeUndefined();
  });

  it('keeps the facts of the letter: zone, contact, stakeholder types, forum dates', () => {
    expect(wsisForum2022.officialTimeZone).toBe('Europe/Zurich');
    expect(wsisForum2022.contactEmail).toBe('wsis-info@itu.int');
    expect(wsisForum2022.stakeholderTypes).toEqual([...stakeholderTypes]);
    expect(wsisForum2022.forum).toEqual({
      opensOn: '2022-03-15',
      finalWeek: { startsOn: '2022-05-30', endsOn: '2022-06-03' },
      venue: expect.objectContaining({ en: expect.stringContaining('Geneva') }),
    });
    expect(wsisForum2022.organisers.map((organiser) => organiser.en)).toEqual([
      'ITU',
      'UNESCO',
      'UNCTAD',
      'UNDP',
    ]);
    expect(wsisForum2022.reminderPolicy).toEqual({
      beforeCallClose: ['P14D', 'P7D', 'P2D', 'PT3H'],
      beforeMeeting: ['P7D', 'P1D'],
    });
  });

  it('is listed among the built-in definitions and survives a JSON round trip', () => {
    expect(consultationDefinitions.map((definition) => definition.id)).toEqual(['wsis-forum-2022']);
    expect(parseConsultationDefinition(JSON.parse(JSON.stringify(wsisForum2022)))).toEqual(wsisForum2022);
  });
});

describe('localize', () => {
  it('answers in the requested language and falls back to English', () => {
    expect(localize(wsisForum2022.title, 'es')).toBe(
      'Foro de la CMSI de 2022: Proceso de consultas abiertas',
    );
    expect(localize(wsisForum2022.theme, 'zh')).toBe(wsisForum2022.theme.en);
    expect(localize({ en: 'Deadline', fr: 'Date limite' }, 'fr')).toBe('Date limite');
  });
});

describe('consultation definition schema', () => {
  it('accepts a valid definition and fills the default reminder policy', () => {
    const definition = parseConsultationDefinition(validInput());

    expect(definition.reminderPolicy).toEqual({
      beforeCallClose: [...defaultRemindersBeforeCallClose],
      beforeMeeting: [...defaultRemindersBeforeMeeting],
    });
  });

  it('rejects unknown keys at every level', () => {
    const input = validInput();

    expect(issuesOf({ ...input, colour: 'blue' })).toEqual([
      expect.objectContaining({ path: '', message: expect.stringContaining('colour') }),
    ]);
    expect(issuesOf({ ...input, title: { en: 'x', de: 'y' } })).toEqual([
      expect.objectContaining({ path: 'title', message: expect.stringContaining('de') }),
    ]);
  });

  it('requires English in localized text', () => {
    expect(issuesOf({ ...validInput(), title: { fr: 'Consultation' } })).toEqual([
      expect.objectContaining({ path: 'title.en' }),
    ]);
  });

  it('accepts only UTC instants written with Z', () => {
    const input = validInput();
    const [first, second] = input.phases;
    if (first === undefined || second === undefined) throw new Error('fixture');

    expect(
      issuesOf({ ...input, phases: [{ ...first, startsAt: '2021-08-19T14:00:00+02:00' }, second] }),
    ).toEqual([expect.objectContaining({ path: 'phases.0.startsAt' })]);
  });

  it('rejects unknown, offset or misspelt time zones', () => {
    for (const officialTimeZone of ['Europe/Geneva', '+01:00', 'europe/zurich', 'GMT+1']) {
      expect(issuesOf({ ...validInput(), officialTimeZone })).toEqual([
        expect.objectContaining({ path: 'officialTimeZone', message: expect.stringContaining('IANA') }),
      ]);
    }
  });

  it('rejects a phase that does not end after it starts', () => {
    const input = validInput();
    const [first, second] = input.phases;
    if (first === undefined || second === undefined) throw new Error('fixture');

    expect(issuesOf({ ...input, phases: [{ ...first, endsAt: first.startsAt }, second] })).toEqual([
      { path: 'phases.0.endsAt', message: 'Phase 1 must end after it starts' },
    ]);
  });

  it('rejects phases that are not numbered 1..n in order', () => {
    const input = validInput();
    const [first, second] = input.phases;
    if (first === undefined || second === undefined) throw new Error('fixture');

    expect(issuesOf({ ...input, phases: [first, { ...second, number: 3 }] })).toEqual([
      { path: 'phases.1.number', message: 'Phases are numbered consecutively from 1: expected 2, got 3' },
    ]);
  });

  it('rejects overlapping or out-of-order phases, and accepts touching ones', () => {
    const input = validInput();
    const [first, second] = input.phases;
    if (first === undefined || second === undefined) throw new Error('fixture');
    const overlapping = { ...second, startsAt: '2021-08-19T12:30:00Z' };
    const touching = { ...second, startsAt: first.endsAt };

    expect(issuesOf({ ...input, phases: [first, overlapping] })).toEqual([
      expect.objectContaining({ path: 'phases.1.startsAt', message: expect.stringContaining('overlap') }),
    ]);
    expect(() => parseConsultationDefinition({ ...input, phases: [first, touching] })).not.toThrow();
  });

  it('rejects a call that does not close after it opens, and duplicate call kinds or prefixes', () => {
    const input = validInput();
    const [call] = input.calls;
    if (call === undefined) throw new Error('fixture');

    expect(issuesOf({ ...input, calls: [{ ...call, closesAt: call.opensAt }] })).toEqual([
      { path: 'calls.0.closesAt', message: 'The official-submission call must close after it opens' },
    ]);
    expect(issuesOf({ ...input, calls: [call, { ...call, referencePrefix: 'OT' }] })).toEqual([
      { path: 'calls.1.kind', message: 'There is already a official-submission call; call kinds are unique' },
    ]);
    expect(issuesOf({ ...input, calls: [call, { ...call, kind: 'workshop-request' }] })).toEqual([
      { path: 'calls.1.referencePrefix', message: 'Reference prefix OS is already used by another call' },
    ]);
  });

  it('erases personal data only after the last phase ends and every call closes', () => {
    const input = validInput();
    // The call closes after Phase II ends: the call's close is the bound.
    expect(issuesOf({ ...input, personalDataRetention: { eraseAt: '2022-03-07T12:59:59Z' } })).toEqual([
      {
        path: 'personalDataRetention.eraseAt',
        message: 'Personal data is erased only after the last phase ends and every call closes',
      },
    ]);
    expect(
      parseConsultationDefinition({ ...input, personalDataRetention: { eraseAt: '2022-03-07T13:00:00Z' } })
        .personalDataRetention,
    ).toEqual({ eraseAt: '2022-03-07T13:00:00Z' });
    expect(
      issuesOf({ ...input, personalDataRetention: { eraseAt: '2024-06-03T22:00:00Z', period: 'P2Y' } }),
    ).toEqual([expect.objectContaining({ path: 'personalDataRetention' })]);
    expect(wsisForum2022.personalDataRetention).toEqual({ eraseAt: '2024-06-03T22:00:00Z' });
  });

  it('lets several calls go without a reference prefix', () => {
    const input = validInput();
    const [call] = input.calls;
    if (call === undefined) throw new Error('fixture');
    const { referencePrefix: _omitted, ...withoutPrefix } = call;

    expect(() =>
      parseConsultationDefinition({
        ...input,
        calls: [withoutPrefix, { ...withoutPrefix, kind: 'photo-contest' }],
      }),
    ).not.toThrow();
  });

  it('rejects repeated stakeholder types, a backwards forum week and repeated reminder offsets', () => {
    const input = validInput();

    expect(
      issuesOf({ ...input, stakeholderTypes: ['government', 'academia-technical', 'government'] }),
    ).toEqual([{ path: 'stakeholderTypes.2', message: 'Stakeholder type government is listed twice' }]);
    expect(
      issuesOf({
        ...input,
        forum: {
          opensOn: '2022-06-01',
          finalWeek: { startsOn: '2022-05-30', endsOn: '2022-05-29' },
          venue: { en: 'Geneva' },
        },
      }).map((issue) => issue.path),
    ).toEqual(['forum.finalWeek.endsOn', 'forum.opensOn']);
    expect(
      issuesOf({ ...input, reminderPolicy: { beforeCallClose: ['P1D', 'PT24H'], beforeMeeting: [] } }),
    ).toEqual([expect.objectContaining({ path: 'reminderPolicy.beforeCallClose.1' })]);
  });

  it('rejects reminder offsets in months, weeks or of zero length', () => {
    for (const offset of ['P1M', 'P2W', 'PT0M', 'P', '14 days']) {
      expect(
        issuesOf({ ...validInput(), reminderPolicy: { beforeCallClose: [offset], beforeMeeting: [] } }),
      ).toEqual([expect.objectContaining({ path: 'reminderPolicy.beforeCallClose.0' })]);
    }
  });

  it('converts to JSON Schema with strict objects, for the OpenAPI document', () => {
    const jsonSchema = z.toJSONSchema(consultationDefinitionSchema);

    expect(jsonSchema).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: expect.arrayContaining(['id', 'phases', 'calls', 'officialTimeZone']),
    });
    expect(JSON.stringify(jsonSchema)).toContain('opensAt <= t < closesAt');
  });
});
