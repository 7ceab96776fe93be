import { afterAll, beforeAll } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.ts';

/**
 * Starts the whole local runtime once for a test file (free ports, clock frozen at `clockAt` unless
 * a speed is given) and stops it afterwards. Use the returned getter inside tests.
 */
export function useLocalRuntime(options: {
  clockAt: string;
  clockSpeed?: number;
  schedulerPollIntervalMs?: number;
}): () => LocalRuntime {
  let runtime: LocalRuntime | undefined;
  beforeAll(async () => {
    runtime = await startLocalRuntime({
      port: 0,
      clockAt: new Date(options.clockAt),
      clockSpeed: options.clockSpeed ?? 0,
      ...(options.schedulerPollIntervalMs === undefined
        ? {}
        : { schedulerPollIntervalMs: options.schedulerPollIntervalMs }),
    });
  });
  afterAll(async () => {
    await runtime?.stop();
  });
  return () => {
    if (runtime === undefined) throw new Error('The local runtime has not started');
    return runtime;
  };
}

export async function getJson(url: string): Promise<{ status: number; contentType: string; body: unknown }> {
  const response = await fetch(url);
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: await response.json(),
  };
}

export async function postJson(url: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}
