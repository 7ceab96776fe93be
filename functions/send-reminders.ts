import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod';
import {
  environmentVariableNames,
  requiredSetting,
  requirePublicBaseUrl,
} from '../shared/config/runtime-config.ts';
import { callKinds, consultationIdSchema, languages } from '../shared/domain/consultation-definition.ts';
import type { ReminderBatch } from '../shared/ports/reminder-queue.ts';
import { defaultSendReminderSettings, sendReminderBatch } from '../shared/use-cases/send-reminder-batch.ts';
import { lambdaEntry, type Uses } from './lambda-entry.ts';
import {
  announcementsInDynamoDb,
  consultationsInDynamoDb,
  sendRecordsInDynamoDb,
  submitterStandingsInDynamoDb,
  subscriptionsInDynamoDb,
  suppressionsInDynamoDb,
} from './ports/dynamodb.ts';
import { pacerPerExecutionEnvironment } from './ports/pacing.ts';
import { mailerThroughSes } from './ports/ses.ts';

const reminderBatchSchema = z.object({
  consultationId: consultationIdSchema,
  waveId: z.string().min(1),
  recipients: z.array(
    z.object({
      email: z.string().min(3),
      language: z.enum(languages),
      timeZone: z.string().optional(),
      source: z.enum(['subscriber', 'draft-holder']),
      drafts: z.array(z.object({ call: z.enum(callKinds), title: z.string() })).optional(),
    }),
  ),
});

/**
 * The sender, behind Lambda's SQS event source with `ReportBatchItemFailures`: a message whose
 * recipients are not all final is reported, so only it comes back after the visibility timeout
 * (and, after maxReceiveCount receives, goes to the dead-letter queue). A message that does not
 * parse goes there too, faster: retrying it cannot help.
 */
export const createHandler = (
  dependencies: Uses<
    | 'consultations'
    | 'announcements'
    | 'sendRecords'
    | 'suppressions'
    | 'subscriptions'
    | 'mailer'
    | 'pacer'
    | 'submitterStandings'
  >,
) => {
  const settings = {
    ...defaultSendReminderSettings,
    // Read per invocation: locally the API's URL is known only once it listens.
    get publicBaseUrl() {
      return requirePublicBaseUrl(dependencies.config);
    },
    linkSigningSecret: requiredSetting(
      dependencies.config.linkSigningSecret,
      environmentVariableNames.linkSigningSecret,
    ),
    calendarUidDomain: dependencies.config.calendarUidDomain,
  };
  return async (
    event: SQSEvent,
    context: Pick<Context, 'getRemainingTimeInMillis'>,
  ): Promise<SQSBatchResponse> => {
    // The settings of this invocation: the URL read now, the time left from its own context.
    const invocation = { ...settings, timeLeftMilliseconds: () => context.getRemainingTimeInMillis() };
    // The messages of a batch are worked on together, so the pacer is never idle while one
    // message waits for its slowest recipient: the pacer alone sets the rate.
    const outcomes = await Promise.all(
      event.Records.map(async (record) => {
        const parsed = reminderBatchSchema.safeParse(JSON.parse(record.body));
        if (!parsed.success) {
          console.error(
            JSON.stringify({
              level: 'error',
              message: 'Malformed reminder batch',
              messageId: record.messageId,
            }),
          );
          return record.messageId;
        }
        const outcome = await sendReminderBatch(dependencies, parsed.data as ReminderBatch, invocation);
        return outcome.outcome === 'retry' ? record.messageId : undefined;
      }),
    );
    return {
      batchItemFailures: outcomes.flatMap((itemIdentifier) =>
        itemIdentifier === undefined ? [] : [{ itemIdentifier }],
      ),
    };
  };
};

export const handler = lambdaEntry(createHandler, {
  consultations: consultationsInDynamoDb,
  sendRecords: sendRecordsInDynamoDb,
  suppressions: suppressionsInDynamoDb,
  subscriptions: subscriptionsInDynamoDb,
  mailer: mailerThroughSes,
  pacer: pacerPerExecutionEnvironment,
  announcements: announcementsInDynamoDb,
  submitterStandings: submitterStandingsInDynamoDb,
});
