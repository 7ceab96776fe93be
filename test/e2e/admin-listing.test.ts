import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { localCredentials, localRegion } from '../../local/runtime.ts';
import { signedFetch } from '../../local/signed-fetch.ts';
import { personalDataColumns } from '../../shared/domain/submission-export.ts';
import { parseCsv } from '../support/csv-reader.ts';
import { exampleCallBlocks } from '../support/issue-example-submission.ts';
import { postJson, useLocalRuntime } from './local-runtime.ts';
import { bearer, bodyFor, createdFrom, send, wsis } from './submission-helpers.ts';

// The day before the submission deadline, clock frozen: each test moves it when it needs to.
const runtime = useLocalRuntime({ clockAt: '2022-03-06T12:00:00Z', schedulerPollIntervalMs: 0 });
const api = (path: string) => `${runtime().endpoints.api}${path}`;
const admin = `/v1/admin/consultations/${wsis}`;

const signedGet = (path: string) =>
  signedFetch(api(path), { method: 'GET', credentials: localCredentials, region: localRegion });

async function signedJson(
  path: string,
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const response = await signedGet(path);
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

interface Fixture {
  readonly key: string;
  readonly call: string;
  readonly stakeholderType: string;
  readonly country: string;
  readonly actionLines: readonly string[];
  readonly sdgs: readonly number[];
  readonly status: 'submitted' | 'draft' | 'withdrawn';
  readonly title?: string;
  readonly organization?: string;
  readonly extra?: Record<string, unknown>;
}

const nomination = {
  ...exampleCallBlocks['hltf-nomination'].nomination,
  nominator: { name: 'Kenji Sato', organization: 'University of Tokyo', email: 'kenji.sato@example.org' },
};

const fixtures: readonly Fixture[] = [
  {
    key: 'sn',
    call: 'official-submission',
    stakeholderType: 'government',
    country: 'SN',
    actionLines: ['C2', 'C7'],
    sdgs: [4, 9],
    status: 'submitted',
  },
  {
    key: 'co',
    call: 'official-submission',
    stakeholderType: 'civil-society',
    country: 'CO',
    actionLines: ['C1'],
    sdgs: [5],
    status: 'submitted',
    title: 'Conectividad, "rural"\nsegunda línea',
    organization: '=HYPERLINK("http://evil.example","Fundación")',
  },
  {
    key: 'fr',
    call: 'workshop-request',
    stakeholderType: 'private-sector',
    country: 'FR',
    actionLines: ['C7.e-health'],
    sdgs: [3],
    status: 'submitted',
    extra: {
      workshop: {
        format: 'hybrid',
        durationMinutes: 60,
        organizers: [
          { organization: 'Santé Numérique SA', stakeholderType: 'private-sector', country: 'FR' },
        ],
        coOrganizers: [],
        speakers: [],
      },
    },
  },
  {
    key: 'jp',
    call: 'hltf-nomination',
    stakeholderType: 'academia-technical',
    country: 'JP',
    actionLines: ['C4'],
    sdgs: [4],
    status: 'submitted',
    extra: { nomination },
  },
  {
    key: 'fj',
    call: 'photo-contest',
    stakeholderType: 'international-organization',
    country: 'FJ',
    actionLines: ['C3'],
    sdgs: [13],
    status: 'submitted',
    extra: {
      photo: {
        caption: 'Reef monitoring',
        place: 'Suva',
        sdg: 13,
        rightsDeclaration: true,
        ageDeclaration: true,
      },
    },
  },
  {
    key: 'eg',
    call: 'regional-input',
    stakeholderType: 'government',
    country: 'EG',
    actionLines: ['C11'],
    sdgs: [17],
    status: 'submitted',
    extra: {
      event: {
        name: 'Arab regional WSIS review',
        date: '2022-01-20',
        place: 'Cairo',
        outcomeSummary: 'Notes',
      },
    },
  },
  {
    key: 'aq',
    call: 'official-submission',
    stakeholderType: 'civil-society',
    country: 'AQ',
    actionLines: ['C7.e-environment'],
    sdgs: [13],
    status: 'submitted',
  },
  {
    key: 'us',
    call: 'official-submission',
    stakeholderType: 'private-sector',
    country: 'US',
    actionLines: ['C6'],
    sdgs: [9],
    status: 'draft',
  },
  {
    key: 'br',
    call: 'official-submission',
    stakeholderType: 'government',
    country: 'BR',
    actionLines: ['C2'],
    sdgs: [9],
    status: 'withdrawn',
  },
  {
    key: 'ke',
    call: 'official-submission',
    stakeholderType: 'government',
    country: 'KE',
    actionLines: ['C2', 'C5'],
    sdgs: [9, 16],
    status: 'submitted',
  },
  {
    key: 'in',
    call: 'official-submission',
    stakeholderType: 'academia-technical',
    country: 'IN',
    actionLines: ['C7.e-learning'],
    sdgs: [4],
    status: 'submitted',
  },
  {
    key: 'de',
    call: 'workshop-request',
    stakeholderType: 'civil-society',
    country: 'DE',
    actionLines: ['C10'],
    sdgs: [16],
    status: 'draft',
    extra: undefined,
  },
];

interface Created {
  readonly key: string;
  readonly id: string;
  readonly reference: string;
  readonly createdAt: string;
  readonly email: string;
  readonly fixture: Fixture;
}

let created: Created[] | undefined;

/** Creates every fixture once, through the public API, a second apart (so the order is by time). */
async function submissions(): Promise<Created[]> {
  if (created !== undefined) return created;
  const made: Created[] = [];
  let at = Date.parse('2022-03-06T12:00:00Z');
  for (const fixture of fixtures) {
    at += 1000;
    const moved = await postJson(api('/_local/clock'), { at: new Date(at).toISOString() });
    expect(moved.status).toBe(200);
    const email = `focal.point.${fixture.key}@example.org`;
    const base = bodyFor(email);
    const submitter = base.submitter as Record<string, unknown>;
    const extra =
      fixture.extra ??
      (fixture.call === 'workshop-request'
        ? {
            workshop: {
              format: 'virtual',
              durationMinutes: 30,
              organizers: [{ organization: 'Org', stakeholderType: 'civil-society' }],
              coOrganizers: [],
              speakers: [],
            },
          }
        : {});
    const reply = await send(api(`/v1/consultations/${wsis}/submissions`), {
      method: 'POST',
      body: {
        ...base,
        call: fixture.call,
        submitter: {
          ...submitter,
          name: `Focal Point ${fixture.key.toUpperCase()}`,
          organization: fixture.organization ?? `Organization ${fixture.key.toUpperCase()}`,
          stakeholderType: fixture.stakeholderType,
          country: fixture.country,
        },
        title: fixture.title ?? `Contribution from ${fixture.key.toUpperCase()}`,
        actionLines: fixture.actionLines,
        sdgs: fixture.sdgs,
        status: fixture.status === 'draft' ? 'draft' : 'submitted',
        ...extra,
      },
    });
    const submission = createdFrom(reply);
    if (fixture.status === 'withdrawn') {
      const withdrawn = await send(api(`/v1/submissions/${submission.id}`), {
        method: 'DELETE',
        headers: bearer(submission.editToken),
      });
      expect(withdrawn.status).toBe(200);
    }
    made.push({
      key: fixture.key,
      id: submission.id,
      reference: submission.reference,
      createdAt: String(reply.body.createdAt),
      email,
      fixture,
    });
  }
  created = made;
  return made;
}

const keysOf = (items: unknown, all: readonly Created[]) =>
  (items as { id: string }[]).map((item) => all.find((entry) => entry.id === item.id)?.key);

/** Newest first: the fixtures were created a second apart, in order. */
const newestFirst = (all: readonly Created[], keep: (fixture: Fixture) => boolean = () => true) =>
  [...all]
    .reverse()
    .filter((entry) => keep(entry.fixture))
    .map((entry) => entry.key);

async function expectUnsigned(path: string): Promise<void> {
  const response = await fetch(api(path));
  expect(response.status).toBe(403);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(await response.json()).toMatchObject({ type: '/problems/missing-authentication' });
}

describe('the three admin listing routes refuse unsigned requests', () => {
  it.each([
    `${admin}/submissions`,
    `${admin}/submissions?call=official-submission`,
    `${admin}/submissions/export?format=csv&personalData=true`,
    `${admin}/stats`,
  ])('GET %s unsigned: 403 /problems/missing-authentication', async (path) => {
    await submissions();
    await expectUnsigned(path);
  });
});

describe('GET /v1/admin/consultations/{id}/submissions', () => {
  it('lists newest first, without names or addresses, never cached', async () => {
    const all = await submissions();
    const reply = await signedJson(`${admin}/submissions`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(keysOf(reply.body.items, all)).toEqual(newestFirst(all));
    expect(reply.body.nextCursor).toBeNull();
    const text = JSON.stringify(reply.body);
    expect(text).not.toContain('@example.org');
    expect(text).not.toContain('Focal Point');
    const sn = (reply.body.items as Record<string, unknown>[]).find((item) => item.id === all[0]?.id);
    expect(sn).toEqual({
      id: all[0]?.id,
      reference: all[0]?.reference,
      call: 'official-submission',
      status: 'submitted',
      title: 'Contribution from SN',
      stakeholderType: 'government',
      organization: 'Organization SN',
      country: 'SN',
      region: 'africa',
      subRegion: 'sub-saharan-africa',
      actionLines: ['C2', 'C7'],
      sdgs: [4, 9],
      createdAt: all[0]?.createdAt,
      submittedAt: all[0]?.createdAt,
    });
    const aq = (reply.body.items as Record<string, unknown>[]).find((item) => item.country === 'AQ');
    expect(aq).toMatchObject({ region: null, subRegion: null });
  });

  it('walks every submission once, a page of `limit` at a time, with the cursor it is given', async () => {
    const all = await submissions();
    for (const limit of [1, 4, 5]) {
      const seen: (string | undefined)[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `limit=${limit}${cursor === null ? '' : `&cursor=${cursor}`}`;
        const reply = await signedJson(`${admin}/submissions?${query}`);
        expect(reply.status).toBe(200);
        const items = reply.body.items as unknown[];
        expect(items.length).toBeGreaterThan(0);
        expect(items.length).toBeLessThanOrEqual(limit);
        seen.push(...keysOf(items, all));
        cursor = reply.body.nextCursor as string | null;
        pages += 1;
      } while (cursor !== null);
      expect(seen).toEqual(newestFirst(all));
      expect(pages).toBe(Math.ceil(all.length / limit));
    }
  });

  it('filters by call, status, stakeholder type, country, region, sub-region, action line, SDG and text', async () => {
    const all = await submissions();
    const cases: [string, (fixture: Fixture) => boolean][] = [
      ['call=workshop-request', (f) => f.call === 'workshop-request'],
      ['status=draft', (f) => f.status === 'draft'],
      ['status=withdrawn', (f) => f.status === 'withdrawn'],
      ['stakeholderType=government', (f) => f.stakeholderType === 'government'],
      ['country=SN', (f) => f.country === 'SN'],
      ['region=africa', (f) => ['SN', 'EG', 'KE'].includes(f.country)],
      ['region=americas&status=submitted', (f) => f.country === 'CO'],
      ['subRegion=latin-america-and-the-caribbean', (f) => ['CO', 'BR'].includes(f.country)],
      ['actionLine=C7.e-health', (f) => f.actionLines.includes('C7.e-health')],
      ['actionLine=C2', (f) => f.actionLines.includes('C2')],
      ['sdg=9', (f) => f.sdgs.includes(9)],
      ['q=CONECTIVIDAD', (f) => f.key === 'co'],
      ['q=organization%20k', (f) => f.key === 'ke'],
      [
        'call=official-submission&stakeholderType=government&sdg=9',
        (f) => ['SN', 'BR', 'KE'].includes(f.country),
      ],
      ['q=focal.point', () => false],
    ];
    for (const [query, keep] of cases) {
      const reply = await signedJson(`${admin}/submissions?${query}&limit=2`);
      expect(reply.status, query).toBe(200);
      const expected = newestFirst(all, keep);
      expect(keysOf(reply.body.items, all), query).toEqual(expected.slice(0, 2));
      expect(reply.body.nextCursor === null, query).toBe(expected.length <= 2);
    }
    const reference = all[3]?.reference ?? '';
    const byReference = await signedJson(`${admin}/submissions?q=${reference.toLowerCase()}`);
    expect(keysOf(byReference.body.items, all)).toEqual(['jp']);
  });

  it('refuses a tampered cursor, an unknown filter and a limit out of range with 400 problems naming the field', async () => {
    await submissions();
    const first = await signedJson(`${admin}/submissions?limit=2`);
    const cursor = String(first.body.nextCursor);
    const tampered = `${cursor.slice(0, 5)}${cursor[5] === 'x' ? 'y' : 'x'}${cursor.slice(6)}`;
    for (const [query, path] of [
      [`cursor=${tampered}`, 'query.cursor'],
      ['cursor=bm90LWEtY3Vyc29y', 'query.cursor'],
      ['limit=201', 'query.limit'],
      ['limit=0', 'query.limit'],
      ['sdg=18', 'query.sdg'],
      ['region=atlantis', 'query.region'],
      ['country=XK', 'query.country'],
    ] as const) {
      const response = await signedGet(`${admin}/submissions?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      const problem = (await response.json()) as { type: string; errors: { path: string }[] };
      expect(problem.type).toBe('/problems/validation');
      expect(
        problem.errors.map((error) => error.path),
        query,
      ).toContain(path);
    }
    const unknown = await signedJson(`${admin}/submissions?stakeholder_type=government`);
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.errors)).toContain('stakeholder_type');
    const missing = await signedJson('/v1/admin/consultations/no-such-consultation/submissions');
    expect(missing.status).toBe(404);
    expect(missing.body.type).toBe('/problems/consultation-not-found');
  });
});

async function exportOf(query: string): Promise<{ response: Response; bytes: Buffer }> {
  const response = await signedGet(`${admin}/submissions/export${query}`);
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

async function auditTrail(): Promise<Record<string, unknown>[]> {
  const reply = await signedJson(`${admin}/audit?kind=submissions-exported&limit=1000`);
  expect(reply.status).toBe(200);
  // Each item of the audit route carries the stored entry whole, beside its who/what/before/after.
  return (reply.body.entries as { entry: Record<string, unknown> }[]).map((item) => item.entry);
}

describe('GET /v1/admin/consultations/{id}/submissions/export', () => {
  it('answers CSV in UTF-8 with a BOM, CRLF records, RFC 4180 quoting, by reference, without personal data by default', async () => {
    const all = await submissions();
    const { response, bytes } = await exportOf('');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="wsis-forum-2022-submissions-20220306T\d{6}Z\.csv"$/,
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    if (header === undefined) throw new Error('no header');
    expect(header[0]).toBe('reference');
    for (const name of personalDataColumns) expect(header).not.toContain(name);
    expect(text).not.toContain('@example.org');
    expect(text).not.toContain('Focal Point');
    expect(rows).toHaveLength(all.length);
    expect(rows.map((row) => row[0])).toEqual(all.map((entry) => entry.reference).sort());
    const column = (name: string) => header.indexOf(name);
    const co = rows.find((row) => row[column('country')] === 'CO');
    expect(co?.[column('title')]).toBe('Conectividad, "rural"\nsegunda línea');
    expect(co?.[column('organization')]).toBe(`'=HYPERLINK("http://evil.example","Fundación")`);
    expect(co?.[column('region')]).toBe('Americas');
    expect(co?.[column('sub_region')]).toBe('Latin America and the Caribbean');
    expect(co?.[column('intermediate_region')]).toBe('South America');
    const sn = rows.find((row) => row[column('country')] === 'SN');
    expect(sn?.[column('action_lines')]).toBe('C2; C7');
    expect(sn?.[column('sdgs')]).toBe('4; 9');
    expect(response.headers.get('x-row-count')).toBe(String(all.length));
  });

  it('adds the personal-data columns only when asked, takes the list’s filters, and answers JSON too', async () => {
    const all = await submissions();
    const { response, bytes } = await exportOf('?personalData=true&call=hltf-nomination');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('-with-personal-data-');
    const [header, ...rows] = parseCsv(bytes.toString('utf8').slice(1));
    for (const name of personalDataColumns) expect(header).toContain(name);
    expect(rows).toHaveLength(1);
    const row = Object.fromEntries((header ?? []).map((name, index) => [name, rows[0]?.[index]]));
    expect(row).toMatchObject({
      reference: all.find((entry) => entry.key === 'jp')?.reference,
      submitter_name: 'Focal Point JP',
      submitter_email: 'focal.point.jp@example.org',
      nominee_email: 'ana.souza@example.org',
      nominator_email: 'kenji.sato@example.org',
    });

    const json = await exportOf('?format=json&region=africa&status=submitted');
    expect(json.response.status).toBe(200);
    expect(json.response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(json.response.headers.get('content-disposition')).toMatch(/\.json"$/);
    const document = JSON.parse(json.bytes.toString('utf8')) as {
      personalData: boolean;
      count: number;
      submissions: Record<string, unknown>[];
    };
    expect(document.personalData).toBe(false);
    expect(document.submissions.map((entry) => entry.country)).toEqual(
      ['SN', 'EG', 'KE'].sort((a, b) => {
        const reference = (country: string) =>
          all.find((entry) => entry.fixture.country === country)?.reference ?? '';
        return reference(a) < reference(b) ? -1 : 1;
      }),
    );
    expect(document.count).toBe(3);
    expect(document.submissions[0]).not.toHaveProperty('submitter_email');
    expect(JSON.stringify(document)).not.toContain('@example.org');
  });

  it('records every export in the audit trail: who, when, filters (never the search words), personal data, rows', async () => {
    await submissions();
    const before = (await auditTrail()).filter((entry) => entry.kind === 'submissions-exported').length;
    expect((await exportOf('?personalData=true&q=fundaci%C3%B3n')).response.status).toBe(200);
    expect((await exportOf('?country=SN')).response.status).toBe(200);
    const exports = (await auditTrail()).filter((entry) => entry.kind === 'submissions-exported');
    expect(exports).toHaveLength(before + 2);
    // The clock is frozen: exports share an instant, so their order in the trail is not theirs.
    expect(exports).toEqual(
      expect.arrayContaining([
        {
          kind: 'submissions-exported',
          at: expect.any(String),
          actor: 'arn:aws:iam::000000000000:user/local-secretariat',
          format: 'csv',
          filters: { freeText: true },
          personalData: true,
          rowCount: 1,
        },
        {
          kind: 'submissions-exported',
          at: expect.any(String),
          actor: 'arn:aws:iam::000000000000:user/local-secretariat',
          format: 'csv',
          filters: { country: 'SN' },
          personalData: false,
          rowCount: 1,
        },
      ]),
    );
    expect(JSON.stringify(exports).toLowerCase()).not.toContain('fundaci');
  });

  it('refuses bad parameters with 400 and an unknown consultation with 404', async () => {
    for (const query of ['?format=xlsx', '?personalData=yes', '?limit=5']) {
      const { response, bytes } = await exportOf(query);
      expect(response.status, query).toBe(400);
      expect(JSON.parse(bytes.toString('utf8'))).toMatchObject({ type: '/problems/validation' });
    }
    const missing = await signedGet('/v1/admin/consultations/no-such-consultation/submissions/export');
    expect(missing.status).toBe(404);
  });
});

describe('GET /v1/admin/consultations/{id}/stats', () => {
  it('counts each call by status and the submitted ones by call, stakeholder type, region, country, action line and SDG', async () => {
    await submissions();
    const reply = await signedJson(`${admin}/stats`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    const stats = reply.body as {
      calls: { call: string; draft: number; submitted: number; withdrawn: number }[];
      submitted: Record<string, unknown> & { total: number };
    };
    expect(stats.calls).toEqual([
      { call: 'official-submission', draft: 1, submitted: 5, withdrawn: 1 },
      { call: 'workshop-request', draft: 1, submitted: 1, withdrawn: 0 },
      { call: 'hltf-nomination', draft: 0, submitted: 1, withdrawn: 0 },
      { call: 'photo-contest', draft: 0, submitted: 1, withdrawn: 0 },
      { call: 'regional-input', draft: 0, submitted: 1, withdrawn: 0 },
    ]);
    expect(stats.submitted).toMatchObject({
      total: 9,
      byCall: {
        'official-submission': 5,
        'workshop-request': 1,
        'hltf-nomination': 1,
        'photo-contest': 1,
        'regional-input': 1,
      },
      byStakeholderType: {
        government: 3,
        'private-sector': 1,
        'civil-society': 2,
        'academia-technical': 2,
        'international-organization': 1,
      },
      byRegion: { africa: 3, americas: 1, asia: 2, europe: 1, oceania: 1 },
      withoutRegion: 1,
      byCountry: { AQ: 1, CO: 1, EG: 1, FJ: 1, FR: 1, IN: 1, JP: 1, KE: 1, SN: 1 },
    });
    expect(stats.submitted.bySubRegion).toMatchObject({
      'sub-saharan-africa': 2,
      'northern-africa': 1,
      'latin-america-and-the-caribbean': 1,
      melanesia: 1,
      'western-europe': 1,
      'eastern-asia': 1,
      'southern-asia': 1,
    });
    expect(stats.submitted.byActionLine).toMatchObject({
      C2: 2,
      C7: 1,
      'C7.e-health': 1,
      C1: 1,
      C6: 0,
      C10: 0,
    });
    expect(stats.submitted.bySdg).toMatchObject({
      '4': 3,
      '9': 2,
      '13': 2,
      '3': 1,
      '16': 1,
      '17': 1,
      '1': 0,
    });
  });

  it('comes out the same after the submitters’ personal data is erased from their submissions', async () => {
    const all = await submissions();
    const before = await signedJson(`${admin}/stats`);
    // What erasure leaves (another part of issue #7 erases): no name, address or organization.
    const client = new DynamoDBClient({
      endpoint: runtime().endpoints.dynamodb,
      region: runtime().endpoints.region,
      credentials: { ...runtime().endpoints.credentials },
    });
    try {
      for (const entry of all) {
        await client.send(
          new UpdateItemCommand({
            TableName: runtime().endpoints.tables.submissions,
            Key: { pk: { S: `SUBMISSION#${entry.id}` }, sk: { S: 'SUBMISSION' } },
            UpdateExpression:
              'REMOVE content.submitter.#name, content.submitter.email, content.submitter.organization',
            ExpressionAttributeNames: { '#name': 'name' },
          }),
        );
      }
    } finally {
      client.destroy();
    }
    const after = await signedJson(`${admin}/stats`);
    expect(after.status).toBe(200);
    expect(after.body).toEqual(before.body);
  });
});
