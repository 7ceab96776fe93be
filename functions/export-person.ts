import { personalDataRouteContracts } from '../shared/contracts/routes/personal-data-routes.ts';
import { adminActor } from '../shared/http/admin-actor.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { exportPerson } from '../shared/use-cases/export-person.ts';
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
  httpHandler(personalDataRouteContracts['export-person'], async ({ query, caller, requestId }) => {
    const actor = adminActor(caller);
    return {
      status: 200,
      headers: { 'Cache-Control': 'no-store' },
      json: await exportPerson(dependencies, { email: query.email, actor, requestId }),
    };
  });

export const handler = lambdaEntry(createHandler, {
  consultations: consultationsInDynamoDb,
  submissions: submissionsInDynamoDb,
  extensions: extensionsInDynamoDb,
  personalData: personalDataInDynamoDb,
  auditTrail: auditTrailInDynamoDb,
});
