import { adminRoutes } from '../shared/contracts/routes/admin-routes.ts';
import { adminActor } from '../shared/http/admin-actor.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { problems } from '../shared/http/problem.ts';
import { reconcileSchedules } from '../shared/use-cases/reconcile-schedules.ts';
import { recordReconcile } from '../shared/use-cases/record-reconcile.ts';
import { lambdaEntry } from './lambda-entry.ts';
import { type ReconcilerDependencies, reconcilerPorts } from './ports/reconciler.ts';

export const createHandler = (dependencies: ReconcilerDependencies) =>
  httpHandler(adminRoutes['reconcile-schedules'], async ({ params, caller, requestId }) => {
    const actor = adminActor(caller);
    const report = await reconcileSchedules(dependencies, params.id);
    if (report === undefined) throw problems.consultationNotFound(params.id);
    await recordReconcile(dependencies.auditTrail, report, actor, requestId);
    return { status: 200, headers: { 'Cache-Control': 'no-store' }, json: report };
  });

export const handler = lambdaEntry(createHandler, reconcilerPorts);
