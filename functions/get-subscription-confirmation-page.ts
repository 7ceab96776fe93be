import { subscriptionRoutes } from '../shared/contracts/routes/subscription-routes.ts';
import { confirmationPage } from '../shared/domain/email/pages.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { subscriptionConfirmPath } from '../shared/use-cases/email-links.ts';
import { lambdaEntry, type Uses } from './lambda-entry.ts';

/** Shows the button; confirming is the POST the button makes, never this GET. */
export const createHandler = (_dependencies: Uses) =>
  httpHandler(subscriptionRoutes['get-subscription-confirmation-page'], async ({ query }) => ({
    status: 200,
    contentType: 'text/html; charset=utf-8',
    headers: { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' },
    text: confirmationPage(query.lang ?? 'en', subscriptionConfirmPath, query.token),
  }));

export const handler = lambdaEntry(createHandler, {});
