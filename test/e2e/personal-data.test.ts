import { DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCredentials, localLinkSigningSecret, localRegion } from '../../local/runtime.ts';
import { signedFetch } from '../../local/signed-fetch.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import {
  personErasureSchema,
  personExportSchema,
} from '../../shared/contracts/routes/personal-data-routes.ts';
import { consultationStatsSchema } from '../../shared/contracts/submission.ts';
import { waveFiguresSchema } from '../../shared/contracts/subscriptions.ts';
import { addressKey } from '../../shared/domain/email-address.ts';
import { signUnsubscribeToken } from '../../shared/domain/link-tokens.ts';
import { reminderFixtures } from '../support/reminder-fixtures.ts';
import { emailsTo } from '../support/ses-store.ts';
import { postJson, useLocalRuntime } from './local-runtime.ts';
import { bearer, bodyFor, createdFrom, send, wsis } from './submission-helpers.ts';

// A week before the 14-day reminder of the 7 March deadline; every call is open.
const runtime = useLocalRuntime({ clockAt: '2022-02-21T12:00:00Z', schedulerPollIntervalMs: 0 });
const api = (path: string) => `${runtime().endpoints.api}${path}`;
const fourteenDays = 'deadline-20220307T1300Z-P14D';

// The person, written as people write their address: mixed case. Every check compares lower case.
const person = 'Erin.Okafor@Example.ORG';
const personLower = person.toLowerCase();
const personKey = addressKey(person);
const bystander = 'kwame.mensah@example.org';

function admin(method: string, path: string, body?: unknown) {
  return signedFetch(api(path), {
    method,
    credentials: localCredentials,
    region: localRegion,
    ...(body === undefined ? {} : { body }),
  });
}

async function exportOf(email: string) {
  const response = await admin('GET', `/v1/admin/people/export?email=${encodeURIComponent(email)}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('no-store');
  return personExportSchema.parse(await response.json());
}

async function erase(email: string, reason?: string) {
  const response = await admin('POST', '/v1/admin/people/erase', {
    email,
    ...(reason === undefined ? {} : { reason }),
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('no-store');
  return personErasureSchema.parse(await response.json());
}

/** The Secretariat's statistics (by region, action line, SDG...) and its export with personal data. */
async function adminStats(): Promise<unknown> {
  const response = await admin('GET', `/v1/admin/consultations/${wsis}/stats`);
  expect(response.status).toBe(200);
  return response.json();
}

async function exportWithPersonalData(format: 'csv' | 'json'): Promise<string> {
  const response = await admin(
    'GET',
    `/v1/admin/consultations/${wsis}/submissions/export?format=${format}&personalData=true`,
  );
  expect(response.status).toBe(200);
  return response.text();
}

async function publicStats() {
  return consultationStatsSchema.parse(
    (await send(api(`/v1/consultations/${wsis}/stats`), { method: 'GET' })).body,
  );
}

async function waveFigures() {
  const response = await admin('GET', `/v1/admin/consultations/${wsis}/waves/${fourteenDays}`);
  expect(response.status).toBe(200);
  return waveFiguresSchema.parse(await response.json());
}

async function auditEntries(): Promise<Record<string, unknown>[]> {
  const response = await admin('GET', `/v1/admin/consultations/${wsis}/audit?limit=1000`);
  expect(response.status).toBe(200);
  const page = (await response.json()) as { entries: { entry: Record<string, unknown> }[] };
  return page.entries.map((item) => item.entry);
}

/** Every item of every table, as stored (a Scan: only a test looks at everything this way). */
async function everyItem(): Promise<{ table: string; item: string }[]> {
  const { endpoints } = runtime();
  const client = new DynamoDBClient({
    endpoint: endpoints.dynamodb,
    region: endpoints.region,
    credentials: { ...endpoints.credentials },
  });
  try {
    const items: { table: string; item: string }[] = [];
    for (const [table, tableName] of Object.entries(endpoints.tables)) {
      for await (const page of paginateScan({ client }, { TableName: tableName, ConsistentRead: true })) {
        for (const item of page.Items ?? []) items.push({ table, item: JSON.stringify(item) });
      }
    }
    return items;
  } finally {
    client.destroy();
  }
}

async function storedSubmission(id: string) {
  const { endpoints } = runtime();
  const client = new DynamoDBClient({
    endpoint: endpoints.dynamodb,
    region: endpoints.region,
    credentials: { ...endpoints.credentials },
  });
  try {
    const { Item } = await createDocumentClient(client).send(
      new GetCommand({
        TableName: endpoints.tables.submissions,
        Key: { pk: `SUBMISSION#${id}`, sk: 'SUBMISSION' },
        ConsistentRead: true,
      }),
    );
    return personExportSchema.shape.submissions.element.omit({ roles: true }).parse(Item);
  } finally {
    client.destroy();
  }
}

