import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { createDynamoDbDraftHolders } from '../../shared/adapters/dynamodb/draft-holders.ts';
import { createDynamoDbSubscriptionRepository } from '../../shared/adapters/dynamodb/subscription-repository.ts';
import { waveFiguresSchema } from '../../shared/contracts/subscriptions.ts';
import { callKinds } from '../../shared/domain/consultation-definition.ts';
import type { RecipientSource } from '../../shared/ports/recipient-source.ts';
import { subscriberRecipients } from '../../shared/use-cases/subscriber-recipients.ts';
import { exampleCallBlocks } from '../support/issue-example-submission.ts';
import { reminderFixtures } from '../support/reminder-fixtures.ts';
import { emailsTo } from '../support/ses-store.ts';
import { getSignedJson, postJson, useLocalRuntime } from './local-runtime.ts';
import { bodyFor } from './submission-helpers.ts';

const wsis = 'wsis-forum-2022';
const waveId = 'deadline-20220307T1300Z-P2D';
const officialTitle = 'Official submissions on thematic aspects and innovative aspects of the format';
const photoTitle = 'WSIS 2022 Photo Contest entries';

/** One body per call of the wave (all five close on 7 March 2022 at 13:00 UTC). */
function bodiesForEveryCall(email: string) {
  const shared = bodyFor(email, { status: 'submitted' });
  const submitter = { ...(shared.submitter as Record<string, unknown>), language: 'en' };
  return callKinds.map((call) => ({ ...shared, submitter, call, ...exampleCallBlocks[call] }));
}

function official(email: string, status: 'draft' | 'submitted', title = 'Inclusion by design') {
  const body = bodyFor(email, { status, title });
  return { ...body, submitter: { ...(body.submitter as Record<string, unknown>), language: 'en' } };
}

/**
 * The wave's two sources in the order the test wants: `reversed` queues draft holders before
 * subscribers (the real adapters on the runtime's tables, under each other's names), so that the
 * address that is both is queued first as a draft holder; the send must not care.
 */
function sourcesInOrder(order: 'subscribers-first' | 'draft-holders-first') {
  let runtime: LocalRuntime | undefined;
  const real = () => {
    if (runtime === undefined) throw new Error('The local runtime has not started');
    const { endpoints } = runtime;
    const documents = createDocumentClient(
      new DynamoDBClient({
        endpoint: endpoints.dynamodb,
        region: endpoints.region,
        credentials: { ...endpoints.credentials },
      }),
    );
    return {
      subscribers: subscriberRecipients(
        createDynamoDbSubscriptionRepository(documents, endpoints.tables.subscriptions ?? ''),
      ),
      drafts: createDynamoDbDraftHolders(documents, endpoints.tables.submissions ?? ''),
    };
  };
  const lazy = (pick: (sources: ReturnType<typeof real>) => RecipientSource): RecipientSource => ({
    page: (...args) => pick(real()).page(...args),
  });
  return {
    attach(started: LocalRuntime) {
      runtime = started;
    },
    recipientSources:
      order === 'subscribers-first'
        ? {}
        : {
            'confirmed-subscribers': lazy((sources) => sources.drafts),
            'draft-holders': lazy((sources) => sources.subscribers),
          },
  };
}

describe.each(['subscribers-first', 'draft-holders-first'] as const)(
  'who gets a deadline reminder, and which text (%s, batches delivered twice)',
  (order) => {
    const sources = sourcesInOrder(order);
    const runtime = useLocalRuntime({
      clockAt: '2022-03-05T12:00:00Z',
      queueVisibilityTimeoutSeconds: 1,
      recipientSources: sources.recipientSources,
      // The first batches come again: nobody may get a second email or a second record.
      faults: { leaveBatchesAfterSuccess: 2 },
    });
    let fixtures: ReturnType<typeof reminderFixtures>;
    const api = (path: string) => `${runtime().endpoints.api}${path}`;
    const create = async (body: unknown) => {
      const reply = await postJson(api(`/v1/consultations/${wsis}/submissions`), body);
      expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    };
    const receipts = new Map<string, number>();

    beforeAll(async () => {
      sources.attach(runtime());
      fixtures = reminderFixtures(runtime());
      for (const body of bodiesForEveryCall('all.in@example.org')) await create(body);
      await create(official('partly.in@example.org', 'submitted'));
      await create(official('both@example.org', 'draft', 'Connectivity <first>'));
      await create(official('drafting@example.org', 'draft'));
      await fixtures.confirmSubscribers(
        wsis,
        ['all.in', 'partly.in', 'both', 'plain'].map((name) => ({
          email: `${name}@example.org`,
          language: 'en' as const,
        })),
      );
      const store = runtime().endpoints.sesStore;
      for (const name of ['all.in', 'partly.in', 'both', 'plain', 'drafting']) {
        receipts.set(name, (await emailsTo(store, `${name}@example.org`)).length);
      }
    });
    afterAll(() => fixtures?.close());

    it('sends none once every call’s submission is in, and leaves out the calls already submitted', async () => {
      const store = runtime().endpoints.sesStore;
      expect(receipts.get('all.in')).toBe(5);
      // The reconcile at start scheduled the wave (14:00 in Geneva, two days before the deadline).
      await postJson(api('/_local/clock'), { at: '2022-03-05T13:00:30Z' });
      await runtime().idle();
      const reminders = async (name: string) =>
        (await emailsTo(store, `${name}@example.org`)).slice(receipts.get(name) ?? 0);

      expect(await reminders('all.in')).toEqual([]);

      const [partly, ...partlyMore] = await reminders('partly.in');
      expect(partlyMore).toEqual([]);
      expect(partly?.body.text).not.toContain(`- ${officialTitle}`);
      expect(partly?.body.text).toContain(`- ${photoTitle}`);
      expect(partly?.body.text).not.toContain('Your draft');

      const [both, ...bothMore] = await reminders('both');
      expect(bothMore).toEqual([]);
      expect(both?.body.text).toContain(`Your draft “Connectivity <first>” (${officialTitle}`);

      const [drafting, ...draftingMore] = await reminders('drafting');
      expect(draftingMore).toEqual([]);
      expect(drafting?.body.text).toContain(`Your draft “Inclusion by design” (${officialTitle}`);

      const [plain, ...plainMore] = await reminders('plain');
      expect(plainMore).toEqual([]);
      expect(plain?.body.text).toContain(`- ${officialTitle}`);
      expect(plain?.body.text).not.toContain('Your draft');

      const figures = waveFiguresSchema.parse(
        (await getSignedJson(api(`/v1/admin/consultations/${wsis}/waves/${waveId}`))).body,
      );
      expect(figures).toMatchObject({
        recipients: 5,
        sent: 4,
        alreadySubmitted: 1,
        unsubscribed: 0,
        suppressed: 0,
        failed: 0,
        inProgress: 0,
      });
    });
  },
);
