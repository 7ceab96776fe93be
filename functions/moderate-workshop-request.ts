import { adminModerationRoutes } from '../shared/contracts/routes/admin-moderation-routes.ts';
import { adminActor } from '../shared/http/admin-actor.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { moderationProblem } from '../shared/http/moderation-problems.ts';
import { presentForSecretariat } from '../shared/use-cases/admin-submission-view.ts';
import { moderateWorkshopRequest } from '../shared/use-cases/moderate-workshop-request.ts';
import { lambdaEntry, type Uses } from './lambda-entry.ts';
import {
  auditTrailInDynamoDb,
  consultationsInDynamoDb,
  extensionsInDynamoDb,
  moderationEmailsInDynamoDb,
  submissionsInDynamoDb,
} from './ports/dynamodb.ts';
import { mailerThroughSes } from './ports/ses.ts';

export const createHandler = (
  dependencies: Uses<
    'consultations' | 'extensions' | 'submissions' | 'moderationEmails' | 'mailer' | 'auditTrail'
  >,
) =>
  httpHandler(adminModerationRoutes['moderate-workshop-request'], async ({ params, body, caller }) => {
    const result = await moderateWorkshopRequest(dependencies, {
      consultationId: params.id,
      submissionId: params.submissionId,
      decision: body.decision,
      message: body.message,
      reason: body.reason,
      actor: adminActor(caller),
    });
    if (result.outcome !== 'moderated') throw moderationProblem(result, params.id, params.submissionId);
    return {
      status: 200,
      headers: {
        'Cache-Control': 'no-store',
        ...(result.replayed ? { 'Idempotent-Replayed': 'true' } : {}),
      },
      json: {
        ...presentForSecretariat(result.submission),
        moderation: result.moderation,
        email: {
          status: result.email.status,
          claimedAt: result.email.claimedAt,
          ...(result.email.completedAt === undefined ? {} : { completedAt: result.email.completedAt }),
        },
      },
    };
  });

export const handler = lambdaEntry(createHandler, {
  consultations: consultationsInDynamoDb,
  extensions: extensionsInDynamoDb,
  submissions: submissionsInDynamoDb,
  moderationEmails: moderationEmailsInDynamoDb,
  mailer: mailerThroughSes,
  auditTrail: auditTrailInDynamoDb,
});
