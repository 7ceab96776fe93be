import { consultationRoutes } from '../shared/contracts/routes/consultation-routes.ts';
import { httpHandler } from '../shared/http/http-handler.ts';
import { listConsultations } from '../shared/use-cases/list-consultations.ts';
import { lambdaEntry, type Uses } from './lambda-entry.ts';
import { consultationsInDynamoDb } from './ports/dynamodb.ts';

export const createHandler = (dependencies: Uses<'consultations'>) =>
  httpHandler(consultationRoutes['list-consultations'], async () => ({
    status: 200,
    headers: { 'Cache-Control': 'public, max-age=60' },
    json: { consultations: await listConsultations(dependencies) },
  }));

export const handler = lambdaEntry(createHandler, { consultations: consultationsInDynamoDb });
