import { routeContracts } from '../shared/contracts/routes.ts';
import { adminActor } from '../shared/http/admin-actor.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { problems } from '../shared/http/problem.ts';
import { reconcileSchedules } from '../shared/use-cases/reconcile-schedules.ts';
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
  httpHandler(routeContracts['reconcile-schedules'], async ({ params, caller }) => {
    adminActor(caller);
    const report = await reconcileSchedules(dependencies, params.id);
    if (report === undefined) throw problems.consultationNotFound(params.id);
    return { status: 200, headers: { 'Cache-Control': 'no-store' }, json: report };
  });

export const handler = lambdaEntry(createHandler, {
  consultations: consultationsInDynamoDb,
  transitionLedger: transitionLedgerInDynamoDb,
  auditTrail: auditTrailInDynamoDb,
  mailer: mailerThroughSes,
  submissionStatistics: submissionStatisticsInDynamoDb,
  schedules: schedulesInEventBridge,
});
