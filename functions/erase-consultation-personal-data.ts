import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { consultationIdSchema } from '../shared/domain/consultation-definition.ts';
import {
  type EraseConsultationPersonalDataOutcome,
  eraseConsultationPersonalData,
} from '../shared/use-cases/erase-consultation-personal-data.ts';
import { lambdaEntry, type Uses } from './lambda-entry.ts';
import {
  auditTrailInDynamoDb,
  consultationsInDynamoDb,
  extensionsInDynamoDb,
  personalDataInDynamoDb,
  submissionsInDynamoDb,
  transitionLedgerInDynamoDb,
} from './ports/dynamodb.ts';

/** What a retention schedule delivers (the instant is read from the stored definition). */
const retentionDeliverySchema = z.strictObject({ consultationId: consultationIdSchema });

/**
 * The target of each consultation's retention schedule. A malformed event is logged and answered
 * (no retry can make it valid); a failure while erasing is thrown, so the Scheduler retries it and
 * the retry resumes (see the use case).
 */
export const createHandler =
  (
    dependencies: Uses<
      'consultations' | 'submissions' | 'extensions' | 'personalData' | 'transitionLedger' | 'auditTrail'
    >,
  ) =>
  async (
    event: unknown,
    context: Context,
  ): Promise<EraseConsultationPersonalDataOutcome | { outcome: 'malformed' }> => {
    const delivery = retentionDeliverySchema.safeParse(event);
    if (!delivery.success) {
      console.error(
        JSON.stringify({
          level: 'error',
          message: 'Malformed retention delivery',
          requestId: context.awsRequestId,
        }),
      );
      return { outcome: 'malformed' };
    }
    const result = await eraseConsultationPersonalData(dependencies, delivery.data.consultationId);
    // Counts only: no address, no name.
    console.log(
      JSON.stringify({
        level: 'info',
        message: 'Retention delivery handled',
        requestId: context.awsRequestId,
        consultationId: delivery.data.consultationId,
        ...result,
      }),
    );
    if (result.outcome === 'in-progress') {
      // Another run holds the claim (a duplicate delivery, or a run that timed out and whose lease
      // has not expired): failing makes the Scheduler retry later, when the claim is either
      // completed (then nothing is left to do) or expired (then this retry resumes the erasure).
      // Answering success would end the Scheduler's retries with the erasure perhaps unfinished.
      throw new Error('The retention erasure is held by another run; retry later');
    }
    return result;
  };

export const handler = lambdaEntry(createHandler, {
  consultations: consultationsInDynamoDb,
  submissions: submissionsInDynamoDb,
  extensions: extensionsInDynamoDb,
  personalData: personalDataInDynamoDb,
  transitionLedger: transitionLedgerInDynamoDb,
  auditTrail: auditTrailInDynamoDb,
});
