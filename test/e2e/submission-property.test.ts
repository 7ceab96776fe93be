import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createdSubmissionSchema } from '../../shared/contracts/submission.ts';
import { useLocalRuntime } from './local-runtime.ts';
import {
  bearer,
  bodyFor,
  createdFrom,
  emailCount,
  issueExampleBody,
  send,
  submissionTableItemCount,
  wsis,
} from './submission-helpers.ts';

/**
 * Thousands of random and malformed requests against the running system: every answer is a 2xx or
 * a 4xx (never a 5xx), and a 4xx leaves the submissions table and the outbox exactly as they were.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A path into a JSON value, and the value with something at that path replaced or removed. */
function mutate(value: Json, path: readonly (string | number)[], replacement: Json | undefined): Json {
  const [head, ...rest] = path;
  if (head === undefined) return replacement === undefined ? null : replacement;
  if (Array.isArray(value) && typeof head === 'number') {
    const copy = [...value];
    if (rest.length === 0 && replacement === undefined) copy.splice(head, 1);
    else copy[head] = mutate(copy[head] ?? null, rest, replacement);
    return copy;
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && typeof head === 'string') {
    const copy: { [key: string]: Json } = { ...value };
    if (rest.length === 0 && replacement === undefined) delete copy[head];
    else copy[head] = mutate(copy[head] ?? null, rest, replacement);
    return copy;
  }
  return value;
}

function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const here = prefix.length === 0 ? [] : [prefix];
  if (Array.isArray(value))
    return [...here, ...value.flatMap((item, index) => pathsOf(item, [...prefix, index]))];
  if (typeof value === 'object' && value !== null) {
    return [...here, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
  }
  return here;
}

const validBodies: Json[] = [
  issueExampleBody as Json,
  bodyFor('property@example.org', {
    call: 'workshop-request',
    status: 'draft',
    workshop: {
      format: 'virtual',
      durationMinutes: 90,
      organizers: [{ organization: 'ISOC Senegal', stakeholderType: 'civil-society', country: 'SN' }],
      coOrganizers: [],
      speakers: [],
    },
  }) as Json,
  bodyFor('property@example.org', {
    call: 'photo-contest',
    photo: { caption: 'Fibre', place: 'Thiès', sdg: 9, rightsDeclaration: true, ageDeclaration: true },
  }) as Json,
];

/** Small hostile values: wrong types, edge numbers, long and odd strings, deep structures. */
const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  fc.constantFrom<Json>(
    '',
    ' ',
    '\u0000',
    '<script>alert(1)</script>',
    'C7.e-nothing',
    'XX',
    'Mars/Olympus',
    -1,
    0,
    18,
    1.5,
    1e308,
    true,
    [],
    {},
    'x'.repeat(40_000),
  ),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
);

const mutatedBody: fc.Arbitrary<Json> = fc
  .record({
    base: fc.constantFrom(...validBodies),
    changes: fc.array(
      fc.record({ pick: fc.nat(), replacement: fc.option(hostileValue, { nil: undefined }) }),
      { minLength: 1, maxLength: 4 },
    ),
    extraKey: fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
  })
  .map(({ base, changes, extraKey }) => {
    let body = base;
    for (const { pick, replacement } of changes) {
      const paths = pathsOf(body);
      const path = paths[pick % Math.max(paths.length, 1)];
      if (path !== undefined) body = mutate(body, path, replacement);
    }
    if (extraKey !== undefined && typeof body === 'object' && body !== null && !Array.isArray(body)) {
      body = { ...body, [extraKey]: 'unexpected' };
    }
    return body;
  });

interface RawRequest {
  readonly contentType: string | undefined;
  readonly body: string;
  readonly idempotencyKey: string | undefined;
}

const jsonRequest = (body: fc.Arbitrary<Json>): fc.Arbitrary<RawRequest> =>
  fc.record({
    contentType: fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'application/merge-patch+json',
    ),
    body: body.map((value) => JSON.stringify(value)),
    idempotencyKey: fc.option(fc.string({ minLength: 0, maxLength: 300 }), { nil: undefined }),
  });

