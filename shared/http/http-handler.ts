import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { z } from 'zod';
import type { RouteContract } from '../contracts/route-contract.ts';
import { logger } from '../observability/logger.ts';
import { type FieldError, HttpProblem, problemMediaType, problems } from './problem.ts';

/**
 * The one way an HTTP handler is written: the route's contract (zod schemas for what it reads, the
 * same objects the OpenAPI document is generated from) and a `handle` function that receives
 * already-validated input. Validation, JSON parsing, size and media
 * type checks, and the mapping of every error to RFC 9457 problem+json happen in middleware, once.
 */
export type HttpResult =
  | { readonly status: number; readonly headers?: Record<string, string>; readonly json: unknown }
  | {
      readonly status: number;
      readonly headers?: Record<string, string>;
      readonly text: string;
      readonly contentType: string;
    }
  | { readonly status: number; readonly headers?: Record<string, string> };

export interface RouteInput<TParams, TQuery, TBody, THeaders = undefined> {
  readonly params: TParams;
  readonly query: TQuery;
  readonly body: TBody;
  /** Every request header, by lower-case name, as received. */
  readonly headers: Readonly<Record<string, string>>;
  /** The headers the contract names, validated. */
  readonly requestHeaders: THeaders;
  readonly requestId: string;
  /**
   * Who signed the request, as API Gateway fills it in after IAM (SigV4) authorization; null on
   * public routes. Admin handlers record `userArn` as the actor.
   */
  readonly caller: CallerIdentity | null;
}

export interface CallerIdentity {
  readonly userArn: string;
  readonly accessKey: string | null;
}

type Schema = z.ZodType;
type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

type Handle<P, Q, B, H> = (
  input: RouteInput<Parsed<P>, Parsed<Q>, Parsed<B>, Parsed<H>>,
) => Promise<HttpResult>;

/** 256 KB: room for the longest submission text, far below API Gateway's and Lambda's limits. */
export const defaultBodyLimitBytes = 256 * 1024;

type ValidatedEvent<TInput> = APIGatewayProxyEvent & { validatedInput: TInput };
type HttpHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export function httpHandler<
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  H extends Schema | undefined = undefined,
>(contract: RouteContract<P, Q, B, H>, handle: Handle<P, Q, B, H>): HttpHandler {
  type Input = RouteInput<Parsed<P>, Parsed<Q>, Parsed<B>, Parsed<H>>;
  const handler = middy<ValidatedEvent<Input>, APIGatewayProxyResult>()
    .use(problemResponses())
    .use(validatedInput(contract))
    .handler(async (event) => toProxyResult(await handle(event.validatedInput)));
  // The event gains `validatedInput` in the middleware; callers hand in a plain proxy event.
  return handler as unknown as HttpHandler;
}

function validatedInput<
  P extends Schema | undefined,
  Q extends Schema | undefined,
  B extends Schema | undefined,
  H extends Schema | undefined,
>(
  spec: RouteContract<P, Q, B, H>,
): MiddlewareObj<
  ValidatedEvent<RouteInput<Parsed<P>, Parsed<Q>, Parsed<B>, Parsed<H>>>,
  APIGatewayProxyResult
> {
  return {
    name: 'validatedInput',
    before: (request) => {
      const event = request.event;
      const headers = lowerCaseHeaders(event.headers);
      const errors: FieldError[] = [];
      const params = parsePart(spec.params, event.pathParameters ?? {}, 'path', errors);
      const query = parsePart(spec.query, event.queryStringParameters ?? {}, 'query', errors);
      const requestHeaders = parsePart(spec.headers, headers, 'header', errors);
      const body =
        spec.body === undefined
          ? undefined
          : parsePart(
              spec.body,
              readJsonBody(event, headers, spec.bodyLimitBytes ?? defaultBodyLimitBytes),
              'body',
              errors,
            );
      if (errors.length > 0) throw problems.validation(errors);
      event.validatedInput = {
        params: params as Parsed<P>,
        query: query as Parsed<Q>,
        body: body as Parsed<B>,
        headers,
        requestHeaders: requestHeaders as Parsed<H>,
        requestId: request.context.awsRequestId,
        caller: callerOf(event),
      };
    },
  };
}

function parsePart(schema: Schema | undefined, value: unknown, where: string, errors: FieldError[]): unknown {
  if (schema === undefined) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    errors.push({ path: [where, ...issue.path.map(String)].join('.'), message: issue.message });
  }
  return undefined;
}

function readJsonBody(
  event: APIGatewayProxyEvent,
  headers: Record<string, string>,
  limitBytes: number,
): unknown {
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(text, 'utf8') > limitBytes) throw problems.payloadTooLarge(limitBytes);
  const mediaType = (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType !== 'application/json' && !mediaType.endsWith('+json')) {
    throw problems.unsupportedMediaType('application/json');
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw problems.malformedJson(error instanceof Error ? error.message : 'The body could not be parsed.');
  }
}

function problemResponses(): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  return {
    name: 'problemResponses',
    onError: (request) => {
      const error = request.error;
      const problem = error instanceof HttpProblem ? error : problems.internal();
      if (!(error instanceof HttpProblem)) {
        // Only the error's class and message: an AWS SDK error never carries the request body.
        logger.error('Unhandled error in HTTP handler', {
          requestId: request.context.awsRequestId,
          resource: request.event.resource,
          errorName: error?.name,
          errorMessage: error?.message,
        });
      }
      const document = { ...problem.toDocument(request.event.path), requestId: request.context.awsRequestId };
      request.response = {
        statusCode: problem.status,
        headers: { ...problem.headers, 'Content-Type': problemMediaType, 'Cache-Control': 'no-store' },
        body: JSON.stringify(document),
      };
    },
  };
}

export function toProxyResult(result: HttpResult): APIGatewayProxyResult {
  if ('json' in result) {
    return {
      statusCode: result.status,
      headers: { 'Content-Type': 'application/json; charset=utf-8', ...result.headers },
      body: JSON.stringify(result.json),
    };
  }
  if ('text' in result) {
    return {
      statusCode: result.status,
      headers: { 'Content-Type': result.contentType, ...result.headers },
      body: result.text,
    };
  }
  return { statusCode: result.status, headers: { ...result.headers }, body: '' };
}

function callerOf(event: APIGatewayProxyEvent): CallerIdentity | null {
  const identity = event.requestContext?.identity;
  if (identity?.userArn === undefined || identity.userArn === null) return null;
  return { userArn: identity.userArn, accessKey: identity.accessKey ?? null };
}

function lowerCaseHeaders(headers: APIGatewayProxyEvent['headers'] | null): Record<string, string> {
  const lowered: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) lowered[name.toLowerCase()] = value;
  }
  return lowered;
}
