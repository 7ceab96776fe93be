import { routeContracts } from '../shared/contracts/routes.ts';
import { adminActor } from '../shared/http/admin-actor.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { problems } from '../shared/http/problem.ts';
import { type Dependencies, lambdaEntry } from './dependencies.ts';

export const createHandler = (dependencies: Dependencies) =>
  httpHandler(routeContracts['get-audit-trail'], async ({ params, caller }) => {
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

export const handler = lambdaEntry(createHandler);
