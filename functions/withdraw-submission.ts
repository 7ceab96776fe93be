import { routeContracts } from '../shared/contracts/routes.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { answeringRefusals } from '../shared/http/submission-problems.ts';
import { submissionResult } from '../shared/http/submission-result.ts';
import { withdrawSubmission } from '../shared/use-cases/change-submission-status.ts';
import { type Dependencies, lambdaEntry } from './dependencies.ts';

export const createHandler = (dependencies: Dependencies) =>
  httpHandler(routeContracts['withdraw-submission'], async ({ params, headers, requestHeaders }) =>
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

export const handler = lambdaEntry(createHandler);
