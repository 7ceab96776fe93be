import { submissionRoutes } from '../shared/contracts/routes/submission-routes.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { answeringRefusals } from '../shared/http/submission-problems.ts';
import { submissionResult } from '../shared/http/submission-result.ts';
import { loadForTokenHolder } from '../shared/use-cases/submission-access.ts';
import { lambdaEntry, type Uses } from './lambda-entry.ts';
import { submissionsInDynamoDb } from './ports/dynamodb.ts';

export const createHandler = (dependencies: Uses<'submissions'>) =>
  httpHandler(submissionRoutes['get-submission'], async ({ params, headers }) => {
    const { submission } = await answeringRefusals(() =>
      loadForTokenHolder(dependencies, { submissionId: params.id, authorization: headers.authorization }),
    );
    return submissionResult(submission);
  });

export const handler = lambdaEntry(createHandler, { submissions: submissionsInDynamoDb });
