import { adminListingRouteContracts } from '../shared/contracts/routes/admin-listing-routes.ts';
import { encodeListingCursor } from '../shared/domain/listing-cursor.ts';
import { adminActor } from '../shared/http/admin-actor.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { problems } from '../shared/http/problem.ts';
import { listAdminSubmissions } from '../shared/use-cases/list-admin-submissions.ts';
import { lambdaEntry, type Uses } from './lambda-entry.ts';
import { consultationsInDynamoDb, submissionCatalogInDynamoDb } from './ports/dynamodb.ts';

export const createHandler = (dependencies: Uses<'consultations' | 'submissionCatalog'>) =>
  httpHandler(adminListingRouteContracts['admin-list-submissions'], async ({ params, query, caller }) => {
    adminActor(caller);
    const { limit, cursor, q, ...fields } = query;
    const list = await listAdminSubmissions(dependencies, {
      consultationId: params.id,
      filter: { ...fields, ...(q === undefined ? {} : { text: q }) },
      limit,
      ...(cursor === undefined ? {} : { after: cursor }),
    });
    if (list === undefined) throw problems.consultationNotFound(params.id);
    return {
      status: 200,
      headers: { 'Cache-Control': 'no-store' },
      json: {
        consultationId: params.id,
        items: list.items,
        nextCursor: list.next === undefined ? null : encodeListingCursor(list.next),
      },
    };
  });

export const handler = lambdaEntry(createHandler, {
  consultations: consultationsInDynamoDb,
  submissionCatalog: submissionCatalogInDynamoDb,
});
