import { adminRoutes } from '../shared/contracts/routes/admin-routes.ts';
import { adminActor } from '../shared/http/admin-actor.ts';
import { dateChangeReply } from '../shared/http/date-change-reply.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { changeCalendarDates } from '../shared/use-cases/change-calendar-dates.ts';
import { lambdaEntry } from './lambda-entry.ts';
import { type ReconcilerDependencies, reconcilerPorts } from './ports/reconciler.ts';

export const createHandler = (dependencies: ReconcilerDependencies) =>
  httpHandler(adminRoutes['change-call-dates'], async ({ params, body, caller }) =>
    dateChangeReply(
      params.id,
      await changeCalendarDates(dependencies, {
        consultationId: params.id,
        change: { target: 'call', call: params.call, opensAt: body.opensAt, closesAt: body.closesAt },
        reason: body.reason,
        actor: adminActor(caller),
        expectedVersion: body.expectedVersion,
      }),
    ),
  );

export const handler = lambdaEntry(createHandler, reconcilerPorts);
