import { sesEventBridgeEventSchema } from '../shared/contracts/ses-events.ts';
import { recordEmailEvent } from '../shared/use-cases/record-email-event.ts';
import { lambdaEntry, type Uses } from './lambda-entry.ts';
import { sendRecordsInDynamoDb, suppressionsInDynamoDb } from './ports/dynamodb.ts';

/**
 * Target of the EventBridge rule on SES events. An event that is not an SES event record is logged
 * and dropped (EventBridge would retry it for nothing); a failure to record throws, so EventBridge
 * retries it, which the idempotent writes allow.
 */
export const createHandler =
  (dependencies: Uses<'sendRecords' | 'suppressions'>) =>
  async (event: unknown): Promise<{ readonly recorded: boolean }> => {
    const parsed = sesEventBridgeEventSchema.safeParse(event);
    if (!parsed.success) {
      console.warn(JSON.stringify({ level: 'warn', message: 'Not an SES event record; dropped' }));
      return { recorded: false };
    }
    await recordEmailEvent(dependencies, parsed.data.detail);
    return { recorded: true };
  };

export const handler = lambdaEntry(createHandler, {
  sendRecords: sendRecordsInDynamoDb,
  suppressions: suppressionsInDynamoDb,
});
