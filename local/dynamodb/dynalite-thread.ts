import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { httpEndpoint } from './client.ts';
import { type RunningDynamoDb, startDynalite } from './dynalite-server.ts';

/**
 * dynalite on a worker thread of its own: the same in-memory server, but its request handling
 * (HTTP parsing, validation, the LevelDB store) no longer shares the event loop of the handlers
 * under test, as DynamoDB never shares Lambda's CPU. The local runtime uses it; tests that only
 * need a table start `startDynalite` in their own thread. Its data lives as long as the thread.
 */
export async function startDynaliteThread(host: string): Promise<RunningDynamoDb> {
  const worker = new Worker(new URL(import.meta.url), { workerData: { host } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (message: { port: number }) => resolve(message.port));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The dynalite thread exited with code ${code}`)));
  });
  let closed: Promise<void> | undefined;
  return {
    endpoint: httpEndpoint(host, port),
    port,
    close() {
      // Terminating the thread closes its server and every connection to it.
      closed ??= worker.terminate().then(() => undefined);
      return closed;
    },
  };
}

if (!isMainThread && parentPort !== null) {
  const { host } = workerData as { host: string };
  const server = await startDynalite({ host, port: 0 });
  parentPort.postMessage({ port: server.port });
}
