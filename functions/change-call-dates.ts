import { routeContracts } from '../shared/contracts/routes.ts';
import { adminActor } from '../shared/http/admin-actor.ts';
import { dateChangeReply } from '../shared/http/date-change-reply.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { changeCalendarDates } from '../shared/use-cases/change-calendar-dates.ts';
import { lambdaEntry, type Uses } from './lambda-entry.ts';
import {
  auditTrailInDynamoDb,
  consultationsInDynamoDb,
  submissionStatisticsInDynamoDb,
  transitionLedgerInDynamoDb,
} from './ports/dynamodb.ts';
import { schedulesInEventBridge } from './ports/scheduler.ts';
import { mailerThroughSes } from './ports/ses.ts';

export const createHandler = (
  dependencies: Uses<
    'consultations' | 'transitionLedger' | 'auditTrail' | 'mailer' | 'submissionStatistics' | 'schedules'
  >,
) =>
  httpHandler(routeContracts['change-call-dates'], async ({ params, body, caller }) =>
    dateChangeReply(
      params.id,
      await changeCalendarDates(dependencies, {
        consultationId: params.id,
        change: { target: 'call', call: params.call, opensAt: body.opensAt, closesAt: body.closesAt },
        reason: body.reason,
        actor: adminActor(caller),
        expectedVersion: body.expectedVersion,
      }),
    ),
  );

export const handler = lambdaEntry(createHandler, {
  consultations: consultationsInDynamoDb,
  transitionLedger: transitionLedgerInDynamoDb,
  auditTrail: auditTrailInDynamoDb,
  mailer: mailerThroughSes,
  submissionStatistics: submissionStatisticsInDynamoDb,
  schedules: schedulesInEventBridge,
});
