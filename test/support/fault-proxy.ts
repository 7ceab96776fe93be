import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer, listen } from '../../local/api-gateway/api-server.ts';

/**
 * A fault-injecting HTTP proxy on 127.0.0.1 in front of SES: for each SES v2 SendEmail it either
 * forwards, or answers as SES does when it refuses (429 TooManyRequestsException, 500
 * InternalFailure, without forwarding: SES took nothing), or forwards and then drops the
 * connection before answering (SES took the email, the caller never learns it). Decisions come from
 * a seeded generator, so a run is repeatable.
 */
export interface FaultRates {
  readonly throttle: number;
  readonly serverError: number;
  readonly dropAfterForwarding: number;
}

export interface FaultProxy {
  readonly url: string;
  readonly counts: { forwarded: number; throttled: number; serverErrors: number; dropped: number };
  close(): Promise<void>;
}

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export async function startFaultProxy(
  target: string,
  rates: FaultRates,
  seed = 20220307,
): Promise<FaultProxy> {
  const upstream = new URL(target);
  const random = seededRandom(seed);
  const counts = { forwarded: 0, throttled: 0, serverErrors: 0, dropped: 0 };
  const server = createServer((incoming, outgoing) => {
    readAll(incoming).then(
      (body) => {
        const isSend =
          incoming.method === 'POST' && incoming.url?.startsWith('/v2/email/outbound-emails') === true;
        const roll = isSend ? random() : 1;
        if (roll < rates.throttle) {
          counts.throttled += 1;
          outgoing.writeHead(429, {
            'content-type': 'application/json',
            'x-amzn-errortype': 'TooManyRequestsException',
          });
          outgoing.end(JSON.stringify({ message: 'Maximum sending rate exceeded.' }));
          return;
        }
        if (roll < rates.throttle + rates.serverError) {
          counts.serverErrors += 1;
          outgoing.writeHead(500, {
            'content-type': 'application/json',
            'x-amzn-errortype': 'InternalFailure',
          });
          outgoing.end(JSON.stringify({ message: 'Internal failure.' }));
          return;
        }
        const drop = roll < rates.throttle + rates.serverError + rates.dropAfterForwarding;
        const forward = httpRequest(
          {
            host: upstream.hostname,
            port: upstream.port,
            method: incoming.method,
            path: incoming.url,
            headers: { ...incoming.headers, host: upstream.host },
          },
          (answer) => {
            readAll(answer).then(
              (answerBody) => {
                if (drop) {
                  counts.dropped += 1;
                  outgoing.socket?.destroy();
                  return;
                }
                counts.forwarded += 1;
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
  await listen(server, '127.0.0.1', 0);
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, counts, close: () => closeServer(server) };
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}
