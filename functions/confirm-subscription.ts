import { subscriptionRoutes } from '../shared/contracts/routes/subscription-routes.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { problems } from '../shared/http/problem.ts';
import { confirmSubscription } from '../shared/use-cases/confirm-subscription.ts';
import { lambdaEntry, type Uses } from './lambda-entry.ts';
import { subscriptionsInDynamoDb } from './ports/dynamodb.ts';

export const createHandler = (dependencies: Uses<'subscriptions'>) =>
  httpHandler(subscriptionRoutes['confirm-subscription'], async ({ body }) => {
    const result = await confirmSubscription(dependencies, body.token);
    if (result.outcome === 'invalid' || result.consultationId === undefined) {
      throw problems.confirmationLinkInvalid();
    }
    return {
      status: 200,
      headers: { 'Cache-Control': 'no-store' },
      json: { status: 'confirmed', consultationId: result.consultationId },
    };
  });

export const handler = lambdaEntry(createHandler, { subscriptions: subscriptionsInDynamoDb });
