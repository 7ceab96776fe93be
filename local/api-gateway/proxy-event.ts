import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';

/**
 * Turns a raw HTTP request into the event API Gateway's REST API (v1) hands a Lambda proxy
 * integration, and a proxy result back into status, headers and body. Shapes follow the proxy
 * integration's documented input format, so a handler cannot tell the local runtime from AWS.
 */
export interface RawHttpRequest {
  readonly method: string;
  /** Path and query as received, e.g. `/v1/consultations?x=1`. */
  readonly url: string;
  /** Header names and values in the order received (Node's rawHeaders pairs). */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  readonly sourceIp: string;
}

export interface ProxyEventContext {
  readonly resource: string;
  readonly pathParameters: Record<string, string>;
  readonly stage: string;
  readonly accountId: string;
  readonly apiId: string;
  readonly receivedAt: Date;
  readonly requestId?: string;
  /** The IAM caller, once the signature of an `iam` route is verified. */
  readonly caller?: {
    readonly accessKey: string;
    readonly accountId: string;
    readonly caller: string;
    readonly user: string;
    readonly userArn: string;
  };
}

const textualMediaType =
  /^(text\/|application\/(json|.*\+json|xml|.*\+xml|x-www-form-urlencoded|javascript))/i;

export function toProxyEvent(request: RawHttpRequest, context: ProxyEventContext): APIGatewayProxyEvent {
  const url = new URL(request.url, 'http://local');
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let index = 0; index + 1 < request.rawHeaders.length; index += 2) {
    const name = request.rawHeaders[index] as string;
    const value = request.rawHeaders[index + 1] as string;
    // API Gateway keeps the last value of a repeated header in `headers`, all of them in the multi form.
    headers[name] = value;
    const existing = Object.keys(multiValueHeaders).find((key) => key.toLowerCase() === name.toLowerCase());
    if (existing === undefined) multiValueHeaders[name] = [value];
    else multiValueHeaders[existing]?.push(value);
  }

  const queryStringParameters: Record<string, string> = {};
  const multiValueQueryStringParameters: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) {
    queryStringParameters[name] = value;
    multiValueQueryStringParameters[name] = [...(multiValueQueryStringParameters[name] ?? []), value];
  }
  const hasQuery = Object.keys(queryStringParameters).length > 0;

  const contentType =
    Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
  const hasBody = request.body.length > 0;
  const isBase64Encoded = hasBody && contentType !== '' && !textualMediaType.test(contentType);
  const body = hasBody ? request.body.toString(isBase64Encoded ? 'base64' : 'utf8') : null;
  const requestId = context.requestId ?? randomUUID();
  const userAgent =
    Object.entries(headers).find(([name]) => name.toLowerCase() === 'user-agent')?.[1] ?? null;
  const hasPathParameters = Object.keys(context.pathParameters).length > 0;

  return {
    resource: context.resource,
    path: url.pathname,
    httpMethod: request.method.toUpperCase(),
    headers,
    multiValueHeaders,
    queryStringParameters: hasQuery ? queryStringParameters : null,
    multiValueQueryStringParameters: hasQuery ? multiValueQueryStringParameters : null,
    pathParameters: hasPathParameters ? context.pathParameters : null,
    stageVariables: null,
    body,
    isBase64Encoded,
    requestContext: {
      accountId: context.accountId,
      apiId: context.apiId,
      authorizer: undefined,
      protocol: 'HTTP/1.1',
      httpMethod: request.method.toUpperCase(),
      identity: {
        accessKey: context.caller?.accessKey ?? null,
        accountId: context.caller?.accountId ?? null,
        apiKey: null,
        apiKeyId: null,
        caller: context.caller?.caller ?? null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: request.sourceIp,
        user: context.caller?.user ?? null,
        userAgent,
        userArn: context.caller?.userArn ?? null,
      },
      path: `/${context.stage}${url.pathname}`,
      stage: context.stage,
      requestId,
      requestTimeEpoch: context.receivedAt.getTime(),
      resourceId: resourceIdOf(context.resource),
      resourcePath: context.resource,
    },
  };
}

/** A stable short id per resource path, as API Gateway gives each resource one. */
function resourceIdOf(resource: string): string {
  let hash = 0;
  for (const character of resource) hash = (hash * 31 + (character.codePointAt(0) ?? 0)) >>> 0;
  return hash.toString(36).padStart(6, '0').slice(0, 6);
}

/**
 * A Lambda context whose `getRemainingTimeInMillis` counts down from `timeoutMilliseconds`; by
 * default API Gateway's 29 s, the longest an HTTP invocation can take.
 */
export function lambdaContextFor(
  functionName: string,
  requestId: string,
  region: string,
  accountId: string,
  timeoutMilliseconds = 29_000,
): Context {
  const deadline = Date.now() + timeoutMilliseconds;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${accountId}:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export interface HttpReply {
  readonly status: number;
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer;
}

export function fromProxyResult(result: APIGatewayProxyResult): HttpReply {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {})) {
    headers[name] = values.map(String);
  }
  const body = result.isBase64Encoded
    ? Buffer.from(result.body, 'base64')
    : Buffer.from(result.body ?? '', 'utf8');
  return { status: result.statusCode, headers, body };
}
