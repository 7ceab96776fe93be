import { adminRoutes } from '../shared/contracts/routes/admin-routes.ts';
import { adminActor } from '../shared/http/admin-actor.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { problems } from '../shared/http/problem.ts';
import { grantExtension } from '../shared/use-cases/grant-extension.ts';
import { lambdaEntry, type Uses } from './lambda-entry.ts';
import { auditTrailInDynamoDb, consultationsInDynamoDb, extensionsInDynamoDb } from './ports/dynamodb.ts';

export const createHandler = (dependencies: Uses<'consultations' | 'extensions' | 'auditTrail'>) =>
  httpHandler(adminRoutes['grant-extension'], async ({ params, body, caller }) => {
    const result = await grantExtension(dependencies, {
      consultationId: params.id,
      call: params.call,
      grantee: body.grantee,
      until: body.until,
      reason: body.reason,
      actor: adminActor(caller),
    });
    switch (result.outcome) {
      case 'consultation-not-found':
        throw problems.consultationNotFound(params.id);
      case 'call-not-found':
        throw problems.callNotFound(params.id, params.call);
      case 'invalid':
        throw problems.calendarRule([{ path: `body.${result.field}`, message: result.message }]);
      default:
        return {
          status: 201,
          headers: { 'Cache-Control': 'no-store' },
          json: { consultationId: params.id, extension: result.extension },
        };
    }
  });

export const handler = lambdaEntry(createHandler, {
  consultations: consultationsInDynamoDb,
  extensions: extensionsInDynamoDb,
  auditTrail: auditTrailInDynamoDb,
});
