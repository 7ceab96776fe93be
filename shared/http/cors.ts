/**
 * CORS for the web form. With a Lambda proxy integration API Gateway adds no CORS header to a
 * response (it answers only the preflight OPTIONS), so every response a handler returns gets them
 * here: `Access-Control-Allow-Origin` echoing the request's Origin when it is an allowed one, and
 * `Vary: Origin` always, because responses are cached publicly and must not be shared across origins.
 */
// ETag is what the web form sends back as If-Match when it edits a submission; Idempotent-Replayed
// tells it a retried create was answered from the first one.
export const exposedHeaders = [
  'Content-Disposition',
  'ETag',
  'Idempotent-Replayed',
  'Location',
  'Retry-After',
] as const;

interface ProxyEventLike {
  readonly headers?: Readonly<Record<string, string | undefined>> | null;
}

interface ProxyResultLike {
  readonly headers?: Readonly<Record<string, boolean | number | string>>;
}

function requestOrigin(event: ProxyEventLike): string | undefined {
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (name.toLowerCase() === 'origin') return value;
  }
  return undefined;
}

/** The CORS headers of the response to `event`, given the allowed origins (none: no headers). */
export function corsHeaders(
  event: ProxyEventLike,
  allowedOrigins: readonly string[],
): Record<string, string> {
  if (allowedOrigins.length === 0) return {};
  const origin = requestOrigin(event);
  return {
    Vary: 'Origin',
    ...(origin !== undefined && allowedOrigins.includes(origin)
      ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': exposedHeaders.join(', ') }
      : {}),
  };
}

function isProxyEvent(event: unknown): event is ProxyEventLike & { readonly httpMethod: string } {
  return typeof event === 'object' && event !== null && 'httpMethod' in event && 'requestContext' in event;
}

function isProxyResult(result: unknown): result is ProxyResultLike & { readonly statusCode: number } {
  return typeof result === 'object' && result !== null && 'statusCode' in result;
}

/**
 * Wraps a handler so that its API Gateway proxy responses carry the CORS headers; any other event
 * (a Scheduler delivery) passes through untouched.
 */
export function withCors<TEvent, TContext, TResult>(
  handler: (event: TEvent, context: TContext) => Promise<TResult>,
  allowedOrigins: readonly string[],
): (event: TEvent, context: TContext) => Promise<TResult> {
  if (allowedOrigins.length === 0) return handler;
  return async (event, context) => {
    const result = await handler(event, context);
    if (!isProxyEvent(event) || !isProxyResult(result)) return result;
    return { ...result, headers: { ...result.headers, ...corsHeaders(event, allowedOrigins) } };
  };
}
