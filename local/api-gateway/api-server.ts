import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { HttpMethod } from '../../functions/manifest.ts';
import { HttpProblem, problemMediaType, problems } from '../../shared/http/problem.ts';
import { fromProxyResult, type HttpReply, lambdaContextFor, toProxyEvent } from './proxy-event.ts';
import { createRouteTable } from './route-table.ts';
import type { SigV4Verifier, VerifiedCaller } from './sigv4-verifier.ts';

/**
 * The local stand-in for API Gateway's REST API: each request becomes a proxy event for the function
 * the manifest routes it to, and the function's result becomes the reply. Requests under `/_local/`
 * go to the local runtime's own control routes instead.
 */
export type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export interface ApiRoute {
  readonly functionName: string;
  readonly method: HttpMethod;
  readonly resource: string;
  /** `iam`: the request must be SigV4-signed, as API Gateway's AWS_IAM authorization demands. */
  readonly authorization: 'public' | 'iam';
  readonly handler: ProxyHandler;
}

export interface ControlRequest {
  readonly method: string;
  readonly url: URL;
  readonly body: Buffer;
}

/** Answers a `/_local/...` request, or undefined when it is not one of its routes. */
export type ControlRoutes = (request: ControlRequest) => Promise<HttpReply | undefined>;

export interface ApiServerOptions {
  readonly routes: readonly ApiRoute[];
  readonly controlRoutes: ControlRoutes;
  readonly host: string;
  readonly port: number;
  readonly region: string;
  readonly accountId: string;
  readonly stage: string;
  readonly now: () => Date;
  /** API Gateway refuses larger payloads with 413 before any function runs. */
  readonly maxPayloadBytes?: number;
  /** Verifies the signature of requests to `iam` routes; such a request never reaches its function otherwise. */
  readonly verifySignature: SigV4Verifier;
}

export interface ApiServer {
  readonly url: string;
  close(): Promise<void>;
}

const apiGatewayPayloadLimit = 10 * 1024 * 1024;

export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const table = createRouteTable(
    options.routes.map((route) => ({ method: route.method, resource: route.resource, target: route })),
  );
  const maxPayloadBytes = options.maxPayloadBytes ?? apiGatewayPayloadLimit;

  const answer = async (request: IncomingMessage): Promise<HttpReply> => {
    const body = await readBody(request, maxPayloadBytes);
    if (body === 'too-large') return problemReply(problems.payloadTooLarge(maxPayloadBytes).toDocument());
    const url = new URL(request.url ?? '/', 'http://local');
    const method = request.method ?? 'GET';
    if (url.pathname.startsWith('/_local/')) {
      const reply = await options.controlRoutes({ method, url, body });
      return (
        reply ??
        problemReply(problems.notFound(`No local control route ${method} ${url.pathname}.`).toDocument())
      );
    }
    const match = table.match(method, url.pathname);
    if (match.kind === 'not-found') {
      return problemReply(
        problems.notFound(`No route for ${method} ${url.pathname}.`).toDocument(url.pathname),
      );
    }
    if (match.kind === 'method-not-allowed') {
      const problem = problems.methodNotAllowed(match.allowed);
      return problemReply(problem.toDocument(url.pathname), problem.headers);
    }
    const route = match.route.target;
    let caller: VerifiedCaller | undefined;
    if (route.authorization === 'iam') {
      try {
        caller = await options.verifySignature({
          method,
          url: request.url ?? '/',
          rawHeaders: request.rawHeaders,
          body,
        });
      } catch (error) {
        if (error instanceof HttpProblem) return problemReply(error.toDocument(url.pathname));
        throw error;
      }
    }
    const requestId = randomUUID();
    const event = toProxyEvent(
      {
        method,
        url: request.url ?? '/',
        rawHeaders: request.rawHeaders,
        body,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
      },
      {
        resource: route.resource,
        pathParameters: match.pathParameters,
        stage: options.stage,
        accountId: options.accountId,
        apiId: 'local',
        receivedAt: options.now(),
        requestId,
        ...(caller === undefined ? {} : { caller }),
      },
    );
    const context = lambdaContextFor(route.functionName, requestId, options.region, options.accountId);
    try {
      return fromProxyResult(await route.handler(event, context));
    } catch (error) {
      // What API Gateway answers when the integration fails: the handler threw instead of replying.
      console.error(`[api] ${route.functionName} failed:`, error);
      return problemReply({ ...problems.internal().toDocument(url.pathname), requestId }, {}, 502);
    }
  };

  const server = createServer((request, response) => {
    answer(request).then(
      (reply) => send(response, request.method === 'HEAD' ? { ...reply, body: Buffer.alloc(0) } : reply),
      (error: unknown) => {
        console.error('[api] request failed:', error);
        send(response, problemReply(problems.internal().toDocument()));
      },
    );
  });
  await listen(server, options.host, options.port);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}`,
    close: () => closeServer(server),
  };
}

export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): HttpReply {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
    body: Buffer.from(JSON.stringify(value, null, 2)),
  };
}

export function problemReply(
  document: object,
  headers: Record<string, string> = {},
  status?: number,
): HttpReply {
  const documentStatus = 'status' in document && typeof document.status === 'number' ? document.status : 500;
  return {
    status: status ?? documentStatus,
    headers: { ...headers, 'Content-Type': problemMediaType },
    body: Buffer.from(JSON.stringify(status === undefined ? document : { ...document, status })),
  };
}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, reply: HttpReply): void {
  response.statusCode = reply.status;
  for (const [name, value] of Object.entries(reply.headers)) response.setHeader(name, value);
  response.setHeader('Content-Length', reply.body.length);
  response.end(reply.body);
}

export function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
