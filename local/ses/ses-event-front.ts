import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer, listen } from '../api-gateway/api-server.ts';

/**
 * What SES's configuration set and its EventBridge event destination do, locally, in two parts.
 * The front (`startSesEventFront`) is an HTTP server before aws-ses-v2-local that forwards every
 * request and reports each email SES accepted (SES v2 SendEmail answered 200), with the message's
 * tags, which aws-ses-v2-local does not keep, taken from the request; it runs on the SES thread
 * (`ses-local-thread.ts`), beside the server it fronts. The destination
 * (`createSesEventDestination`) turns an accepted email into the events SES would publish, stamped
 * with the consultation clock, and emits them asynchronously as the real destination does:
 * `Email Sent` always, and for the mailbox simulator's addresses `bounce@simulator.amazonses.com`
 * a permanent `Email Bounced` and `complaint@simulator.amazonses.com` an
 * `Email Complaint Received`.
 */
export const simulatorAddresses = {
  bounce: 'bounce@simulator.amazonses.com',
  complaint: 'complaint@simulator.amazonses.com',
} as const;

export interface SesEventBridgeEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: 'aws.ses';
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: string[];
  readonly detail: Record<string, unknown>;
}

/** An email SES accepted: what its events are made of. Plain data, so it can cross threads. */
export interface AcceptedEmail {
  readonly messageId: string;
  readonly source: string;
  readonly destination: string[];
  readonly tags: Record<string, string[]>;
}

export interface SesEventFront {
  readonly url: string;
  close(): Promise<void>;
}

interface SendEmailBody {
  readonly Destination?: { readonly ToAddresses?: string[] };
  readonly EmailTags?: { readonly Name: string; readonly Value: string }[];
  readonly FromEmailAddress?: string;
}

export async function startSesEventFront(options: {
  readonly host: string;
  readonly target: string;
  /** Called before the client gets SES's answer, so the email is reported before anyone knows of it. */
  readonly onAccepted: (email: AcceptedEmail) => void;
  /** GET routes the front answers itself (JSON), e.g. a summary of the store; not forwarded. */
  readonly localRoutes?: Readonly<Record<string, () => unknown>>;
}): Promise<SesEventFront> {
  const target = new URL(options.target);
  const server: Server = createServer((incoming, outgoing) => {
    const path = incoming.url ?? '';
    const localRoute =
      incoming.method === 'GET' &&
      options.localRoutes !== undefined &&
      Object.hasOwn(options.localRoutes, path)
        ? options.localRoutes[path]
        : undefined;
    if (localRoute !== undefined) {
      outgoing.writeHead(200, { 'Content-Type': 'application/json' });
      outgoing.end(JSON.stringify(localRoute()));
      return;
    }
    readAll(incoming).then(
      (body) => {
        const forward = httpRequest(
          {
            host: target.hostname,
            port: target.port,
            method: incoming.method,
            path: incoming.url,
            headers: { ...incoming.headers, host: target.host },
          },
          (answer) => {
            readAll(answer).then(
              (answerBody) => {
                if (
                  incoming.method === 'POST' &&
                  incoming.url?.startsWith('/v2/email/outbound-emails') === true &&
                  answer.statusCode === 200
                ) {
                  const accepted = acceptedEmail(body, answerBody);
                  if (accepted !== undefined) options.onAccepted(accepted);
                }
                outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
                outgoing.end(answerBody);
              },
              () => outgoing.destroy(),
            );
          },
        );
        forward.on('error', () => outgoing.destroy());
        forward.end(body);
      },
      () => outgoing.destroy(),
    );
  });
  await listen(server, options.host, 0);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}`,
    async close() {
      await closeServer(server);
    },
  };
}

export interface SesEventDestination {
  /** Emits the events of an email SES accepted, later, as SES does. */
  accept(email: AcceptedEmail): void;
  /** Resolves when every event of the emails accepted so far has been handled. */
  settled(): Promise<void>;
}

export function createSesEventDestination(options: {
  readonly region: string;
  readonly accountId: string;
  readonly now: () => Date;
  readonly emit: (event: SesEventBridgeEvent) => Promise<void>;
}): SesEventDestination {
  const pending = new Set<Promise<void>>();
  return {
    accept(email) {
      const events = sesEventsFor(email, { ...options, at: options.now() });
      const done = (async () => {
        await new Promise((resolve) => setImmediate(resolve));
        for (const event of events) {
          try {
            await options.emit(event);
          } catch (error) {
            console.error('[ses-events] handler failed:', error instanceof Error ? error.message : error);
          }
        }
      })();
      pending.add(done);
      void done.finally(() => pending.delete(done));
    },
    async settled() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function acceptedEmail(requestBody: Buffer, answerBody: Buffer): AcceptedEmail | undefined {
  let request: SendEmailBody;
  let messageId: string | undefined;
  try {
    request = JSON.parse(requestBody.toString('utf8')) as SendEmailBody;
    messageId = (JSON.parse(answerBody.toString('utf8')) as { MessageId?: string }).MessageId;
  } catch {
    return undefined;
  }
  if (messageId === undefined) return undefined;
  const tags: Record<string, string[]> = {};
  for (const tag of request.EmailTags ?? []) tags[tag.Name] = [...(tags[tag.Name] ?? []), tag.Value];
  return {
    messageId,
    source: request.FromEmailAddress ?? '',
    destination: request.Destination?.ToAddresses ?? [],
    tags,
  };
}

function sesEventsFor(
  email: AcceptedEmail,
  options: { readonly region: string; readonly accountId: string; readonly at: Date },
): SesEventBridgeEvent[] {
  const { destination } = email;
  const at = options.at.toISOString();
  const mail = {
    timestamp: at,
    messageId: email.messageId,
    source: email.source,
    destination,
    tags: email.tags,
  };
  const event = (detailType: string, detail: Record<string, unknown>): SesEventBridgeEvent => ({
    version: '0',
    id: crypto.randomUUID(),
    'detail-type': detailType,
    source: 'aws.ses',
    account: options.accountId,
    time: at,
    region: options.region,
    resources: [],
    detail,
  });
  const events = [event('Email Sent', { eventType: 'Send', mail, send: {} })];
  const normalized = destination.map((address) => address.trim().toLowerCase());
  const bounced = destination.filter((_, index) => normalized[index] === simulatorAddresses.bounce);
  const complained = destination.filter((_, index) => normalized[index] === simulatorAddresses.complaint);
  if (bounced.length > 0) {
    events.push(
      event('Email Bounced', {
        eventType: 'Bounce',
        mail,
        bounce: {
          bounceType: 'Permanent',
          bounceSubType: 'General',
          bouncedRecipients: bounced.map((emailAddress) => ({
            emailAddress,
            action: 'failed',
            status: '5.1.1',
          })),
          timestamp: at,
        },
      }),
    );
  }
  if (complained.length > 0) {
    events.push(
      event('Email Complaint Received', {
        eventType: 'Complaint',
        mail,
        complaint: {
          complainedRecipients: complained.map((emailAddress) => ({ emailAddress })),
          complaintFeedbackType: 'abuse',
          timestamp: at,
        },
      }),
    );
  }
  return events;
}
