import { submissionRoutes } from '../shared/contracts/routes/submission-routes.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { answeringRefusals } from '../shared/http/submission-problems.ts';
import { submissionResult } from '../shared/http/submission-result.ts';
import { withdrawSubmission } from '../shared/use-cases/change-submission-status.ts';
import { lambdaEntry, type Uses } from './lambda-entry.ts';
import { consultationsInDynamoDb, extensionsInDynamoDb, submissionsInDynamoDb } from './ports/dynamodb.ts';

export const createHandler = (dependencies: Uses<'consultations' | 'extensions' | 'submissions'>) =>
  httpHandler(submissionRoutes['withdraw-submission'], async ({ params, headers, requestHeaders }) =>
    submissionResult(
      await answeringRefusals(() =>
        withdrawSubmission(dependencies, {
          submissionId: params.id,
          authorization: headers.authorization,
          ifMatch: requestHeaders['if-match'],
        }),
      ),
    ),
  );

export const handler = lambdaEntry(createHandler, {
  consultations: consultationsInDynamoDb,
  extensions: extensionsInDynamoDb,
  submissions: submissionsInDynamoDb,
});
