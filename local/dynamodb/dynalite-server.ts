import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { httpEndpoint } from './client.ts';

export interface DynaliteOptions {
  /** Interface to bind; loopback unless a caller deliberately chooses otherwise. */
  host?: string;
  /** 0 (the default) lets the kernel pick a free port. */
  port?: number;
}

export interface RunningDynamoDb {
  /** e.g. `http://127.0.0.1:41234`, for the SDK client's `endpoint`. */
  readonly endpoint: string;
  readonly port: number;
  /** Stops listening, drops connections and waits until the server is closed. */
  close(): Promise<void>;
}

/**
 * Starts dynalite in this process, in memory. Tables are ACTIVE as soon as they are created,
 * updated or deleted (no artificial CREATING/UPDATING/DELETING delay).
 */
export async function startDynalite(options: DynaliteOptions = {}): Promise<RunningDynamoDb> {
  const host = options.host ?? '127.0.0.1';
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    endpoint: httpEndpoint(host, port),
    port,
    close() {
      closed ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets of SDK clients would otherwise hold the server open.
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
