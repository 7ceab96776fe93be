import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { startSesLocal } from '../ses-local.ts';

/**
 * aws-ses-v2-local on a worker thread of its own: the same server and store, but its request
 * handling (parsing every email, keeping the store) no longer shares the event loop of the handlers
 * under test, as SES never shares Lambda's CPU. The store is read over HTTP (`/store`), as before.
 */
export interface SesLocalThread {
  readonly url: string;
  close(): Promise<void>;
}

export async function startSesLocalThread(host: string): Promise<SesLocalThread> {
  const worker = new Worker(new URL(import.meta.url), { workerData: { host } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (message: { port: number }) => resolve(message.port));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The SES thread exited with code ${code}`)));
  });
  return {
    url: `http://${host}:${port}`,
    async close() {
      await worker.terminate();
    },
  };
}

if (!isMainThread && parentPort !== null) {
  const { host } = workerData as { host: string };
  const server = await startSesLocal({ host, port: 0 });
  const address = server.address();
  parentPort.postMessage({ port: typeof address === 'object' && address !== null ? address.port : 0 });
}