async function createSubmission(body: Record<string, unknown>) {
  return createdFrom(await send(api(`/v1/consultations/${wsis}/submissions`), { method: 'POST', body }));
}

const workshop = {
  format: 'hybrid',
  durationMinutes: 60,
  organizers: [{ organization: 'Ministry of Digital Economy', stakeholderType: 'government' }],
  coOrganizers: [],
  speakers: [{ name: 'Moussa Ndiaye', organization: 'Sonatel', stakeholderType: 'private-sector' }],
};

function nomination(nomineeEmail: string, nominatorEmail: string) {
  return {
    call: 'hltf-nomination',
    nomination: {
      nominee: {
        name: 'Erin Okafor',
        position: 'Director of Digital Policy',
        organization: 'Anatel',
        email: nomineeEmail,
        stakeholderType: 'government',
        country: 'NG',
      },
      nominator: { name: 'Kwame Mensah', organization: 'Ghana ICT Forum', email: nominatorEmail },
      bio: 'Erin Okafor led twenty years of spectrum policy.',
    },
  };
}

describe('personal data of one address: export, erasure, no trace left, statistics unchanged', () => {
  let fixtures: ReturnType<typeof reminderFixtures>;
  let official: Awaited<ReturnType<typeof createSubmission>>;
  let statsBefore: Awaited<ReturnType<typeof publicStats>>;
  let adminStatsBefore: unknown;
  let figuresBefore: Awaited<ReturnType<typeof waveFigures>>;
  let heldBefore: Awaited<ReturnType<typeof exportOf>>['submissions'] = [];

  beforeAll(async () => {
    fixtures = reminderFixtures(runtime());
    const submitter = {
      name: 'Erin Okafor',
      email: person,
      organization: 'Nigerian Communications Commission',
      stakeholderType: 'government',
      country: 'NG',
      language: 'en',
    };
    // Submitted official submission, a workshop draft (a draft holder gets the deadline reminder),
    // and a nomination by someone else that names the person as nominee.
    official = await createSubmission(bodyFor(person, { submitter }));
    await createSubmission({
      ...bodyFor(person, { submitter: { ...submitter, timezone: 'Africa/Lagos' } }),
      call: 'workshop-request',
      status: 'draft',
      workshop,
    });
    await createSubmission({ ...bodyFor(bystander), ...nomination(person, bystander) });
    // Someone else entirely, who must come out untouched.
    await createSubmission(bodyFor(bystander));

    // Subscribed through the public route (double opt-in), so the daily counter exists too.
    const subscribed = await postJson(api(`/v1/consultations/${wsis}/subscriptions`), {
      email: person,
      language: 'en',
      timezone: 'Africa/Lagos',
      stakeholderType: 'government',
      country: 'NG',
    });
    expect(subscribed.status).toBe(202);
    const [confirmation] = (await emailsTo(runtime().endpoints.sesStore, personLower)).slice(-1);
    const link = /https?:\/\/\S+\/v1\/subscriptions\/confirm\?\S+/.exec(confirmation?.body.text ?? '')?.[0];
    const token = new URL(link ?? 'http://invalid/').searchParams.get('token');
    expect((await postJson(api('/v1/subscriptions/confirm'), { token })).status).toBe(200);

    const extension = await admin(
      'POST',
      `/v1/admin/consultations/${wsis}/calls/official-submission/extensions`,
      {
        grantee: { kind: 'email', email: person },
        until: '2022-03-10T13:00:00Z',
        reason: 'Connectivity outage in Lagos',
      },
    );
    expect(extension.status).toBe(201);

    // The 14-day reminder goes out: to the person once (subscriber and draft holder at once).
    const moved = await postJson(api('/_local/clock'), { at: '2022-02-21T13:00:30Z' });
    expect(moved.status).toBe(200);
    await runtime().idle();
    // The receipt of the official submission, the confirmation, then the one reminder.
    expect(await emailsTo(runtime().endpoints.sesStore, personLower)).toHaveLength(3);

    // Then they unsubscribe in one click, and (as SES would report) the address bounces once.
    const unsubscribeToken = signUnsubscribeToken(localLinkSigningSecret, {
      consultationId: wsis,
      addressKey: personKey,
    });
    const unsubscribed = await fetch(api(`/v1/unsubscribe?token=${unsubscribeToken}`), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(unsubscribed.status).toBe(200);
    await fixtures.suppress(person);

    statsBefore = await publicStats();
    adminStatsBefore = await adminStats();
    // Before the erasure, the Secretariat's export with personal data names the person.
    expect((await exportWithPersonalData('csv')).toLowerCase()).toContain(personLower);
    figuresBefore = await waveFigures();
  });
  afterAll(() => fixtures?.close());

  it('refuses both routes unsigned, with 403 problem+json, and reads and erases nothing', async () => {
    const unsignedExport = await fetch(api(`/v1/admin/people/export?email=${encodeURIComponent(person)}`));
    const unsignedErase = await fetch(api('/v1/admin/people/erase'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: person }),
    });
    for (const response of [unsignedExport, unsignedErase]) {
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(await response.json()).toMatchObject({ type: '/problems/missing-authentication', status: 403 });
    }
    expect((await exportOf(person)).found.submissions).toBe(3);
  });

  it('refuses a malformed request with field paths and writes nothing', async () => {
    const before = await everyItem();
    const badExport = await admin('GET', '/v1/admin/people/export?email=not-an-address');
    expect(badExport.status).toBe(400);
    expect(await badExport.json()).toMatchObject({
      errors: [expect.objectContaining({ path: 'query.email' })],
    });
    const badErase = await admin('POST', '/v1/admin/people/erase', { email: person, unexpected: true });
    expect(badErase.status).toBe(400);
    expect(await everyItem()).toEqual(before);
  });

  it('exports everything held about the address, in any case, grouped by kind', async () => {
    const held = await exportOf(person.toUpperCase());
    expect(held.email).toBe(personLower);
    expect(held.addressKey).toBe(personKey);
    expect(held.submissions.map((submission) => [submission.call, submission.roles])).toEqual(
      expect.arrayContaining([
        ['official-submission', ['submitter']],
        ['workshop-request', ['submitter']],
        ['hltf-nomination', ['nominee']],
      ]),
    );
    expect(held.submissions).toHaveLength(3);
    heldBefore = held.submissions;
    expect(JSON.stringify(held.submissions)).not.toContain('editTokenSha256');
    expect(held.subscriptions).toEqual([
      expect.objectContaining({
        consultationId: wsis,
        email: personLower,
        status: 'unsubscribed',
        country: 'NG',
      }),
    ]);
    expect(held.optOuts).toEqual([{ consultationId: wsis, optedOutAt: expect.any(String) }]);
    expect(held.confirmationEmails).toEqual([{ day: '2022-02-21', count: 1 }]);
    expect(held.deliveries).toEqual([
      expect.objectContaining({ consultationId: wsis, waveId: fourteenDays, state: 'sent' }),
    ]);
    expect(held.suppression).toMatchObject({ reason: 'bounce', addressInClear: true });
    expect(held.extensions).toEqual([
      expect.objectContaining({
        consultationId: wsis,
        extension: expect.objectContaining({ call: 'official-submission' }),
      }),
    ]);
    expect(held.auditEntries).toEqual([
      expect.objectContaining({
        consultationId: wsis,
        entry: expect.objectContaining({ kind: 'extension-granted' }),
      }),
    ]);

    const exported = (await auditEntries()).filter((entry) => entry.kind === 'personal-data-exported');
    expect(exported.at(-1)).toMatchObject({
      actor: 'arn:aws:iam::000000000000:user/local-secretariat',
      addressKey: personKey,
      found: { submissions: 3, subscriptions: 1, sendRecords: 1, extensions: 1 },
    });
    expect(JSON.stringify(exported).toLowerCase()).not.toContain(personLower);
  });

  it('erases the address from every table and export, while the statistics and wave figures stay the same', async () => {
    const result = await erase(person, 'Data-protection request DP-2022-017');
    expect(result).toMatchObject({
      addressKey: personKey,
      erased: {
        submissions: 3,
        subscriptions: 1,
        optOuts: 0,
        confirmationEmailCounters: 1,
        sendRecords: 1,
        suppressions: 1,
        extensions: 1,
        auditEntries: 1,
      },
      kept: { optOuts: 1, suppressions: 1 },
      recordedIn: [wsis],
    });

    // No trace of the address, in any case, nor of the name, in any item of any table.
    const items = await everyItem();
    const dump = items.map(({ item }) => item.toLowerCase());
    expect(dump.filter((item) => item.includes(personLower))).toEqual([]);
    expect(dump.filter((item) => item.includes('okafor'))).toEqual([]);
    // The address key (a SHA-256, not the address) stays only where the objection to mail is kept
    // and where the audit trail records the export and the erasure.
    const keyed = items
      .filter(({ item }) => item.includes(personKey))
      .map(({ table, item }) => {
        const parsed = JSON.parse(item) as { pk: { S: string }; sk: { S: string } };
        return `${table} ${parsed.pk.S.split('#')[0]} ${parsed.sk.S.split('#')[0]}`;
      });
    expect([...new Set(keyed)].sort()).toEqual([
      'consultations CONSULTATION AUDIT',
      'deliveries SUPPRESSED SUPPRESSION',
      'subscriptions CONSULTATION OPT-OUT',
    ]);
    // The bystander who nominated the person is untouched.
    expect(dump.some((item) => item.includes(bystander))).toBe(true);

    expect(await publicStats()).toEqual(statsBefore);
    expect(await adminStats()).toEqual(adminStatsBefore);
    expect(await waveFigures()).toEqual(figuresBefore);
    for (const format of ['csv', 'json'] as const) {
      expect((await exportWithPersonalData(format)).toLowerCase()).not.toContain(personLower);
    }
    // Whatever any statistic counts (call, status, stakeholder type, country and so region, action
    // lines, SDGs, organization, language) is what it was.
    for (const before of heldBefore) {
      const stored = await storedSubmission(before.id);
      const counted = (submission: typeof before) => ({
        call: submission.call,
        status: submission.status,
        reference: submission.reference,
        stakeholderType: submission.content.submitter.stakeholderType,
        country: submission.content.submitter.country,
        organization: submission.content.submitter.organization,
        language: submission.content.submitter.language,
        actionLines: submission.content.actionLines,
        sdgs: submission.content.sdgs,
      });
      expect(counted({ ...stored, roles: before.roles })).toEqual(counted(before));
      expect(stored.personalDataErasedAt).toBe('2022-02-21T13:00:30.000Z');
    }

    const after = await exportOf(person);
    expect(after.found).toEqual({
      submissions: 0,
      subscriptions: 0,
      optOuts: 1,
      confirmationEmailCounters: 0,
      sendRecords: 0,
      suppressions: 1,
      extensions: 0,
      auditEntries: 0,
    });
    expect(after.suppression).toMatchObject({ addressInClear: false });
  });

  it('leaves the erased submission counted but closed to its old edit link', async () => {
    const opened = await send(api(`/v1/submissions/${official.id}`), {
      method: 'GET',
      headers: bearer(official.editToken),
    });
    expect([401, 403]).toContain(opened.status);
  });

  it('erases twice as once: the second finds nothing, and both are audited without the address', async () => {
    const second = await erase(person.toUpperCase());
    expect(Object.values(second.erased).every((count) => count === 0)).toBe(true);
    expect(await publicStats()).toEqual(statsBefore);

    const trail = await auditEntries();
    const erasures = trail.filter((entry) => entry.kind === 'personal-data-erased');
    expect(erasures).toHaveLength(2);
    // Both at the same frozen instant: find the first by its reason.
    expect(erasures.find((entry) => entry.reason !== undefined)).toMatchObject({
      scope: 'address',
      addressKey: personKey,
      reason: 'Data-protection request DP-2022-017',
      actor: 'arn:aws:iam::000000000000:user/local-secretariat',
    });
    // The extension entry keeps its meaning (a grant, its call, until, reason), not the address.
    expect(trail.find((entry) => entry.kind === 'extension-granted')).toMatchObject({
      grantee: { kind: 'email', email: 'erased@erased.invalid' },
      reason: 'Connectivity outage in Lagos',
    });
    expect(JSON.stringify(trail).toLowerCase()).not.toContain(personLower);
  });

  it('reminds nobody of an erased draft: the next deadline wave skips it', async () => {
    const moved = await postJson(api('/_local/clock'), { at: '2022-02-28T13:00:30Z' });
    expect(moved.body).toMatchObject({
      fired: [{ scheduleName: `${wsis}-deadline-20220307T1300Z-P7D`, outcome: 'delivered' }],
    });
    await runtime().idle();
    expect(await emailsTo(runtime().endpoints.sesStore, 'erased@erased.invalid')).toEqual([]);
    const figures = await admin('GET', `/v1/admin/consultations/${wsis}/waves/deadline-20220307T1300Z-P7D`);
    // The bystander's nomination and submission are submitted, and the person is gone: nobody.
    expect(waveFiguresSchema.parse(await figures.json()).recipients).toBe(0);
  });
});
