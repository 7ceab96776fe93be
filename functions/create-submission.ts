import { requirePublicBaseUrl } from '../shared/config/runtime-config.ts';
import { submissionRoutes } from '../shared/contracts/routes/submission-routes.ts';
import { entityTag } from '../shared/domain/submission.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { answeringRefusals } from '../shared/http/submission-problems.ts';
import { createSubmission } from '../shared/use-cases/create-submission.ts';
import { lambdaEntry, type Uses } from './lambda-entry.ts';
import { consultationsInDynamoDb, extensionsInDynamoDb, submissionsInDynamoDb } from './ports/dynamodb.ts';
import { randomIdentifierSource } from './ports/identifiers.ts';
import { mailerThroughSes } from './ports/ses.ts';

export const createHandler = (
  dependencies: Uses<'consultations' | 'extensions' | 'submissions' | 'mailer' | 'identifiers'>,
) =>
  httpHandler(submissionRoutes['create-submission'], async ({ params, body, requestHeaders }) => {
    // Before anything is written: a function without its link base must not store and then fail.
    const publicBaseUrl = requirePublicBaseUrl(dependencies.config);
    const { status, ...content } = body;
    const created = await answeringRefusals(() =>
      createSubmission(dependencies, {
        consultationId: params.id,
        content,
        status,
        idempotencyKey: requestHeaders['idempotency-key'],
        publicBaseUrl,
      }),
    );
    const { receipt } = created;
    return {
      status: 201,
      headers: {
        Location: `/v1/submissions/${receipt.id}`,
        'Cache-Control': 'no-store',
        // A replay answers as the first time, but the submission may have changed since: no ETag then.
        ...(created.replayed ? { 'Idempotent-Replayed': 'true' } : { ETag: entityTag(1) }),
      },
      json: { ...receipt, editToken: created.editToken },
    };
  });

export const handler = lambdaEntry(createHandler, {
  consultations: consultationsInDynamoDb,
  extensions: extensionsInDynamoDb,
  submissions: submissionsInDynamoDb,
  mailer: mailerThroughSes,
  identifiers: randomIdentifierSource,
});
