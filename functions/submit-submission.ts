import { requirePublicBaseUrl } from '../shared/config/runtime-config.ts';
import { submissionRoutes } from '../shared/contracts/routes/submission-routes.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { answeringRefusals } from '../shared/http/submission-problems.ts';
import { submissionResult } from '../shared/http/submission-result.ts';
import { submitSubmission } from '../shared/use-cases/change-submission-status.ts';
import { lambdaEntry, type Uses } from './lambda-entry.ts';
import { consultationsInDynamoDb, extensionsInDynamoDb, submissionsInDynamoDb } from './ports/dynamodb.ts';
import { mailerThroughSes } from './ports/ses.ts';

export const createHandler = (
  dependencies: Uses<'consultations' | 'extensions' | 'submissions' | 'mailer'>,
) =>
  httpHandler(submissionRoutes['submit-submission'], async ({ params, headers, requestHeaders }) => {
    const publicBaseUrl = requirePublicBaseUrl(dependencies.config);
    return submissionResult(
      await answeringRefusals(() =>
        submitSubmission(dependencies, {
          submissionId: params.id,
          authorization: headers.authorization,
          ifMatch: requestHeaders['if-match'],
          publicBaseUrl,
        }),
      ),
    );
  });

export const handler = lambdaEntry(createHandler, {
  consultations: consultationsInDynamoDb,
  extensions: extensionsInDynamoDb,
  submissions: submissionsInDynamoDb,
  mailer: mailerThroughSes,
});
