import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import type { LocalRuntime } from '../../local/runtime.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { createDynamoDbSubscriptionRepository } from '../../shared/adapters/dynamodb/subscription-repository.ts';
import { createDynamoDbSuppressionList } from '../../shared/adapters/dynamodb/suppression-list.ts';
import { addressKey, normalizeEmailAddress } from '../../shared/domain/email-address.ts';
import { hashToken } from '../../shared/domain/link-tokens.ts';
import type { Language } from '../../shared/domain/localized-text.ts';

/**
 * Test set-up of reminder waves against a running local runtime: confirmed subscribers and
 * suppressed addresses written through the same adapters the functions use (a wave of hundreds of
 * subscribers would otherwise be hundreds of confirmation round trips), and wave schedules created
 * in the Scheduler emulator as the phase engine's reconciler will create them.
 */
export interface SubscriberFixture {
  readonly email: string;
  readonly language: Language;
  readonly timeZone?: string;
}

export function reminderFixtures(runtime: LocalRuntime) {
  const { endpoints } = runtime;
  const dynamoDb = new DynamoDBClient({
    endpoint: endpoints.dynamodb,
    region: endpoints.region,
    credentials: { ...endpoints.credentials },
  });
  const documents = createDocumentClient(dynamoDb);
  const subscriptions = createDynamoDbSubscriptionRepository(documents, endpoints.tables.subscriptions ?? '');
  const suppressions = createDynamoDbSuppressionList(documents, endpoints.tables.deliveries ?? '');
  const scheduler = new SchedulerClient({
    endpoint: endpoints.scheduler,
    region: endpoints.region,
    credentials: { ...endpoints.credentials },
  });

  return {
    async confirmSubscribers(consultationId: string, subscribers: readonly SubscriberFixture[]) {
      const now = runtime.clock.now();
      for (const subscriber of subscribers) {
        const key = addressKey(subscriber.email);
        const token = `fixture-${key}`;
        await subscriptions.savePending({
          consultationId,
          addressKey: key,
          email: normalizeEmailAddress(subscriber.email),
          language: subscriber.language,
          ...(subscriber.timeZone === undefined ? {} : { timeZone: subscriber.timeZone }),
          requestedAt: now,
          tokenHash: hashToken(token),
          tokenExpiresAt: new Date(now.getTime() + 86_400_000),
        });
        const outcome = await subscriptions.confirm(consultationId, key, hashToken(token), now);
        if (outcome !== 'confirmed') throw new Error(`Could not confirm ${subscriber.email}: ${outcome}`);
      }
    },

    async suppress(email: string) {
      await suppressions.suppress({
        addressKey: addressKey(email),
        email: normalizeEmailAddress(email),
        reason: 'bounce',
        at: runtime.clock.now(),
        detail: 'fixture',
      });
    },

    /** The one-time schedule the reconciler would create for the wave, in the official zone. */
    async scheduleWave(consultationId: string, waveId: string, wallTime: string) {
      await scheduler.send(
        new CreateScheduleCommand({
          Name: `${consultationId}-${waveId}`,
          ScheduleExpression: `at(${wallTime})`,
          ScheduleExpressionTimezone: 'Europe/Zurich',
          FlexibleTimeWindow: { Mode: 'OFF' },
          Target: {
            Arn: `arn:aws:lambda:${endpoints.region}:${endpoints.accountId}:function:start-reminder-wave`,
            RoleArn: `arn:aws:iam::${endpoints.accountId}:role/scheduler`,
            Input: JSON.stringify({ consultationId, waveId }),
            RetryPolicy: { MaximumRetryAttempts: 0 },
          },
        }),
      );
    },

    close() {
      scheduler.destroy();
      dynamoDb.destroy();
    },
  };
}
