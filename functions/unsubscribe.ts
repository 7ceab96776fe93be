import { environmentVariableNames, requiredSetting } from '../shared/config/runtime-config.ts';
import { subscriptionRoutes } from '../shared/contracts/routes/subscription-routes.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { problems } from '../shared/http/problem.ts';
import { unsubscribe } from '../shared/use-cases/unsubscribe.ts';
import { lambdaEntry, type Uses } from './lambda-entry.ts';
import { subscriptionsInDynamoDb } from './ports/dynamodb.ts';

export const createHandler = (dependencies: Uses<'subscriptions'>) => {
  const linkSigningSecret = requiredSetting(
    dependencies.config.linkSigningSecret,
    environmentVariableNames.linkSigningSecret,
  );
  return httpHandler(subscriptionRoutes.unsubscribe, async ({ query }) => {
    const outcome = await unsubscribe(
      {
        get subscriptions() {
          return dependencies.subscriptions;
        },
        clock: dependencies.clock,
        linkSigningSecret,
      },
      query.token,
    );
    if (outcome === 'invalid') throw problems.unsubscribeLinkInvalid();
    return { status: 200, headers: { 'Cache-Control': 'no-store' }, json: { status: 'unsubscribed' } };
  });
};

export const handler = lambdaEntry(createHandler, { subscriptions: subscriptionsInDynamoDb });
