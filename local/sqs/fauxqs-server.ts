import type { AddressInfo } from 'node:net';
import { buildApp } from 'fauxqs';

export interface RunningSqs {
  /** e.g. `http://127.0.0.1:41234`, for the SQS client's `endpoint`. */
  readonly endpoint: string;
  close(): Promise<void>;
}

/**
 * fauxqs (SQS, in process) on loopback. Its `startFauxqs` listens on every interface, so the
 * server is built with `buildApp` and bound here to the host asked for (127.0.0.1 by default).
 * Queue URLs then carry the request's host, i.e. this endpoint.
 */
export async function startLocalSqs(options: { host?: string; port?: number } = {}): Promise<RunningSqs> {
  const host = options.host ?? '127.0.0.1';
  const app = buildApp({ logger: false });
  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    endpoint: `http://${host}:${address.port}`,
    close() {
      closed ??= app.close();
      return closed;
    },
  };
}
