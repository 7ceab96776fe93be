import { personalDataRouteContracts } from '../shared/contracts/routes/personal-data-routes.ts';
import { adminActor } from '../shared/http/admin-actor.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { erasePerson } from '../shared/use-cases/erase-person.ts';
import { lambdaEntry, type Uses } from './lambda-entry.ts';
import {
  auditTrailInDynamoDb,
  consultationsInDynamoDb,
  extensionsInDynamoDb,
  personalDataInDynamoDb,
  submissionsInDynamoDb,
} from './ports/dynamodb.ts';

export const createHandler = (
  dependencies: Uses<'consultations' | 'submissions' | 'extensions' | 'personalData' | 'auditTrail'>,
) =>
  httpHandler(personalDataRouteContracts['erase-person'], async ({ body, caller, requestId }) => {
    const actor = adminActor(caller);
    const result = await erasePerson(dependencies, {
      email: body.email,
      ...(body.reason === undefined ? {} : { reason: body.reason }),
      actor,
      requestId,
    });
    return { status: 200, headers: { 'Cache-Control': 'no-store' }, json: result };
  });

export const handler = lambdaEntry(createHandler, {
  consultations: consultationsInDynamoDb,
  submissions: submissionsInDynamoDb,
  extensions: extensionsInDynamoDb,
  personalData: personalDataInDynamoDb,
  auditTrail: auditTrailInDynamoDb,
});
