import { DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCredentials, localRegion } from '../../local/runtime.ts';
import { signedFetch } from '../../local/signed-fetch.ts';
import { consultationStatsSchema } from '../../shared/contracts/submission.ts';
import { waveFiguresSchema } from '../../shared/contracts/subscriptions.ts';
import { reminderFixtures } from '../support/reminder-fixtures.ts';
import { postJson, useLocalRuntime } from './local-runtime.ts';
import { bodyFor, createdFrom, send, wsis } from './submission-helpers.ts';

const retentionSchedule = 'wsis-forum-2022-personal-data-erasure';
const fourteenDays = 'deadline-20220307T1300Z-P14D';
// WSIS 2022 keeps personal data until 4 June 2024, 00:00 in Geneva (CEST).
const eraseAt = '2024-06-03T22:00:00.000Z';

type Runtime = ReturnType<ReturnType<typeof useLocalRuntime>>;

function helpers(runtime: () => Runtime) {
  const api = (path: string) => `${runtime().endpoints.api}${path}`;
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await signedFetch(api(path), {
      method,
      credentials: localCredentials,
      region: localRegion,
      ...(body === undefined ? {} : { body }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const everyItem = async () => {
    const { endpoints } = runtime();
    const client = new DynamoDBClient({
      endpoint: endpoints.dynamodb,
      region: endpoints.region,
      credentials: { ...endpoints.credentials },
    });
    try {
      const items: { table: string; item: Record<string, unknown> }[] = [];
      for (const [table, tableName] of Object.entries(endpoints.tables)) {
        for await (const page of paginateScan({ client }, { TableName: tableName, ConsistentRead: true })) {
          for (const item of page.Items ?? []) items.push({ table, item });
        }
      }
      return items;
    } finally {
      client.destroy();
    }
  };
  const stats = async () =>
    consultationStatsSchema.parse(
      (await send(api(`/v1/consultations/${wsis}/stats`), { method: 'GET' })).body,
    );
  const trail = async () =>
    (
      (await admin('GET', `/v1/admin/consultations/${wsis}/audit?limit=1000`)).body.entries as {
        entry: Record<string, unknown>;
      }[]
    ).map((item) => item.entry);
  return { api, admin, everyItem, stats, trail };
}

const people = [
  'ines.garcia@example.es',
  'li.wei@example.cn',
  'olga.petrova@example.ru',
  'sami.haddad@example.lb',
];

describe('retention: the consultation’s personal data is erased on schedule, counts stay', () => {
  const runtime = useLocalRuntime({ clockAt: '2022-02-21T12:00:00Z', schedulerPollIntervalMs: 0 });
  const { api, admin, everyItem, stats, trail } = helpers(runtime);
  let fixtures: ReturnType<typeof reminderFixtures>;

  beforeAll(async () => {
    fixtures = reminderFixtures(runtime());
    const [ines = '', li = '', olga = '', sami = ''] = people;
    const create = async (body: Record<string, unknown>) =>
      createdFrom(await send(api(`/v1/consultations/${wsis}/submissions`), { method: 'POST', body }));
    await create(bodyFor(ines));
    await create({ ...bodyFor(li), status: 'draft' });
    await create({
      ...bodyFor(olga),
      call: 'workshop-request',
      workshop: {
        format: 'virtual',
        durationMinutes: 90,
        organizers: [{ organization: 'Rostelecom', stakeholderType: 'private-sector' }],
        coOrganizers: [],
        speakers: [{ name: 'Dmitri Volkov', organization: 'MSU', stakeholderType: 'academia-technical' }],
      },
    });
    await create({
      ...bodyFor(sami),
      call: 'hltf-nomination',
      nomination: {
        nominee: {
          name: 'Nadia Karam',
          position: 'Minister',
          organization: 'Ministry of Telecommunications',
          email: 'nadia.karam@example.lb',
          stakeholderType: 'government',
          country: 'LB',
        },
        nominator: { name: 'Sami Haddad', organization: 'Beirut Digital District', email: sami },
        bio: 'Nadia Karam drafted the national broadband plan.',
      },
    });
    await fixtures.confirmSubscribers(wsis, [
      { email: ines, language: 'es' },
      { email: 'subscriber.only@example.org', language: 'en' },
    ]);
    const granted = await admin(
      'POST',
      `/v1/admin/consultations/${wsis}/calls/official-submission/extensions`,
      {
        grantee: { kind: 'email', email: li },
        until: '2022-03-09T13:00:00Z',
        reason: 'Late registration',
      },
    );
    expect(granted.status).toBe(201);
    await postJson(api('/_local/clock'), { at: '2022-02-21T13:00:30Z' });
    await runtime().idle();
  });
  afterAll(() => fixtures?.close());

  it('is scheduled at the retention instant by the reconcile at start', async () => {
    const history = await (await fetch(api('/_local/scheduler/history'))).json();
    expect(JSON.stringify(history)).not.toContain(retentionSchedule);
    const reconciled = await admin('POST', `/v1/admin/consultations/${wsis}/schedules/reconcile`);
    expect(reconciled.status).toBe(200);
    // Created at start already: the second reconcile changes nothing.
    expect(reconciled.body.created).toEqual([]);
  });

  it('erases every person once the retention instant passes, keeping every count', async () => {
    // Everything before the erasure: transitions, waves, the Forum.
    await postJson(api('/_local/clock'), { at: '2024-06-03T21:59:00Z' });
    await runtime().idle();
    const statsBefore = await stats();
    const figuresBefore = waveFiguresSchema.parse(
      (await admin('GET', `/v1/admin/consultations/${wsis}/waves/${fourteenDays}`)).body,
    );
    expect(figuresBefore.sent).toBeGreaterThan(0);

    const moved = await postJson(api('/_local/clock'), { at: '2024-06-03T22:00:30Z' });
    expect(moved.body).toMatchObject({ fired: [{ scheduleName: retentionSchedule, outcome: 'delivered' }] });

    const dump = (await everyItem()).map(({ table, item }) => ({
      table,
      item,
      text: JSON.stringify(item).toLowerCase(),
    }));
    for (const address of [...people, 'nadia.karam@example.lb', 'subscriber.only@example.org']) {
      expect(
        dump.filter(({ text }) => text.includes(address)).map(({ table }) => table),
        address,
      ).toEqual([]);
    }
    for (const name of ['nadia karam', 'dmitri volkov', 'sami haddad', 'amina diallo']) {
      expect(
        dump.filter(({ text }) => text.includes(name)).map(({ table }) => table),
        name,
      ).toEqual([]);
    }
    // No subscription, opt-out or send record keyed by an address is left for the consultation.
    const keyedByAddress = dump.filter(
      ({ text }) =>
        /"sk":\{"s":"(subscriber|opt-out)#/.test(text) || /"sk":\{"s":"recipient#(?!erased-)/.test(text),
    );
    expect(keyedByAddress).toEqual([]);
    // Organizations and the Secretariat's own address stay.
    expect(dump.some(({ text }) => text.includes('beirut digital district'))).toBe(true);

    // The same counts, read at a later instant.
    expect({ ...(await stats()), at: statsBefore.at }).toEqual(statsBefore);
    expect(
      waveFiguresSchema.parse(
        (await admin('GET', `/v1/admin/consultations/${wsis}/waves/${fourteenDays}`)).body,
      ),
    ).toEqual(figuresBefore);

    const entries = await trail();
    expect(entries.filter((entry) => entry.kind === 'personal-data-erased')).toEqual([
      expect.objectContaining({
        scope: 'consultation',
        actor: 'retention',
        erased: expect.objectContaining({ submissions: 4, subscriptions: 2, extensions: 1, auditEntries: 1 }),
      }),
    ]);
    expect(entries).toContainEqual(
      expect.objectContaining({
        kind: 'transition-applied',
        transitionId: 'personal-data-erasure',
        scheduledAt: eraseAt,
      }),
    );
  });

  it('never erases twice: a reconcile afterwards schedules nothing, and its ledger says applied', async () => {
    const reconciled = await admin('POST', `/v1/admin/consultations/${wsis}/schedules/reconcile`);
    expect(reconciled.status).toBe(200);
    expect(reconciled.body).toMatchObject({ created: [], updated: [], caughtUp: [] });
    expect((await trail()).filter((entry) => entry.kind === 'personal-data-erased')).toHaveLength(1);
  });
});

describe('retention: an erasure whose instant passed before the schedule existed is caught up', () => {
  // After the retention instant, with nothing applied: the reconcile at start schedules the
  // erasure at the next whole minute rather than forgetting it.
  const runtime = useLocalRuntime({ clockAt: '2025-01-10T08:15:10Z', schedulerPollIntervalMs: 0 });
  const { api, trail } = helpers(runtime);

  it('runs at the next minute and is recorded as applied at its own instant', async () => {
    const moved = await postJson(api('/_local/clock'), { at: '2025-01-10T08:16:30Z' });
    expect(moved.body).toMatchObject({ fired: [{ scheduleName: retentionSchedule, outcome: 'delivered' }] });
    const entries = await trail();
    expect(entries).toContainEqual(
      expect.objectContaining({
        kind: 'transition-applied',
        transitionId: 'personal-data-erasure',
        scheduledAt: eraseAt,
      }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({ kind: 'personal-data-erased', scope: 'consultation' }),
    );
  });
});
