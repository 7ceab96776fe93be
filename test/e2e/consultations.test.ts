import { Validator } from '@seriousme/openapi-schema-validator';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { httpFunctions } from '../../functions/manifest.ts';
import { consultationListSchema, consultationViewSchema } from '../../shared/contracts/consultation.ts';
import { problemSchema } from '../../shared/contracts/problem.ts';
import { getJson, postJson, useLocalRuntime } from './local-runtime.ts';

const wsis = 'wsis-forum-2022';

describe('public consultation routes through the local runtime', () => {
  const runtime = useLocalRuntime({ clockAt: '2022-03-06T12:00:00Z' });
  const api = (path: string) => `${runtime().endpoints.api}${path}`;

  it('gives the WSIS 2022 definition with its exact instants and the state at the clock', async () => {
    const { status, contentType, body } = await getJson(api(`/v1/consultations/${wsis}`));
    expect(status).toBe(200);
    expect(contentType).toMatch(/^application\/json/);
    const view = consultationViewSchema.parse(body);
    const phase = (number: number) => view.definition.phases.find((p) => p.number === number);
    expect(phase(1)?.startsAt).toBe('2021-08-19T12:00:00Z');
    expect(phase(5)?.startsAt).toBe('2022-05-02T12:00:00Z');
    const officialSubmissions = view.definition.calls.find((call) => call.kind === 'official-submission');
    expect(officialSubmissions?.closesAt).toBe('2022-03-07T13:00:00Z');

    expect(view.state.at).toBe('2022-03-06T12:00:00.000Z');
    expect(view.state.phase).toEqual({ status: 'between-phases', lastStartedPhase: 3, nextPhase: 4 });
    expect(view.state.openCalls).toContain('official-submission');
    expect(view.state.nextDeadline).toMatchObject({
      id: 'call-official-submission-close',
      time: { at: '2022-03-07T13:00:00.000Z', official: '2022-03-07 14:00 CET' },
    });
    expect(view.timeline.find((t) => t.id === 'phase-1-start')?.time.official).toBe('2021-08-19 14:00 CEST');
  });

  it('shows instants in the reader’s zone when asked', async () => {
    const { body } = await getJson(api(`/v1/consultations/${wsis}?timezone=America/Bogota`));
    const view = consultationViewSchema.parse(body);
    expect(view.state.nextDeadline?.time.reader).toBe('2022-03-07 08:00 UTC-05:00');
  });

  it('lists the consultation', async () => {
    const { status, body } = await getJson(api('/v1/consultations'));
    expect(status).toBe(200);
    const list = consultationListSchema.parse(body);
    expect(list.consultations.map((c) => c.id)).toEqual([wsis]);
    expect(list.consultations[0]?.links.calendar).toBe(`/v1/consultations/${wsis}/calendar.ics`);
  });

  it('answers problems as RFC 9457 problem+json', async () => {
    const unknown = await getJson(api('/v1/consultations/no-such-consultation'));
    expect(unknown.status).toBe(404);
    expect(unknown.contentType).toBe('application/problem+json');
    expect(problemSchema.parse(unknown.body)).toMatchObject({
      type: '/problems/consultation-not-found',
      status: 404,
    });

    const invalid = await getJson(api(`/v1/consultations/Not_A_Slug?timezone=Mars/Olympus&extra=1`));
    expect(invalid.status).toBe(400);
    const problem = problemSchema.parse(invalid.body);
    expect(problem.type).toBe('/problems/validation');
    expect(problem.errors?.map((error) => error.path).sort()).toEqual(['path.id', 'query', 'query.timezone']);

    const noRoute = await getJson(api('/v1/nothing-here'));
    expect(noRoute.status).toBe(404);
    expect(noRoute.contentType).toBe('application/problem+json');

    const wrongMethod = await fetch(api(`/v1/consultations/${wsis}`), { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
  });

  it('serves an iCalendar feed that a standard library reads with the right instants', async () => {
    const response = await fetch(api(`/v1/consultations/${wsis}/calendar.ics`));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await response.text();
    const calendar = new ICAL.Component(ICAL.parse(text));
    const timeZone = calendar.getFirstSubcomponent('vtimezone');
    if (timeZone === null) throw new Error('The calendar has no VTIMEZONE');
    ICAL.TimezoneService.register(new ICAL.Timezone(timeZone));
    const startsByUid = new Map(
      calendar.getAllSubcomponents('vevent').map((vevent) => {
        const event = new ICAL.Event(vevent);
        return [event.uid, event.startDate.toJSDate().toISOString()] as const;
      }),
    );
    expect(startsByUid.get(`${wsis}-phase-1@consultations.localhost`)).toBe('2021-08-19T12:00:00.000Z');
    expect(startsByUid.get(`${wsis}-phase-5@consultations.localhost`)).toBe('2022-05-02T12:00:00.000Z');
    const deadline = [...startsByUid].find(([uid]) => uid.includes('official-submission'));
    expect(deadline?.[1]).toBe('2022-03-07T13:00:00.000Z');

    const again = await (await fetch(api(`/v1/consultations/${wsis}/calendar.ics`))).text();
    expect(again).toBe(text);
  });

  it('publishes a valid OpenAPI 3.1 document covering every route of the manifest', async () => {
    const { status, body } = await getJson(api('/v1/openapi.json'));
    expect(status).toBe(200);
    const result = await new Validator().validate(body as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const paths = (body as { paths: Record<string, Record<string, unknown>> }).paths;
    for (const fn of httpFunctions) {
      expect(
        paths[fn.trigger.path]?.[fn.trigger.method.toLowerCase()],
        `${fn.trigger.method} ${fn.trigger.path}`,
      ).toBeDefined();
    }
  });

  it('moves the clock forward only, and the state follows it', async () => {
    expect((await getJson(api('/_local/clock'))).body).toEqual({ now: '2022-03-06T12:00:00.000Z', speed: 0 });
    const moved = await postJson(api('/_local/clock'), { at: '2022-03-07T13:00:00Z' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ now: '2022-03-07T13:00:00.000Z' });
    expect((await getJson(api('/_local/clock'))).body).toEqual({ now: '2022-03-07T13:00:00.000Z', speed: 0 });
    const { body } = await getJson(api(`/v1/consultations/${wsis}`));
    const view = consultationViewSchema.parse(body);
    expect(view.state.openCalls).not.toContain('official-submission');
    expect(view.state.phase).toMatchObject({ status: 'in-phase', phase: 4 });

    const backwards = await postJson(api('/_local/clock'), { at: '2022-03-01T00:00:00Z' });
    expect(backwards.status).toBe(409);
    const invalid = await postJson(api('/_local/clock'), { at: 'tomorrow' });
    expect(invalid.status).toBe(400);
  });
});
