import { describe, expect, it } from 'vitest';
import { corsHeaders, exposedHeaders, withCors } from '../../../shared/http/cors.ts';

const form = 'https://forms.consultations.test';
const proxyEvent = (headers: Record<string, string>) => ({ httpMethod: 'GET', requestContext: {}, headers });

describe('CORS headers of handler responses', () => {
  it('echoes an allowed Origin, whatever the header name’s case, and always varies by Origin', () => {
    expect(corsHeaders(proxyEvent({ origin: form }), [form])).toEqual({
      Vary: 'Origin',
      'Access-Control-Allow-Origin': form,
      'Access-Control-Expose-Headers': exposedHeaders.join(', '),
    });
    expect(corsHeaders(proxyEvent({ ORIGIN: form }), [form])['Access-Control-Allow-Origin']).toBe(form);
  });

  it('names no origin for another origin or none, and adds nothing when no origin is allowed', () => {
    expect(corsHeaders(proxyEvent({ Origin: 'https://elsewhere.test' }), [form])).toEqual({ Vary: 'Origin' });
    expect(corsHeaders(proxyEvent({}), [form])).toEqual({ Vary: 'Origin' });
    expect(corsHeaders(proxyEvent({ Origin: form }), [])).toEqual({});
  });

  it('adds them to proxy responses only, keeping the handler’s own headers', async () => {
    const handler = withCors(
      async (event: unknown) =>
        typeof event === 'object' && event !== null && 'httpMethod' in event
          ? { statusCode: 200, headers: { 'Cache-Control': 'no-store' }, body: '' }
          : { delivered: true },
      [form],
    );
    expect(await handler(proxyEvent({ Origin: form }), {})).toEqual({
      statusCode: 200,
      headers: {
        'Cache-Control': 'no-store',
        Vary: 'Origin',
        'Access-Control-Allow-Origin': form,
        'Access-Control-Expose-Headers': exposedHeaders.join(', '),
      },
      body: '',
    });
    expect(await handler({ scheduleName: 'close-call' }, {})).toEqual({ delivered: true });
  });
});
