import { createHash, timingSafeEqual } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { problems } from '../../shared/http/problem.ts';
import { NodeSha256 } from './node-sha256.ts';

/**
 * What API Gateway does for a route with AWS_IAM authorization, done locally: the request must
 * carry an AWS Signature Version 4 `Authorization` header for service `execute-api` in the local
 * region, by a known access key, dated within five minutes of real time, and its signature must be
 * the one the Smithy signer computes from the same request with that key's secret. On success the
 * caller's identity is what API Gateway puts in `requestContext.identity`.
 *
 * Answers (problem+json, as the deployed stage's gateway responses do): 403
 * `/problems/missing-authentication` when there is no Authorization header (API Gateway's
 * MISSING_AUTHENTICATION_TOKEN), 403 `/problems/invalid-signature` for
 * everything else (unknown key, wrong scope, stale date, wrong signature). Presigned URLs
 * (signature in the query) are not accepted locally.
 */
export interface IamPrincipal {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** e.g. `arn:aws:iam::000000000000:user/local-secretariat`. */
  readonly userArn: string;
  /** The principal's unique id, API Gateway's `caller` and `user`. */
  readonly userId: string;
  readonly accountId: string;
}

export interface SignedRequest {
  readonly method: string;
  /** Path and query as received on the wire. */
  readonly url: string;
  /** Node's rawHeaders: name, value, name, value... */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
}

export interface VerifiedCaller {
  readonly accessKey: string;
  readonly accountId: string;
  readonly caller: string;
  readonly user: string;
  readonly userArn: string;
}

const authorizationPattern =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;_.-]+),\s*Signature=([0-9a-f]{64})$/;
const amzDatePattern = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const maximumSkewMilliseconds = 5 * 60_000;
const unsignedPayload = 'UNSIGNED-PAYLOAD';

export function createSigV4Verifier(options: {
  readonly principals: readonly IamPrincipal[];
  readonly region: string;
  /** Real time: signatures are dated by the signer's own clock, not the consultation's local clock. */
  readonly realNow?: () => Date;
}) {
  const realNow = options.realNow ?? (() => new Date());
  const byKey = new Map(options.principals.map((principal) => [principal.accessKeyId, principal]));

  return async function verify(request: SignedRequest): Promise<VerifiedCaller> {
    const headers = headerMap(request.rawHeaders);
    const authorization = headers.get('authorization');
    if (authorization === undefined) throw problems.missingAuthentication();
    const parts = authorizationPattern.exec(authorization.trim());
    if (parts === null) {
      throw problems.invalidSignature(
        "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' (AWS4-HMAC-SHA256).",
      );
    }
    const [, accessKeyId = '', scopeDate, region, service, signedHeaderList = '', signature = ''] = parts;
    const principal = byKey.get(accessKeyId);
    if (principal === undefined) {
      throw problems.invalidSignature('The security token included in the request is invalid.');
    }
    if (region !== options.region || service !== 'execute-api') {
      throw problems.invalidSignature(
        `Credential should be scoped to region ${options.region} and service execute-api, not ${region}/${service}.`,
      );
    }
    const signingDate = parseAmzDate(headers.get('x-amz-date'));
    if (signingDate === undefined) {
      throw problems.invalidSignature('The request must carry an X-Amz-Date header (YYYYMMDDTHHMMSSZ).');
    }
    if (signingDate.toISOString().slice(0, 10).replaceAll('-', '') !== scopeDate) {
      throw problems.invalidSignature('The credential scope date does not match X-Amz-Date.');
    }
    if (Math.abs(realNow().getTime() - signingDate.getTime()) > maximumSkewMilliseconds) {
      throw problems.invalidSignature('Signature expired: X-Amz-Date is more than 5 minutes from now.');
    }
    const signedHeaders = signedHeaderList.split(';');
    if (!signedHeaders.includes('host') || !signedHeaders.includes('x-amz-date')) {
      throw problems.invalidSignature('The signed headers must include host and x-amz-date.');
    }
    const declaredPayloadHash = headers.get('x-amz-content-sha256');
    if (
      declaredPayloadHash !== undefined &&
      declaredPayloadHash !== unsignedPayload &&
      declaredPayloadHash !== createHash('sha256').update(request.body).digest('hex')
    ) {
      throw problems.invalidSignature('X-Amz-Content-SHA256 does not match the body.');
    }

    const url = new URL(request.url, 'http://local');
    const query: Record<string, string | string[]> = {};
    for (const [name, value] of url.searchParams) {
      const existing = query[name];
      query[name] =
        existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
    }
    const toSign = {
      method: request.method.toUpperCase(),
      protocol: 'http:',
      hostname: headers.get('host') ?? '',
      // The signer escapes each segment, as the client's signer did with its unescaped path.
      path: url.pathname.split('/').map(decodeSegment).join('/'),
      query,
      headers: Object.fromEntries(signedHeaders.map((name) => [name, headers.get(name) ?? ''])),
      body: request.body,
    };
    const signer = new SignatureV4({
      credentials: { accessKeyId: principal.accessKeyId, secretAccessKey: principal.secretAccessKey },
      region: options.region,
      service: 'execute-api',
      sha256: NodeSha256,
      // A payload hash header, when signed, is among the copied headers; none is added here.
      applyChecksum: false,
    });
    const signed = await signer.sign(toSign, { signingDate });
    const expected = /Signature=([0-9a-f]{64})$/.exec(String(signed.headers.authorization ?? ''))?.[1] ?? '';
    const provided = Buffer.from(signature, 'utf8');
    if (expected.length !== provided.length || !timingSafeEqual(Buffer.from(expected, 'utf8'), provided)) {
      throw problems.invalidSignature(
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
      );
    }
    return {
      accessKey: principal.accessKeyId,
      accountId: principal.accountId,
      caller: principal.userId,
      user: principal.userId,
      userArn: principal.userArn,
    };
  };
}

export type SigV4Verifier = ReturnType<typeof createSigV4Verifier>;

/** Lower-case names; repeated headers joined with commas, as SigV4 canonicalization does. */
function headerMap(rawHeaders: readonly string[]): Map<string, string> {
  const headers = new Map<string, string>();
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = (rawHeaders[index] ?? '').toLowerCase();
    const value = (rawHeaders[index + 1] ?? '').trim();
    const existing = headers.get(name);
    headers.set(name, existing === undefined ? value : `${existing},${value}`);
  }
  return headers;
}

function parseAmzDate(text: string | undefined): Date | undefined {
  const match = text === undefined ? null : amzDatePattern.exec(text);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second] = match;
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
