import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer, listen } from '../api-gateway/api-server.ts';

/**
 * What SES's configuration set and its EventBridge event destination do, locally: an HTTP front
 * before aws-ses-v2-local that forwards every request and, for each email SES accepted (SES v2
 * SendEmail answered 200), emits the events SES would publish, asynchronously as the real
 * destination does: `Email Sent` always, and for the mailbox simulator's addresses
 * `bounce@simulator.amazonses.com` a permanent `Email Bounced` and
 * `complaint@simulator.amazonses.com` an `Email Complaint Received`. The events carry the
 * message's tags, which aws-ses-v2-local does not keep, from the request.
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

export interface SesEventFront {
  readonly url: string;
  /** Resolves when every event emitted so far has been handled. */
  settled(): Promise<void>;
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
  readonly region: string;
  readonly accountId: string;
  readonly now: () => Date;
  readonly emit: (event: SesEventBridgeEvent) => Promise<void>;
}): Promise<SesEventFront> {
  const target = new URL(options.target);
  const pending = new Set<Promise<void>>();

  const emitLater = (events: SesEventBridgeEvent[]) => {
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
  };

  const server: Server = createServer((incoming, outgoing) => {
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
                outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
                outgoing.end(answerBody);
                if (
                  incoming.method === 'POST' &&
                  incoming.url?.startsWith('/v2/email/outbound-emails') === true &&
                  answer.statusCode === 200
                ) {
                  const events = eventsFor(body, answerBody, options);
                  if (events.length > 0) emitLater(events);
                }
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
    async settled() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    async close() {
      await closeServer(server);
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

function eventsFor(
  requestBody: Buffer,
  answerBody: Buffer,
  options: { readonly region: string; readonly accountId: string; readonly now: () => Date },
): SesEventBridgeEvent[] {
  let request: SendEmailBody;
  let messageId: string | undefined;
  try {
    request = JSON.parse(requestBody.toString('utf8')) as SendEmailBody;
    messageId = (JSON.parse(answerBody.toString('utf8')) as { MessageId?: string }).MessageId;
  } catch {
    return [];
  }
  if (messageId === undefined) return [];
  const destination = request.Destination?.ToAddresses ?? [];
  const tags: Record<string, string[]> = {};
  for (const tag of request.EmailTags ?? []) tags[tag.Name] = [...(tags[tag.Name] ?? []), tag.Value];
  const at = options.now().toISOString();
  const mail = { timestamp: at, messageId, source: request.FromEmailAddress ?? '', destination, tags };
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
