import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from './api-gateway/node-sha256.ts';

/**
 * `fetch` with an AWS Signature Version 4 for `execute-api`, as any AWS SDK or `awscurl` signs a
 * request to an IAM-authorized API Gateway route. The replay and the tests call the admin routes
 * through it, with the local credentials.
 */
export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Present for temporary credentials (an assumed role, SSO). */
  readonly sessionToken?: string;
}

export async function signedFetch(
  url: string,
  options: {
    readonly method: string;
    readonly body?: unknown;
    readonly credentials: SigningCredentials;
    readonly region: string;
    /** More request headers (e.g. Idempotency-Key), signed with the rest. */
    readonly headers?: Readonly<Record<string, string>>;
  },
): Promise<Response> {
  const target = new URL(url);
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const signer = new SignatureV4({
    credentials: { ...options.credentials },
    region: options.region,
    service: 'execute-api',
    sha256: NodeSha256,
  });
  const query: Record<string, string> = Object.fromEntries(target.searchParams);
  const signed = await signer.sign({
    method: options.method,
    protocol: target.protocol,
    hostname: target.hostname,
    port: Number(target.port),
    path: target.pathname,
    query,
    headers: {
      host: target.host,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(body === undefined ? {} : { body }),
  });
  const headers = Object.fromEntries(
    Object.entries(signed.headers).filter(([name]) => name.toLowerCase() !== 'host'),
  );
  return fetch(url, { method: options.method, headers, ...(body === undefined ? {} : { body }) });
}
