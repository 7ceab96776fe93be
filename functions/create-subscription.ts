import { requirePublicBaseUrl } from '../shared/config/runtime-config.ts';
import { subscriptionRoutes } from '../shared/contracts/routes/subscription-routes.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { problems } from '../shared/http/problem.ts';
import { subscribe } from '../shared/use-cases/subscribe.ts';
import { lambdaEntry, type Uses } from './lambda-entry.ts';
import {
  consultationsInDynamoDb,
  subscriptionsInDynamoDb,
  suppressionsInDynamoDb,
} from './ports/dynamodb.ts';
import { mailerThroughSes } from './ports/ses.ts';

export const createHandler = (
  dependencies: Uses<'consultations' | 'subscriptions' | 'suppressions' | 'mailer'>,
) => {
  // Read per request: locally the API's URL is known only once it listens.
  return httpHandler(subscriptionRoutes['create-subscription'], async ({ params, body }) => {
    const publicBaseUrl = requirePublicBaseUrl(dependencies.config);
    const outcome = await subscribe(
      { ...ports(dependencies), publicBaseUrl },
      {
        consultationId: params.id,
        email: body.email,
        language: body.language,
        ...(body.timezone === undefined ? {} : { timeZone: body.timezone }),
        ...(body.stakeholderType === undefined ? {} : { stakeholderType: body.stakeholderType }),
        ...(body.country === undefined ? {} : { country: body.country }),
      },
    );
    if (outcome === 'consultation-not-found') throw problems.consultationNotFound(params.id);
    return {
      status: 202,
      headers: { 'Cache-Control': 'no-store' },
      json: {
        status: 'confirmation-pending',
        detail: 'If the address can receive our emails, a confirmation link is on its way to it.',
      },
    };
  });
};

// Getters, read when a request needs them, so a cold start builds no client it does not use.
function ports(dependencies: Uses<'consultations' | 'subscriptions' | 'suppressions' | 'mailer'>) {
  return {
    get consultations() {
      return dependencies.consultations;
    },
    get subscriptions() {
      return dependencies.subscriptions;
    },
    get suppressions() {
      return dependencies.suppressions;
    },
    get mailer() {
      return dependencies.mailer;
    },
    get clock() {
      return dependencies.clock;
    },
  };
}

export const handler = lambdaEntry(createHandler, {
  consultations: consultationsInDynamoDb,
  subscriptions: subscriptionsInDynamoDb,
  suppressions: suppressionsInDynamoDb,
  mailer: mailerThroughSes,
});