const malformedRequest: fc.Arbitrary<RawRequest> = fc.record({
  contentType: fc.option(
    fc.constantFrom(
      'text/plain',
      'application/xml',
      'application/x-www-form-urlencoded',
      'application/json',
      '',
    ),
    { nil: undefined },
  ),
  body: fc.oneof(
    fc.string({ unit: 'binary', maxLength: 400 }),
    fc.constantFrom('{', '[1,', '{"call":}', 'null', '"text"', '42', '{"call":"official-submission"'),
    mutatedBody.map((body) => JSON.stringify(body).slice(0, -1)),
  ),
  idempotencyKey: fc.constant(undefined),
});

function headersOf(request: RawRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  if (request.contentType !== undefined) headers['content-type'] = request.contentType;
  // fetch refuses header values with control characters; a real client could not send those either.
  if (request.idempotencyKey !== undefined && /^[\x20-\x7E]*$/.test(request.idempotencyKey)) {
    headers['idempotency-key'] = request.idempotencyKey;
  }
  return headers;
}

describe('random and malformed submission requests', () => {
  const runtime = useLocalRuntime({ clockAt: '2022-03-06T12:00:00Z' });
  const api = (path: string) => `${runtime().endpoints.api}${path}`;

  /** Sends one request and checks the rule: 2xx or 4xx; on a 4xx nothing written, nothing sent. */
  async function checkRule(url: string, method: string, request: RawRequest, extraHeaders = {}) {
    const itemsBefore = await submissionTableItemCount(runtime());
    const emailsBefore = await emailCount(runtime());
    const response = await fetch(url, {
      method,
      headers: { ...headersOf(request), ...extraHeaders },
      body: request.body,
    });
    const text = await response.text();
    expect(response.status, `${method} ${request.body.slice(0, 200)} -> ${text.slice(0, 300)}`).toBeLessThan(
      500,
    );
    expect(response.status).toBeGreaterThanOrEqual(200);
    if (response.status >= 400) {
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await submissionTableItemCount(runtime())).toBe(itemsBefore);
      expect(await emailCount(runtime())).toBe(emailsBefore);
    }
    return { status: response.status, text };
  }

  it('answers random JSON, mutated submissions and malformed bodies to POST with 2xx or 4xx only', async () => {
    const url = api(`/v1/consultations/${wsis}/submissions`);
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          { weight: 2, arbitrary: jsonRequest(fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<Json>) },
          { weight: 5, arbitrary: jsonRequest(mutatedBody) },
          // Mutations seldom leave a body valid (6 in 1,500 in one run, none in another): unchanged
          // valid bodies keep the accepting side of the rule exercised on every seed.
          { weight: 1, arbitrary: jsonRequest(fc.constantFrom(...validBodies)) },
          { weight: 2, arbitrary: malformedRequest },
        ),
        async (request) => {
          const { status, text } = await checkRule(url, 'POST', request);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status === 201) createdSubmissionSchema.parse(JSON.parse(text));
        },
      ),
      { numRuns: 1500 },
    );
    // The generators reach both sides of the rule, not only refusals.
    expect(statuses.get(201) ?? 0).toBeGreaterThan(0);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(300);
  }, 600_000);

  it('answers random merge patches with 2xx or 4xx only, and a refused patch changes nothing', async () => {
    const created = createdFrom(
      await send(api(`/v1/consultations/${wsis}/submissions`), { method: 'POST', body: issueExampleBody }),
    );
    const url = api(`/v1/submissions/${created.id}`);
    let version = 1;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          { weight: 4, arbitrary: jsonRequest(mutatedBody) },
          { weight: 3, arbitrary: jsonRequest(fc.dictionary(fc.string({ maxLength: 10 }), hostileValue)) },
          { weight: 1, arbitrary: malformedRequest },
        ),
        async (request) => {
          const { status } = await checkRule(url, 'PATCH', request, {
            ...bearer(created.editToken),
            'if-match': `"${version}"`,
          });
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status === 200) {
            const read = await send(url, { method: 'GET', headers: bearer(created.editToken) });
            version = Number(read.headers.get('etag')?.replaceAll('"', ''));
          }
        },
      ),
      { numRuns: 600 },
    );
    expect(statuses.get(400) ?? 0).toBeGreaterThan(100);
  }, 600_000);
});
