import { announcementAuditRouteContracts } from '../shared/contracts/routes/announcement-audit-routes.ts';
import { adminActor } from '../shared/http/admin-actor.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { problems } from '../shared/http/problem.ts';
import { viewAnnouncement } from '../shared/use-cases/view-announcement.ts';
import { lambdaEntry, type Uses } from './lambda-entry.ts';
import { announcementsInDynamoDb, sendRecordsInDynamoDb, waveLogInDynamoDb } from './ports/dynamodb.ts';

export const createHandler = (dependencies: Uses<'announcements' | 'sendRecords' | 'waveLog'>) =>
  httpHandler(announcementAuditRouteContracts['get-announcement'], async ({ params, caller }) => {
    adminActor(caller);
    const view = await viewAnnouncement(dependencies, params.id, params.announcementId);
    if (view === undefined) {
      throw problems.notFound(
        `The consultation "${params.id}" has no announcement ${params.announcementId}.`,
      );
    }
    const { announcement, waveId, state, queuedRecipients, figures } = view;
    return {
      status: 200,
      headers: { 'Cache-Control': 'no-store' },
      json: {
        consultationId: params.id,
        announcementId: announcement.id,
        waveId,
        subject: announcement.subject,
        text: announcement.text,
        ...(announcement.reason === undefined ? {} : { reason: announcement.reason }),
        createdAt: announcement.createdAt,
        createdBy: announcement.createdBy,
        state,
        queuedRecipients,
        figures: { consultationId: params.id, waveId, ...figures },
      },
    };
  });

export const handler = lambdaEntry(createHandler, {
  announcements: announcementsInDynamoDb,
  sendRecords: sendRecordsInDynamoDb,
  waveLog: waveLogInDynamoDb,
});
