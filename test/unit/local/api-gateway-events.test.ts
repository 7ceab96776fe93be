import { describe, expect, it } from 'vitest';
import { fromProxyResult, toProxyEvent } from '../../../local/api-gateway/proxy-event.ts';
import { createRouteTable } from '../../../local/api-gateway/route-table.ts';

const context = {
  resource: '/v1/consultations/{id}',
  pathParameters: { id: 'wsis-forum-2022' },
  stage: 'local',
  accountId: '000000000000',
  apiId: 'local',
  receivedAt: new Date('2022-03-06T12:00:00Z'),
  requestId: 'request-1',
};

describe('API Gateway REST proxy events', () => {
  it('carries method, paths, headers (single and multi), query and stage as a REST API does', () => {
    const event = toProxyEvent(
      {
        method: 'get',
        url: '/v1/consultations/wsis-forum-2022?timezone=Asia%2FTokyo&tag=a&tag=b',
        rawHeaders: [
          'Accept',
          'application/json',
          'X-Trace',
          'one',
          'x-trace',
          'two',
          'User-Agent',
          'curl/8',
        ],
        body: Buffer.alloc(0),
        sourceIp: '127.0.0.1',
      },
      context,
    );
    expect(event).toMatchObject({
      resource: '/v1/consultations/{id}',
      path: '/v1/consultations/wsis-forum-2022',
      httpMethod: 'GET',
      queryStringParameters: { timezone: 'Asia/Tokyo', tag: 'b' },
      multiValueQueryStringParameters: { timezone: ['Asia/Tokyo'], tag: ['a', 'b'] },
      pathParameters: { id: 'wsis-forum-2022' },
      body: null,
      isBase64Encoded: false,
      requestContext: {
        path: '/local/v1/consultations/wsis-forum-2022',
        stage: 'local',
        requestId: 'request-1',
        requestTimeEpoch: Date.parse('2022-03-06T12:00:00Z'),
        resourcePath: '/v1/consultations/{id}',
        identity: { sourceIp: '127.0.0.1', userAgent: 'curl/8' },
      },
    });
    expect(event.headers['x-trace']).toBe('two');
    expect(event.multiValueHeaders['X-Trace']).toEqual(['one', 'two']);
  });

  it('passes text bodies as UTF-8 and binary bodies as base64', () => {
    const text = toProxyEvent(
      {
        method: 'POST',
        url: '/x',
        rawHeaders: ['Content-Type', 'application/json; charset=utf-8'],
        body: Buffer.from('{"title":"Société"}'),
        sourceIp: '127.0.0.1',
      },
      { ...context, pathParameters: {} },
    );
    expect(text).toMatchObject({ body: '{"title":"Société"}', isBase64Encoded: false, pathParameters: null });
    const binary = toProxyEvent(
      {
        method: 'POST',
        url: '/x',
        rawHeaders: ['Content-Type', 'image/jpeg'],
        body: Buffer.from([0xff, 0xd8, 0xff]),
        sourceIp: '127.0.0.1',
      },
      context,
    );
    expect(binary).toMatchObject({ body: '/9j/', isBase64Encoded: true });
  });

  it('maps a proxy result back to status, headers and body, decoding base64', () => {
    expect(
      fromProxyResult({
        statusCode: 201,
        headers: { Location: '/v1/submissions/1' },
        multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'] },
        body: 'AQID',
        isBase64Encoded: true,
      }),
    ).toEqual({
      status: 201,
      headers: { Location: '/v1/submissions/1', 'Set-Cookie': ['a=1', 'b=2'] },
      body: Buffer.from([1, 2, 3]),
    });
  });
});

describe('route table', () => {
  const table = createRouteTable([
    { method: 'GET', resource: '/v1/consultations/{id}', target: 'get' },
    { method: 'GET', resource: '/v1/consultations/{id}/calendar.ics', target: 'calendar' },
    { method: 'GET', resource: '/v1/consultations/stats', target: 'literal' },
  ]);

  it('matches parameters one segment each, decoded, and prefers literal segments', () => {
    expect(table.match('GET', '/v1/consultations/wsis%2D2022')).toMatchObject({
      kind: 'matched',
      route: { target: 'get' },
      pathParameters: { id: 'wsis-2022' },
    });
    expect(table.match('GET', '/v1/consultations/stats')).toMatchObject({ route: { target: 'literal' } });
    expect(table.match('GET', '/v1/consultations/a/calendar.ics')).toMatchObject({
      route: { target: 'calendar' },
    });
  });

  it('tells an unknown path from a known path with another method', () => {
    expect(table.match('GET', '/v1/consultations/a/b')).toEqual({ kind: 'not-found' });
    expect(table.match('POST', '/v1/consultations/a')).toEqual({
      kind: 'method-not-allowed',
      allowed: ['GET'],
    });
  });
});
