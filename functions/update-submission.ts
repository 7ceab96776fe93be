import { submissionRoutes } from '../shared/contracts/routes/submission-routes.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { answeringRefusals } from '../shared/http/submission-problems.ts';
import { submissionResult } from '../shared/http/submission-result.ts';
import { updateSubmission } from '../shared/use-cases/update-submission.ts';
import { lambdaEntry, type Uses } from './lambda-entry.ts';
import { consultationsInDynamoDb, extensionsInDynamoDb, submissionsInDynamoDb } from './ports/dynamodb.ts';

export const createHandler = (dependencies: Uses<'consultations' | 'extensions' | 'submissions'>) =>
  httpHandler(submissionRoutes['update-submission'], async ({ params, headers, requestHeaders, body }) =>
    submissionResult(
      await answeringRefusals(() =>
        updateSubmission(dependencies, {
          submissionId: params.id,
          authorization: headers.authorization,
          ifMatch: requestHeaders['if-match'],
          patch: body,
        }),
      ),
    ),
  );

export const handler = lambdaEntry(createHandler, {
  consultations: consultationsInDynamoDb,
  extensions: extensionsInDynamoDb,
  submissions: submissionsInDynamoDb,
});
