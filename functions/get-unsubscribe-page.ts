import { subscriptionRoutes } from '../shared/contracts/routes/subscription-routes.ts';
import { unsubscribePage } from '../shared/domain/email/pages.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { unsubscribePath } from '../shared/use-cases/email-links.ts';
import { lambdaEntry, type Uses } from './lambda-entry.ts';

/** Shows the button; unsubscribing is the POST (the button's, or a mail client's one click). */
export const createHandler = (_dependencies: Uses) =>
  httpHandler(subscriptionRoutes['get-unsubscribe-page'], async ({ query }) => ({
    status: 200,
    contentType: 'text/html; charset=utf-8',
    headers: { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' },
    text: unsubscribePage(
      query.lang ?? 'en',
      `${unsubscribePath}?${new URLSearchParams({ token: query.token, ...(query.lang === undefined ? {} : { lang: query.lang }) })}`,
    ),
  }));

export const handler = lambdaEntry(createHandler, {});
