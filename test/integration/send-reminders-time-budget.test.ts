import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dependencies } from '../../functions/dependencies.ts';
import { createHandler } from '../../functions/send-reminders.ts';
import { createLocalClock } from '../../local/local-clock.ts';
import { wsisForum2022 } from '../../shared/domain/definitions/index.ts';
import { addressKey } from '../../shared/domain/email-address.ts';
import type { ReminderBatch } from '../../shared/ports/reminder-queue.ts';
import { type ComposedWithSesLocal, composeWithSesLocal } from '../support/composed-with-ses-local.ts';
import { dynamoDbTargets, type StartedDynamoDbTarget } from '../support/dynamodb-targets.ts';
import { storedEmails } from '../support/ses-store.ts';

const wave = { consultationId: wsisForum2022.id, waveId: 'deadline-20220307T1300Z-P14D' };
const recipients = Array.from({ length: 40 }, (_, index) => ({
  email: `late-${String(index).padStart(2, '0')}@example.org`,
  language: 'en' as const,
  source: 'subscriber' as const,
}));

function sqsEvent(batch: ReminderBatch): SQSEvent {
  return {
    Records: [
      {
        messageId: 'message-1',
        receiptHandle: 'receipt-1',
        body: JSON.stringify(batch),
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: '0',
          SenderId: 'test',
          ApproximateFirstReceiveTimestamp: '0',
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:eu-central-2:000000000000:reminders',
        awsRegion: 'eu-central-2',
      },
    ],
  };
}

describe.each(dynamoDbTargets)('the reminder sender near its timeout, on $name', (target) => {
  let database: StartedDynamoDbTarget;
  let composed: ComposedWithSesLocal;
  let storeUrl: string;
  let dependencies: Dependencies;
  let sends = 0;

  beforeAll(async () => {
    database = await target.start();
    // The 14-day wave is current one hour after it was due.
    const clock = createLocalClock({ startAt: new Date('2022-02-21T14:00:00Z'), speed: 0 });
    composed = await composeWithSesLocal(
      database,
      clock,
      {
        linkSigningSecret: 'test-link-signing-secret',
        emailSending: { ratePerSecond: 1000, sesMaxSendRate: 1000 },
      },
      {
        pacersSharingTheRate: 1,
        wrapMailer: (mailer) => ({
          async send(email) {
            const result = await mailer.send(email);
            sends += 1;
            return result;
          },
        }),
      },
    );
    storeUrl = `${composed.sesUrl}/store`;
    dependencies = composed.dependencies;
    await dependencies.consultations.seed(wsisForum2022, clock.now());
  });
  afterAll(async () => {
    await composed?.close();
    await database?.close();
  });

  it('stops claiming when the time left runs short, hands the rest back unclaimed, and the next delivery sends each once', async () => {
    const handler = createHandler(dependencies) as (
      event: SQSEvent,
      context: Context,
    ) => Promise<SQSBatchResponse>;
    const event = sqsEvent({ ...wave, recipients });

    // Plenty of time until ten emails are out, then 20 s left: under the 60 s the sender keeps.
    const runningOut = { getRemainingTimeInMillis: () => (sends < 10 ? 300_000 : 20_000) } as Context;
    const first = await handler(event, runningOut);
    expect(first.batchItemFailures).toEqual([{ itemIdentifier: 'message-1' }]);
    const sentFirst = sends;
    expect(sentFirst).toBeGreaterThanOrEqual(10);
    expect(sentFirst).toBeLessThan(recipients.length);

    // Nobody is left in `sending`, which only SES's Send event or a 15-minute grace could settle:
    // every recipient is either sent or pending, ready for the next delivery.
    const records = await dependencies.sendRecords.getMany(
      wave,
      recipients.map((recipient) => addressKey(recipient.email)),
    );
    const states = [...records.values()].map((record) => record.state);
    expect(states.filter((state) => state === 'sending')).toEqual([]);
    expect(states.filter((state) => state === 'sent')).toHaveLength(sentFirst);

    const second = await handler(event, { getRemainingTimeInMillis: () => 300_000 } as Context);
    expect(second.batchItemFailures).toEqual([]);
    expect(sends).toBe(recipients.length);
    const perRecipient = new Map<string, number>();
    for (const email of await storedEmails(storeUrl)) {
      for (const to of email.destination.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    }
    for (const recipient of recipients) expect(perRecipient.get(recipient.email), recipient.email).toBe(1);
  });

  it('sends nothing and hands the message back when an invocation starts with too little time', async () => {
    const before = sends;
    const handler = createHandler(dependencies) as (
      event: SQSEvent,
      context: Context,
    ) => Promise<SQSBatchResponse>;
    const late = recipients.map((recipient) => ({ ...recipient, email: `other-${recipient.email}` }));
    const answer = await handler(sqsEvent({ ...wave, recipients: late }), {
      getRemainingTimeInMillis: () => 5_000,
    } as Context);
    expect(answer.batchItemFailures).toEqual([{ itemIdentifier: 'message-1' }]);
    expect(sends).toBe(before);
    const records = await dependencies.sendRecords.getMany(
      wave,
      late.map((recipient) => addressKey(recipient.email)),
    );
    expect([...records.values()].filter((record) => record.state !== 'pending')).toEqual([]);
  });
});
