import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { createDynamoDbSendRecords } from '../../shared/adapters/dynamodb/send-records.ts';
import { createDynamoDbSubscriptionRepository } from '../../shared/adapters/dynamodb/subscription-repository.ts';
import { createDynamoDbSuppressionList } from '../../shared/adapters/dynamodb/suppression-list.ts';
import { createDynamoDbWaveLog } from '../../shared/adapters/dynamodb/wave-log.ts';
import { addressKey } from '../../shared/domain/email-address.ts';
import type { SendRecords } from '../../shared/ports/send-records.ts';
import type { SubscriptionRepository } from '../../shared/ports/subscription-repository.ts';
import type { WaveLog } from '../../shared/ports/wave-log.ts';
import { dynamoDbTargets, type StartedDynamoDbTarget } from '../support/dynamodb-targets.ts';

const wave = { consultationId: 'wsis-forum-2022', waveId: 'deadline-20220307T1300Z-P7D' };
const at = new Date('2022-02-28T13:00:00Z');

describe.each(dynamoDbTargets)('send records, wave log and subscriptions on $name', (target) => {
  let database: StartedDynamoDbTarget;
  let records: SendRecords;
  let waveLog: WaveLog;
  let subscriptions: SubscriptionRepository;

  beforeAll(async () => {
    database = await target.start();
    const documents = createDocumentClient(database.client);
    records = createDynamoDbSendRecords(documents, database.tableNames.deliveries);
    waveLog = createDynamoDbWaveLog(documents, database.tableNames.deliveries);
    subscriptions = createDynamoDbSubscriptionRepository(documents, database.tableNames.subscriptions);
  });
  afterAll(() => database?.close());

  it('lets exactly one of two concurrent attempts claim a recipient', async () => {
    const key = addressKey('race@example.org');
    const claims = await Promise.all([
      records.claim(wave, key, 'attempt-a', at),
      records.claim(wave, key, 'attempt-b', at),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    const winner = claims[0] ? 'attempt-a' : 'attempt-b';
    const loser = claims[0] ? 'attempt-b' : 'attempt-a';
    // Only the claiming attempt moves the record on.
    await records.markSent(wave, key, loser, 'message-x', at);
    expect((await records.getMany(wave, [key])).get(key)).toMatchObject({
      state: 'sending',
      attempt: winner,
    });
    await records.markSent(wave, key, winner, 'message-1', at);
    expect((await records.getMany(wave, [key])).get(key)).toMatchObject({
      state: 'sent',
      messageId: 'message-1',
    });
    // A sent recipient cannot be claimed again, nor skipped.
    expect(await records.claim(wave, key, 'attempt-c', at, { addressKey: key, state: 'pending' })).toBe(
      false,
    );
    await records.skip(wave, key, 'suppressed', at);
    expect((await records.getMany(wave, [key])).get(key)?.state).toBe('sent');
  });

  it('releases a throttled claim to pending, takes over a stale one, and settles by SES’s Send event', async () => {
    const key = addressKey('retry@example.org');
    await records.claim(wave, key, 'first', at);
    await records.release(wave, key, 'first');
    const released = (await records.getMany(wave, [key])).get(key);
    expect(released?.state).toBe('pending');
    expect(await records.claim(wave, key, 'second', at, released)).toBe(true);
    const sending = (await records.getMany(wave, [key])).get(key);
    // A takeover names the attempt it replaces: a stale view loses.
    expect(
      await records.claim(wave, key, 'third', at, {
        ...sending,
        addressKey: key,
        state: 'sending',
        attempt: 'first',
      }),
    ).toBe(false);
    await records.recordEvent(wave, key, { kind: 'accepted', messageId: 'from-ses', at });
    expect((await records.getMany(wave, [key])).get(key)).toMatchObject({
      state: 'sent',
      messageId: 'from-ses',
    });
    await records.recordEvent(wave, key, { kind: 'bounced', at });
    await records.recordEvent(wave, addressKey('never-sent@example.org'), { kind: 'bounced', at });
    expect((await records.getMany(wave, [addressKey('never-sent@example.org')])).size).toBe(0);
  });

  it('counts delivery figures from the records', async () => {
    await records.skip(wave, addressKey('suppressed@example.org'), 'suppressed', at);
    await records.claim(wave, addressKey('rejected@example.org'), 'only', at);
    await records.fail(wave, addressKey('rejected@example.org'), 'only', 'MessageRejected', at);
    await records.skip(wave, addressKey('submitted@example.org'), 'already-submitted', at);
    expect(await records.figures(wave)).toEqual({
      recipients: 5,
      sent: 2,
      bounced: 1,
      complained: 0,
      suppressed: 1,
      unsubscribed: 0,
      alreadySubmitted: 1,
      failed: 1,
      inProgress: 0,
    });
  });

  it('gives a wave’s fan-out to one delivery at a time and lets a later one resume after the lease', async () => {
    const ref = { consultationId: 'wsis-forum-2022', waveId: 'meeting-phase-2-P1D' };
    const leaseUntil = new Date(at.getTime() + 60_000);
    expect(await waveLog.begin(ref, 'meeting', at, leaseUntil)).toEqual({ outcome: 'started' });
    expect(await waveLog.begin(ref, 'meeting', at, leaseUntil)).toEqual({ outcome: 'busy' });
    await waveLog.saveProgress(ref, { sourceIndex: 0, cursor: 'page-2', queuedRecipients: 1000 }, leaseUntil);
    const later = new Date(leaseUntil.getTime() + 1);
    expect(await waveLog.begin(ref, 'meeting', later, new Date(later.getTime() + 60_000))).toEqual({
      outcome: 'resumed',
      progress: { sourceIndex: 0, cursor: 'page-2', queuedRecipients: 1000 },
    });
    await waveLog.complete(ref, { sourceIndex: 1, queuedRecipients: 1500 }, later);
    expect(await waveLog.begin(ref, 'meeting', new Date(later.getTime() + 3_600_000), later)).toEqual({
      outcome: 'done',
    });
  });

  it('pages confirmed subscribers by Query, and drops them from it when they unsubscribe', async () => {
    const consultationId = 'paging-test';
    const keys: string[] = [];
    for (let index = 0; index < 7; index += 1) {
      const email = `page-${index}@example.org`;
      const key = addressKey(email);
      keys.push(key);
      await subscriptions.savePending({
        consultationId,
        addressKey: key,
        email,
        language: 'en',
        requestedAt: at,
        tokenHash: `hash-${index}`,
        tokenExpiresAt: new Date(at.getTime() + 60_000),
      });
      if (index !== 6)
        expect(await subscriptions.confirm(consultationId, key, `hash-${index}`, at)).toBe('confirmed');
    }
    // Expired links confirm nothing.
    expect(
      await subscriptions.confirm(consultationId, keys[6] ?? '', 'hash-6', new Date(at.getTime() + 60_000)),
    ).toBe('invalid');
    await subscriptions.unsubscribe(consultationId, keys[0] ?? '', at);
    await subscriptions.unsubscribe(consultationId, keys[0] ?? '', at);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await subscriptions.confirmedPage(consultationId, cursor, 2);
      seen.push(...page.subscribers.map((subscriber) => subscriber.email));
      cursor = page.cursor;
      pages += 1;
    } while (cursor !== undefined);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(seen.sort()).toEqual(
      ['page-1', 'page-2', 'page-3', 'page-4', 'page-5'].map((name) => `${name}@example.org`),
    );
    expect(await subscriptions.optedOutAmong(consultationId, keys)).toEqual(new Set([keys[0]]));
    // Saving a pending request never downgrades a confirmed subscriber.
    expect(
      await subscriptions.savePending({
        consultationId,
        addressKey: keys[1] ?? '',
        email: 'page-1@example.org',
        language: 'ru',
        requestedAt: at,
        tokenHash: 'attacker',
        tokenExpiresAt: new Date(at.getTime() + 60_000),
      }),
    ).toBe(false);
    expect((await subscriptions.find(consultationId, keys[1] ?? ''))?.language).toBe('en');
  });

  it('counts confirmation emails per address and day up to the limit', async () => {
    const key = addressKey('counted@example.org');
    const results = [];
    for (let index = 0; index < 4; index += 1)
      results.push(await subscriptions.countConfirmationEmail(key, '2022-02-01', 3));
    expect(results).toEqual([true, true, true, false]);
    expect(await subscriptions.countConfirmationEmail(key, '2022-02-02', 3)).toBe(true);
  });

  it('keeps the first suppression of an address and finds suppressed addresses in bulk', async () => {
    const suppressions = createDynamoDbSuppressionList(
      createDocumentClient(database.client),
      database.tableNames.deliveries,
    );
    const key = addressKey('bounced@example.org');
    await suppressions.suppress({ addressKey: key, email: 'bounced@example.org', reason: 'bounce', at });
    await suppressions.suppress({ addressKey: key, email: 'bounced@example.org', reason: 'complaint', at });
    const many = Array.from({ length: 150 }, (_, index) => addressKey(`clean-${index}@example.org`));
    expect(await suppressions.suppressedAmong([...many, key])).toEqual(new Set([key]));
  });
});
