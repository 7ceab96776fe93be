import { adminModerationRoutes } from '../shared/contracts/admin-moderation-routes.ts';
import { adminActor } from '../shared/http/admin-actor.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { adminSubmissionNotFound } from '../shared/http/moderation-problems.ts';
import {
  findConsultationSubmission,
  presentForSecretariat,
} from '../shared/use-cases/admin-submission-view.ts';
import { lambdaEntry, type Uses } from './lambda-entry.ts';
import { submissionsInDynamoDb } from './ports/dynamodb.ts';

export const createHandler = (dependencies: Uses<'submissions'>) =>
  httpHandler(adminModerationRoutes['admin-get-submission'], async ({ params, caller }) => {
    adminActor(caller);
    const submission = await findConsultationSubmission(dependencies, params.id, params.submissionId);
    if (submission === undefined) throw adminSubmissionNotFound(params.id, params.submissionId);
    return { status: 200, headers: { 'Cache-Control': 'no-store' }, json: presentForSecretariat(submission) };
  });

export const handler = lambdaEntry(createHandler, { submissions: submissionsInDynamoDb });
