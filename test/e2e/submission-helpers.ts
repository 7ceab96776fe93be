import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { LocalRuntime } from '../../local/runtime.ts';
import { issueExampleSubmission } from '../support/issue-example-submission.ts';

/** What the e2e tests of the submission routes share: bodies, requests, and looks into the stores. */

export const wsis = 'wsis-forum-2022';

/** The official submission the issue says must be accepted, verbatim. */
export const issueExampleBody = issueExampleSubmission;

/** The issue's body with another submitter, so that each test can find its own emails. */
export function bodyFor(email: string, changes: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...issueExampleBody, submitter: { ...issueExampleBody.submitter, email }, ...changes };
}

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

export async function send(
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: unknown; rawBody?: string },
): Promise<Reply> {
  const response = await fetch(url, {
    method: init.method,
    headers: {
      ...(init.body === undefined && init.rawBody === undefined
        ? {}
        : { 'content-type': 'application/json' }),
      ...init.headers,
    },
    ...(init.rawBody !== undefined
      ? { body: init.rawBody }
      : init.body === undefined
        ? {}
        : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
  };
}

export interface Created {
  readonly id: string;
  readonly editToken: string;
  readonly reference: string;
  readonly reply: Reply;
}

export function createdFrom(reply: Reply): Created {
  const { id, editToken, reference } = reply.body;
  if (typeof id !== 'string' || typeof editToken !== 'string' || typeof reference !== 'string') {
    throw new Error(`Not a created submission: ${reply.status} ${JSON.stringify(reply.body)}`);
  }
  return { id, editToken, reference, reply };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export interface StoredEmail {
  readonly from: string;
  readonly replyTo: string[];
  readonly destination: { to: string[] };
  readonly subject: string;
  readonly body: { html: string; text: string };
}

export async function emailsTo(runtime: LocalRuntime, address: string): Promise<StoredEmail[]> {
  const store = (await (await fetch(runtime.endpoints.sesStore)).json()) as { emails: StoredEmail[] };
  return store.emails.filter((email) => email.destination.to.includes(address));
}

export async function emailCount(runtime: LocalRuntime): Promise<number> {
  const store = (await (await fetch(runtime.endpoints.sesStore)).json()) as { emails: StoredEmail[] };
  return store.emails.length;
}

/**
 * Every item of the submissions table (submissions, counters, idempotency and confirmation records),
 * counted with a Scan: only a test may scan, to prove that a refused request wrote nothing at all.
 */
export async function submissionTableItemCount(runtime: LocalRuntime): Promise<number> {
  const client = new DynamoDBClient({
    endpoint: runtime.endpoints.dynamodb,
    region: runtime.endpoints.region,
    credentials: { ...runtime.endpoints.credentials },
  });
  try {
    let count = 0;
    let start: Record<string, never> | undefined;
    do {
      const page = await client.send(
        new ScanCommand({
          TableName: runtime.endpoints.tables.submissions,
          Select: 'COUNT',
          ...(start === undefined ? {} : { ExclusiveStartKey: start }),
        }),
      );
      count += page.Count ?? 0;
      start = page.LastEvaluatedKey as Record<string, never> | undefined;
    } while (start !== undefined);
    return count;
  } finally {
    client.destroy();
  }
}
