import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHandler } from '../../../functions/get-consultation.ts';
import { lambdaContextFor, toProxyEvent } from '../../../local/api-gateway/proxy-event.ts';
import { systemClock } from '../../../shared/ports/clock.ts';

// The problem middleware's log of an unexpected error goes through the Powertools logger: one JSON
// line with what an operator needs (request id, route, error class and message) and nothing from the
// request itself.
afterEach(() => vi.restoreAllMocks());

describe('unhandled error in an HTTP handler', () => {
  it('answers a bare 500 problem and logs one structured line without the request', async () => {
    const lines: string[] = [];
    for (const stream of [process.stdout, process.stderr]) {
      vi.spyOn(stream, 'write').mockImplementation((chunk) => {
        lines.push(String(chunk));
        return true;
      });
    }
    const handler = createHandler({
      clock: systemClock,
      config: {
        tableNames: {
          consultations: 'unused',
          submissions: 'unused',
          subscriptions: 'unused',
          deliveries: 'unused',
        },
        calendarUidDomain: 'consultations.test',
      },
      consultations: {
        find: async () => {
          throw Object.assign(new Error('Requested resource not found'), {
            name: 'ResourceNotFoundException',
          });
        },
        list: async () => [],
        seed: async () => false,
        update: async () => {
          throw new Error('Not used by get-consultation');
        },
      },
    });
    const event: APIGatewayProxyEvent = toProxyEvent(
      {
        method: 'GET',
        url: '/v1/consultations/wsis-forum-2022?timezone=Europe/Zurich',
        rawHeaders: ['Cookie', 'session=secret-token', 'X-Contact', 'person@example.org'],
        body: Buffer.alloc(0),
        sourceIp: '127.0.0.1',
      },
      {
        resource: '/v1/consultations/{id}',
        pathParameters: { id: 'wsis-forum-2022' },
        stage: 'test',
        accountId: '000000000000',
        apiId: 'test',
        receivedAt: new Date(),
        requestId: 'request-1',
      },
    );
    const context: Context = lambdaContextFor('get-consultation', 'invocation-1', 'eu-central-1', '0');
    const response = await handler(event, context);

    expect(response.statusCode).toBe(500);
    expect(JSON.parse(response.body)).toMatchObject({ status: 500, title: 'Internal Server Error' });
    expect(response.body).not.toContain('Requested resource not found');
    const logged = lines.filter((line) => line.includes('Unhandled error in HTTP handler'));
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0] ?? '{}')).toMatchObject({
      level: 'ERROR',
      message: 'Unhandled error in HTTP handler',
      requestId: 'invocation-1',
      resource: '/v1/consultations/{id}',
      errorName: 'ResourceNotFoundException',
      errorMessage: 'Requested resource not found',
    });
    for (const personal of ['secret-token', 'person@example.org', 'Europe/Zurich']) {
      expect(lines.join('')).not.toContain(personal);
    }
  });
});
