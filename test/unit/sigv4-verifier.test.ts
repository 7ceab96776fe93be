import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { NodeSha256 } from '../../local/api-gateway/node-sha256.ts';
import { createSigV4Verifier, type IamPrincipal } from '../../local/api-gateway/sigv4-verifier.ts';

const principal: IamPrincipal = {
  accessKeyId: 'AKIATESTSECRETARIAT',
  secretAccessKey: 'test-secret',
  userArn: 'arn:aws:iam::000000000000:user/secretariat',
  userId: 'AIDATESTSECRETARIAT',
  accountId: '000000000000',
};
const region = 'eu-central-2';
const signedAt = new Date('2022-03-06T12:00:00Z');

async function signedRequest(options: {
  path: string;
  query?: Record<string, string>;
  body?: string;
  signingDate?: Date;
  secret?: string;
}) {
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: principal.accessKeyId,
      secretAccessKey: options.secret ?? principal.secretAccessKey,
    },
    region,
    service: 'execute-api',
    sha256: NodeSha256,
  });
  const signed = await signer.sign(
    {
      method: 'PATCH',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 3000,
      path: options.path,
      query: options.query ?? {},
      headers: { host: '127.0.0.1:3000', 'content-type': 'application/json' },
      ...(options.body === undefined ? {} : { body: options.body }),
    },
    { signingDate: options.signingDate ?? signedAt },
  );
  const search = new URLSearchParams(options.query ?? {}).toString();
  return {
    method: 'PATCH',
    url: `${options.path.split('/').map(encodeURIComponent).join('/')}${search === '' ? '' : `?${search}`}`,
    rawHeaders: Object.entries(signed.headers).flat(),
    body: Buffer.from(options.body ?? ''),
  };
}

const verify = createSigV4Verifier({ principals: [principal], region, realNow: () => signedAt });

describe('local SigV4 verification, against the Smithy signer', () => {
  it('accepts a request the SDK signer signed (query, escaped path, body, payload hash) and names the caller', async () => {
    const request = await signedRequest({
      path: '/v1/admin/consultations/wsis-forum-2022/calls/photo contest',
      query: { dryRun: 'true', note: 'a b/c' },
      body: '{"closesAt":"2022-03-11T13:00:00Z"}',
    });
    expect(await verify(request)).toEqual({
      accessKey: principal.accessKeyId,
      accountId: principal.accountId,
      caller: principal.userId,
      user: principal.userId,
      userArn: principal.userArn,
    });
  });

  it('refuses a missing header, a wrong secret, a changed query and a stale date', async () => {
    await expect(
      verify({ method: 'GET', url: '/v1/admin/x', rawHeaders: [], body: Buffer.alloc(0) }),
    ).rejects.toMatchObject({
      status: 403,
      type: '/problems/missing-authentication',
    });
    const wrongSecret = await signedRequest({ path: '/v1/admin/x', secret: 'guess' });
    await expect(verify(wrongSecret)).rejects.toMatchObject({ type: '/problems/invalid-signature' });
    const changedQuery = await signedRequest({ path: '/v1/admin/x', query: { a: '1' } });
    await expect(verify({ ...changedQuery, url: '/v1/admin/x?a=2' })).rejects.toMatchObject({
      type: '/problems/invalid-signature',
    });
    const stale = await signedRequest({ path: '/v1/admin/x', signingDate: new Date('2022-03-06T11:54:00Z') });
    await expect(verify(stale)).rejects.toThrow(/Signature expired/);
  });
});
