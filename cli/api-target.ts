import * as z from 'zod';
import type { SigningCredentials } from '../local/signed-fetch.ts';
import type { GlobalOptions } from './command-line.ts';
import { UsageError } from './command-line.ts';

/**
 * Where the commands go and how they are signed. Deployed: `--endpoint` (or `CONSULTATION_API_URL`),
 * the region from `--aws-region`, `AWS_REGION` or the execute-api host name, and credentials from the
 * standard AWS chain (environment, SSO, shared files with `--profile`, container or instance role).
 * Locally (`--local`): everything from the running runtime's `/_local/endpoints`.
 */
export interface ApiTarget {
  /** The API's base URL, e.g. `https://abc.execute-api.eu-central-2.amazonaws.com/prod`. */
  readonly apiUrl: string;
  readonly region: string;
  credentials(): Promise<SigningCredentials>;
}

/** The server could not be reached, or no credentials were found: exit code 3. */
export class UnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreachableError';
  }
}

export const apiUrlVariable = 'CONSULTATION_API_URL';
const defaultLocalPort = 3000;

const localEndpointsSchema = z.object({
  api: z.url(),
  region: z.string().min(1),
  credentials: z.object({ accessKeyId: z.string().min(1), secretAccessKey: z.string().min(1) }),
});

export async function resolveApiTarget(
  global: GlobalOptions,
  env: Readonly<Record<string, string | undefined>>,
  fetchImpl: typeof fetch = fetch,
): Promise<ApiTarget> {
  const given = global.endpoint ?? env[apiUrlVariable];
  if (global.local) {
    const base = given ?? `http://127.0.0.1:${env.PORT ?? defaultLocalPort}`;
    const url = new URL('/_local/endpoints', checkedUrl(base)).toString();
    let answer: unknown;
    try {
      const response = await fetchImpl(url);
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      answer = await response.json();
    } catch (error) {
      throw new UnreachableError(
        `No local runtime answered at ${url} (${messageOf(error)}). Is \`npm start\` running on that port?`,
      );
    }
    const endpoints = localEndpointsSchema.safeParse(answer);
    if (!endpoints.success) throw new UnreachableError(`${url} is not a local runtime's endpoints.`);
    const { api, region, credentials } = endpoints.data;
    return { apiUrl: api, region, credentials: async () => ({ ...credentials }) };
  }
  if (given === undefined) {
    throw new UsageError(
      `Say where the API is: --endpoint <url>, the ${apiUrlVariable} variable, or --local for \`npm start\`.`,
    );
  }
  const apiUrl = checkedUrl(given);
  const region =
    global.awsRegion ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? regionOfExecuteApiHost(apiUrl);
  if (region === undefined) {
    throw new UsageError('Say which AWS region signs the requests: --aws-region or AWS_REGION.');
  }
  return {
    apiUrl,
    region,
    credentials: async () => {
      // Loaded only when a command is sent, so `--help` works without the SDK's credential chain.
      const { defaultProvider } = await import('@aws-sdk/credential-provider-node');
      try {
        const found = await defaultProvider(
          global.profile === undefined ? {} : { profile: global.profile },
        )();
        return {
          accessKeyId: found.accessKeyId,
          secretAccessKey: found.secretAccessKey,
          ...(found.sessionToken === undefined ? {} : { sessionToken: found.sessionToken }),
        };
      } catch (error) {
        throw new UnreachableError(`No AWS credentials found (${messageOf(error)}).`);
      }
    },
  };
}

/** `https://abc.execute-api.eu-central-2.amazonaws.com/prod` → `eu-central-2`. */
export function regionOfExecuteApiHost(apiUrl: string): string | undefined {
  return /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com$/.exec(new URL(apiUrl).hostname)?.[1];
}

function checkedUrl(text: string): string {
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
    return url.toString().replace(/\/$/, '');
  } catch {
    throw new UsageError(`${JSON.stringify(text)} is not an http(s) URL.`);
  }
}

function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
