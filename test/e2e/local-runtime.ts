import { afterAll, beforeAll } from 'vitest';
import {
  type LocalRuntime,
  type LocalRuntimeOptions,
  localCredentials,
  localRegion,
  startLocalRuntime,
} from '../../local/runtime.ts';
import { signedFetch } from '../../local/signed-fetch.ts';

/**
 * Starts the whole local runtime once for a test file (free ports, clock frozen at `clockAt` unless
 * a speed is given) and stops it afterwards. Use the returned getter inside tests.
 */
export function useLocalRuntime(
  options: Omit<LocalRuntimeOptions, 'port' | 'clockAt'> & { clockAt: string },
): () => LocalRuntime {
  let runtime: LocalRuntime | undefined;
  beforeAll(async () => {
    runtime = await startLocalRuntime({
      ...options,
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

/**
 * GET on an admin route, signed with the local Secretariat's credentials (SigV4), as an AWS SDK or
 * awscurl signs for the deployed API's IAM authorization.
 */
export async function getSignedJson(url: string): Promise<{ status: number; body: unknown }> {
  const response = await signedFetch(url, {
    method: 'GET',
    credentials: localCredentials,
    region: localRegion,
  });
  return { status: response.status, body: await response.json() };
}
