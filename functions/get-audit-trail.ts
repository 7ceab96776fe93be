import { adminRoutes } from '../shared/contracts/routes/admin-routes.ts';
import { adminActor } from '../shared/http/admin-actor.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { problems } from '../shared/http/problem.ts';
import { lambdaEntry, type Uses } from './lambda-entry.ts';
import { auditTrailInDynamoDb, consultationsInDynamoDb } from './ports/dynamodb.ts';

export const createHandler = (dependencies: Uses<'consultations' | 'auditTrail'>) =>
  httpHandler(adminRoutes['get-audit-trail'], async ({ params, caller }) => {
    adminActor(caller);
    if ((await dependencies.consultations.find(params.id)) === undefined) {
      throw problems.consultationNotFound(params.id);
    }
    return {
      status: 200,
      headers: { 'Cache-Control': 'no-store' },
      json: { consultationId: params.id, entries: await dependencies.auditTrail.list(params.id) },
    };
  });

export const handler = lambdaEntry(createHandler, {
  consultations: consultationsInDynamoDb,
  auditTrail: auditTrailInDynamoDb,
});
