import { announcementAuditRouteContracts } from '../shared/contracts/routes/announcement-audit-routes.ts';
import { announcementWaveId } from '../shared/domain/announcement.ts';
import { adminActor } from '../shared/http/admin-actor.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { HttpProblem, problems } from '../shared/http/problem.ts';
import { createAnnouncement } from '../shared/use-cases/create-announcement.ts';
import { lambdaEntry, type Uses } from './lambda-entry.ts';
import { announcementsInDynamoDb, auditTrailInDynamoDb, consultationsInDynamoDb } from './ports/dynamodb.ts';
import { schedulesInEventBridge } from './ports/scheduler.ts';

export const createHandler = (
  dependencies: Uses<'consultations' | 'announcements' | 'auditTrail' | 'schedules'>,
) =>
  httpHandler(
    announcementAuditRouteContracts['create-announcement'],
    async ({ params, body, requestHeaders, caller }) => {
      const result = await createAnnouncement(dependencies, {
        consultationId: params.id,
        idempotencyKey: requestHeaders['idempotency-key'],
        subject: body.subject,
        text: body.text,
        ...(body.reason === undefined ? {} : { reason: body.reason }),
        actor: adminActor(caller),
      });
      switch (result.outcome) {
        case 'consultation-not-found':
          throw problems.consultationNotFound(params.id);
        case 'idempotency-key-reused':
          throw new HttpProblem({
            status: 422,
            type: '/problems/idempotency-key-reused',
            title: 'The Idempotency-Key was used with another body',
            detail: 'A key stands for one announcement: send a new key for a different announcement.',
          });
        case 'accepted': {
          const { announcement } = result;
          return {
            status: 202,
            headers: {
              'Cache-Control': 'no-store',
              Location: `/v1/admin/consultations/${params.id}/announcements/${announcement.id}`,
              ...(result.replayed ? { 'Idempotent-Replayed': 'true' } : {}),
            },
            json: {
              consultationId: params.id,
              announcementId: announcement.id,
              waveId: announcementWaveId(announcement.id),
              createdAt: announcement.createdAt,
            },
          };
        }
      }
    },
  );

export const handler = lambdaEntry(createHandler, {
  consultations: consultationsInDynamoDb,
  announcements: announcementsInDynamoDb,
  auditTrail: auditTrailInDynamoDb,
  schedules: schedulesInEventBridge,
});
