import { adminListingRouteContracts } from '../shared/contracts/routes/admin-listing-routes.ts';
import { adminActor } from '../shared/http/admin-actor.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { HttpProblem, problems } from '../shared/http/problem.ts';
import { responseBodyBudgetBytes } from '../shared/http/response-budget.ts';
import { exportSubmissions } from '../shared/use-cases/export-submissions.ts';
import { lambdaEntry, type Uses } from './lambda-entry.ts';
import {
  auditTrailInDynamoDb,
  consultationsInDynamoDb,
  submissionCatalogInDynamoDb,
} from './ports/dynamodb.ts';

/** The export is measured as it is built and refused once past what one response carries. */
export const exportBodyBudgetBytes = responseBodyBudgetBytes;

export const createHandler = (dependencies: Uses<'consultations' | 'submissionCatalog' | 'auditTrail'>) =>
  httpHandler(
    adminListingRouteContracts['admin-export-submissions'],
    async ({ params, query, caller, requestId }) => {
      const actor = adminActor(caller);
      const { format, personalData, q, ...fields } = query;
      const result = await exportSubmissions(dependencies, {
        consultationId: params.id,
        filter: { ...fields, ...(q === undefined ? {} : { text: q }) },
        format,
        personalData,
        actor,
        requestId,
        maxEncodedBytes: exportBodyBudgetBytes,
      });
      if (result === undefined) throw problems.consultationNotFound(params.id);
      if (result.kind === 'too-large') {
        throw new HttpProblem({
          status: 422,
          type: '/problems/export-too-large',
          title: 'The export is too large for one response',
          detail:
            `${result.rowCount} submissions make ${result.encodedBytes} bytes, more than the ${exportBodyBudgetBytes} ` +
            'one response can carry. Export part of them at a time with the filters (e.g. call, status, region).',
          extensions: {
            rowCount: result.rowCount,
            encodedBytes: result.encodedBytes,
            limitBytes: exportBodyBudgetBytes,
          },
        });
      }
      return {
        status: 200,
        contentType: result.contentType,
        text: result.body,
        headers: {
          'Cache-Control': 'no-store',
          'Content-Disposition': `attachment; filename="${result.filename}"`,
          'X-Row-Count': String(result.rowCount),
        },
      };
    },
  );

export const handler = lambdaEntry(createHandler, {
  consultations: consultationsInDynamoDb,
  submissionCatalog: submissionCatalogInDynamoDb,
  auditTrail: auditTrailInDynamoDb,
});
