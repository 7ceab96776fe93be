import { signedFetch } from '../local/signed-fetch.ts';
import type { ApiTarget } from './api-target.ts';
import { UnreachableError } from './api-target.ts';
import { type CommandRequest, requestPath } from './command-line.ts';

/** An answer that is not a success: the problem document (RFC 9457) or whatever text came instead. */
export class ApiProblem extends Error {
  readonly status: number;
  readonly document: Readonly<Record<string, unknown>> | undefined;
  constructor(status: number, document: Readonly<Record<string, unknown>> | undefined, text: string) {
    super(text);
    this.name = 'ApiProblem';
    this.status = status;
    this.document = document;
  }
}

export interface ApiClient {
  /** Sends the request signed; a success is returned as is (to be streamed), a failure thrown. */
  send(request: CommandRequest): Promise<Response>;
  /** Sends the request and reads its JSON answer. */
  json(request: CommandRequest): Promise<unknown>;
}

export function createApiClient(target: ApiTarget): ApiClient {
  const send = async (request: CommandRequest): Promise<Response> => {
    const credentials = await target.credentials();
    let response: Response;
    try {
      response = await signedFetch(`${target.apiUrl}${requestPath(request)}`, {
        method: request.command.method,
        credentials,
        region: target.region,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
      });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      throw new UnreachableError(`No answer from ${target.apiUrl} (${String(error)}${cause}).`);
    }
    if (!response.ok) throw await problemOf(response);
    return response;
  };
  return {
    send,
    async json(request) {
      const response = await send(request);
      const text = await response.text();
      return text.length === 0 ? undefined : JSON.parse(text);
    },
  };
}

async function problemOf(response: Response): Promise<ApiProblem> {
  const text = await response.text();
  let document: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      document = parsed as Record<string, unknown>;
    }
  } catch {
    // Not JSON (a gateway's HTML page, say): the text is shown as it came.
  }
  return new ApiProblem(response.status, document, text);
}

/** A problem as lines for standard error: status and title, detail, each invalid field. */
export function problemText(problem: ApiProblem): string {
  const document = problem.document;
  if (document === undefined) {
    const excerpt = problem.message.trim().slice(0, 500);
    return `error: ${problem.status}${excerpt.length > 0 ? `\n  ${excerpt}` : ''}`;
  }
  const title = typeof document.title === 'string' ? document.title : 'The API refused the request';
  const type =
    typeof document.type === 'string' && document.type !== 'about:blank' ? ` (${document.type})` : '';
  const lines = [`error: ${problem.status} ${title}${type}`];
  if (typeof document.detail === 'string' && document.detail !== title) lines.push(`  ${document.detail}`);
  if (Array.isArray(document.errors)) {
    for (const error of document.errors) {
      if (error !== null && typeof error === 'object') {
        const { path, message } = error as { path?: unknown; message?: unknown };
        lines.push(`  ${String(path ?? '')}: ${String(message ?? '')}`);
      }
    }
  }
  return lines.join('\n');
}
