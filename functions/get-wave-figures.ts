import { reminderRoutes } from '../shared/contracts/routes/reminder-routes.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { lambdaEntry, type Uses } from './lambda-entry.ts';
import { sendRecordsInDynamoDb } from './ports/dynamodb.ts';

export const createHandler = (dependencies: Uses<'sendRecords'>) =>
  httpHandler(reminderRoutes['get-wave-figures'], async ({ params }) => {
    const wave = { consultationId: params.id, waveId: params.waveId };
    const figures = await dependencies.sendRecords.figures(wave);
    return { status: 200, headers: { 'Cache-Control': 'no-store' }, json: { ...wave, ...figures } };
  });

export const handler = lambdaEntry(createHandler, { sendRecords: sendRecordsInDynamoDb });
