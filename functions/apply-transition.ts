import type { Context } from 'aws-lambda';
import { transitionDeliverySchema } from '../shared/contracts/transition-delivery.ts';
import { type ApplyTransitionOutcome, applyTransition } from '../shared/use-cases/apply-transition.ts';
import { lambdaEntry, type Uses } from './lambda-entry.ts';
import {
  auditTrailInDynamoDb,
  consultationsInDynamoDb,
  submissionStatisticsInDynamoDb,
  transitionLedgerInDynamoDb,
} from './ports/dynamodb.ts';
import { mailerThroughSes } from './ports/ses.ts';

/**
 * The target of every transition schedule. A malformed event is not retried into the dead-letter
 * queue for a day: it is logged and answered, since no retry can make it valid. A failure while
 * applying (the email service refused) is thrown: the Scheduler invokes this function
 * asynchronously, so Lambda's asynchronous retries deliver the event again and, when they are spent,
 * the function's own dead-letter queue keeps it (the Scheduler's DLQ only gets failed invocations).
 */
export const createHandler =
  (
    dependencies: Uses<
      'consultations' | 'transitionLedger' | 'auditTrail' | 'mailer' | 'submissionStatistics'
    >,
  ) =>
  async (event: unknown, context: Context): Promise<ApplyTransitionOutcome | { outcome: 'malformed' }> => {
    const delivery = transitionDeliverySchema.safeParse(event);
    if (!delivery.success) {
      console.error(
        JSON.stringify({
          level: 'error',
          message: 'Malformed transition delivery',
          requestId: context.awsRequestId,
          issues: delivery.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
        }),
      );
      return { outcome: 'malformed' };
    }
    const result = await applyTransition(dependencies, delivery.data, 'schedule');
    console.log(
      JSON.stringify({
        level: 'info',
        message: 'Transition delivery handled',
        requestId: context.awsRequestId,
        consultationId: delivery.data.consultationId,
        transitionId: delivery.data.transitionId,
        scheduledAt: delivery.data.scheduledAt,
        executionId: delivery.data.executionId,
        attempt: delivery.data.attempt,
        outcome: result.outcome,
      }),
    );
    return result;
  };

export const handler = lambdaEntry(createHandler, {
  consultations: consultationsInDynamoDb,
  transitionLedger: transitionLedgerInDynamoDb,
  auditTrail: auditTrailInDynamoDb,
  mailer: mailerThroughSes,
  submissionStatistics: submissionStatisticsInDynamoDb,
});
