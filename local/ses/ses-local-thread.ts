import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { sesStoreRecipientCounts, startSesLocal } from '../ses-local.ts';
import { type AcceptedEmail, startSesEventFront } from './ses-event-front.ts';

/**
 * aws-ses-v2-local and the SES event front before it (`ses-event-front.ts`) on a worker thread of
 * their own: the same server and store, but their request handling (parsing every email, keeping
 * the store, forwarding) no longer shares the event loop of the handlers under test, as SES never
 * shares Lambda's CPU. The store is read over HTTP (`/store`), as before. Each email SES accepts is
 * posted to this thread as an `AcceptedEmail`, before the sender gets SES's answer.
 */
/** On the front: `{ emails, recipients: { <address>: <emails to it> } }`, from the store (`sesStoreRecipientCounts`). */
export const recipientCountsPath = '/_local/recipient-counts';

export interface SesLocalThread {
  /** aws-ses-v2-local itself: its store (`/store`) and web inbox. */
  readonly url: string;
  /** The SES v2 API for clients: the front, which reports the emails SES accepts. */
  readonly frontUrl: string;
  /**
   * Resolves once every email the front accepted so far has been passed to `onAccepted`: messages
   * from a worker arrive in order, so the answer to this request comes after all of them.
   */
  flush(): Promise<void>;
  close(): Promise<void>;
}

type FromThread =
  | { readonly kind: 'ready'; readonly port: number; readonly frontPort: number }
  | { readonly kind: 'accepted'; readonly email: AcceptedEmail }
  | { readonly kind: 'flushed'; readonly id: number };

type ToThread = { readonly kind: 'flush'; readonly id: number };

export async function startSesLocalThread(
  host: string,
  onAccepted: (email: AcceptedEmail) => void,
): Promise<SesLocalThread> {
  const worker = new Worker(new URL(import.meta.url), { workerData: { host } });
  const flushes = new Map<number, () => void>();
  let nextFlush = 0;
  const ready = new Promise<{ port: number; frontPort: number }>((resolve, reject) => {
    worker.on('message', (message: FromThread) => {
      switch (message.kind) {
        case 'ready':
          resolve(message);
          break;
        case 'accepted':
          onAccepted(message.email);
          break;
        case 'flushed':
          flushes.get(message.id)?.();
          flushes.delete(message.id);
          break;
      }
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The SES thread exited with code ${code}`)));
  });
  const { port, frontPort } = await ready;
  return {
    url: `http://${host}:${port}`,
    frontUrl: `http://${host}:${frontPort}`,
    flush() {
      const id = nextFlush;
      nextFlush += 1;
      return new Promise<void>((resolve) => {
        flushes.set(id, resolve);
        worker.postMessage({ kind: 'flush', id } satisfies ToThread);
      });
    },
    async close() {
      for (const resolve of flushes.values()) resolve();
      flushes.clear();
      await worker.terminate();
    },
  };
}

if (!isMainThread && parentPort !== null) {
  const toMain = parentPort;
  const { host } = workerData as { host: string };
  const server = await startSesLocal({ host, port: 0 });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const front = await startSesEventFront({
    host,
    target: `http://${host}:${port}`,
    onAccepted: (email) => toMain.postMessage({ kind: 'accepted', email } satisfies FromThread),
    localRoutes: { [recipientCountsPath]: sesStoreRecipientCounts },
  });
  toMain.on('message', (message: ToThread) => {
    if (message.kind === 'flush')
      toMain.postMessage({ kind: 'flushed', id: message.id } satisfies FromThread);
  });
  toMain.postMessage({
    kind: 'ready',
    port,
    frontPort: Number(new URL(front.url).port),
  } satisfies FromThread);
}
