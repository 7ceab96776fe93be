import { announcementAuditRouteContracts } from '../shared/contracts/routes/announcement-audit-routes.ts';
import { auditCsv } from '../shared/domain/audit-csv.ts';
import type { AuditEntry } from '../shared/domain/audit-entry.ts';
import { adminActor } from '../shared/http/admin-actor.ts';
import { type HttpResult, httpHandler } from '../shared/http/http-handler.ts';
import { HttpProblem, problems } from '../shared/http/problem.ts';
import { encodedBodyBytes, responseBodyBudgetBytes } from '../shared/http/response-budget.ts';
import {
  type AuditFilters,
  decodeAuditCursor,
  readAuditPage,
  readWholeAudit,
} from '../shared/use-cases/read-audit.ts';
import { lambdaEntry, type Uses } from './lambda-entry.ts';
import { auditTrailInDynamoDb, consultationsInDynamoDb } from './ports/dynamodb.ts';

const defaultPageSize = 100;

export const createHandler = (dependencies: Uses<'consultations' | 'auditTrail'>) =>
  httpHandler(
    announcementAuditRouteContracts['get-audit'],
    async ({ params, query, caller }): Promise<HttpResult> => {
      adminActor(caller);
      const after = query.cursor === undefined ? undefined : decodeAuditCursor(query.cursor);
      if (query.cursor !== undefined && after === undefined) {
        throw problems.validation([
          { path: 'query.cursor', message: 'Use the nextCursor of a previous page' },
        ]);
      }
      if ((await dependencies.consultations.find(params.id)) === undefined) {
        throw problems.consultationNotFound(params.id);
      }
      const filters: AuditFilters = {
        // The contract accepts only the union's kinds.
        ...(query.kind === undefined ? {} : { kinds: query.kind as AuditEntry['kind'][] }),
        ...(query.actor === undefined ? {} : { actor: query.actor }),
        ...(query.call === undefined ? {} : { call: query.call }),
        ...(query.since === undefined ? {} : { since: new Date(query.since) }),
        ...(query.until === undefined ? {} : { until: new Date(query.until) }),
      };
      if (query.format === 'csv') {
        const records = await readWholeAudit(dependencies.auditTrail, params.id, filters);
        const csv = auditCsv(records);
        const encodedBytes = encodedBodyBytes(csv);
        if (encodedBytes > responseBodyBudgetBytes) {
          throw new HttpProblem({
            status: 422,
            type: '/problems/export-too-large',
            title: 'The export is too large for one response',
            detail:
              `${records.length} entries make ${encodedBytes} bytes, more than the ${responseBodyBudgetBytes} ` +
              'one response can carry. Export part of them at a time with since/until or kind.',
            extensions: { rowCount: records.length, encodedBytes, limitBytes: responseBodyBudgetBytes },
          });
        }
        return {
          status: 200,
          contentType: 'text/csv; charset=utf-8',
          headers: {
            'Cache-Control': 'no-store',
            'Content-Disposition': `attachment; filename="${params.id}-audit.csv"`,
          },
          text: csv,
        };
      }
      const page = await readAuditPage(dependencies.auditTrail, params.id, filters, {
        ...(after === undefined ? {} : { after }),
        limit: query.limit ?? defaultPageSize,
      });
      return {
        status: 200,
        headers: { 'Cache-Control': 'no-store' },
        json: {
          consultationId: params.id,
          entries: page.records,
          ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
        },
      };
    },
  );

export const handler = lambdaEntry(createHandler, {
  consultations: consultationsInDynamoDb,
  auditTrail: auditTrailInDynamoDb,
});
