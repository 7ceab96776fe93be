import { consultationRoutes } from '../shared/contracts/routes/consultation-routes.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { problems } from '../shared/http/problem.ts';
import { consultationCalendar } from '../shared/use-cases/consultation-calendar.ts';
import { lambdaEntry, type Uses } from './lambda-entry.ts';
import { consultationsInDynamoDb } from './ports/dynamodb.ts';

export const createHandler = (dependencies: Uses<'consultations'>) =>
  httpHandler(consultationRoutes['get-consultation-calendar'], async ({ params, query }) => {
    const calendar = await consultationCalendar(dependencies, {
      id: params.id,
      language: query.lang,
      uidDomain: dependencies.config.calendarUidDomain,
    });
    if (calendar === undefined) throw problems.consultationNotFound(params.id);
    return {
      status: 200,
      contentType: 'text/calendar; charset=utf-8',
      headers: {
        'Content-Disposition': `inline; filename="${params.id}.ics"`,
        'Cache-Control': 'public, max-age=300',
      },
      text: calendar,
    };
  });

export const handler = lambdaEntry(createHandler, { consultations: consultationsInDynamoDb });
