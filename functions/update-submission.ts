import { routeContracts } from '../shared/contracts/routes.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { answeringRefusals } from '../shared/http/submission-problems.ts';
import { submissionResult } from '../shared/http/submission-result.ts';
import { updateSubmission } from '../shared/use-cases/update-submission.ts';
import { type Dependencies, lambdaEntry } from './dependencies.ts';

export const createHandler = (dependencies: Dependencies) =>
  httpHandler(routeContracts['update-submission'], async ({ params, headers, requestHeaders, body }) =>
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

export const handler = lambdaEntry(createHandler);
