import { describe, expect, it } from 'vitest';
import { regionOfExecuteApiHost, resolveApiTarget, UnreachableError } from '../../../cli/api-target.ts';
import type { GlobalOptions } from '../../../cli/command-line.ts';
import { UsageError } from '../../../cli/command-line.ts';

const defaults: GlobalOptions = { json: false, local: false, all: false, wait: false, yes: false };

/** A stand-in for the local runtime's `/_local/endpoints`, recording what was asked. */
function endpointsAnswer(body: unknown, status = 200) {
  const asked: string[] = [];
  const fetchStub = (async (url: string | URL | Request) => {
    asked.push(String(url));
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { asked, fetchStub };
}

describe('where the commands go', () => {
  it('reads the API, region and credentials of the local runtime with --local (PORT, or 3000)', async () => {
    const { asked, fetchStub } = endpointsAnswer({
      api: 'http://127.0.0.1:4100',
      region: 'eu-central-2',
      credentials: { accessKeyId: 'AKIALOCAL', secretAccessKey: 'secret' },
      dynamodb: 'http://127.0.0.1:4101',
    });
    const target = await resolveApiTarget({ ...defaults, local: true }, { PORT: '4100' }, fetchStub);
    expect(asked).toEqual(['http://127.0.0.1:4100/_local/endpoints']);
    expect(target.apiUrl).toBe('http://127.0.0.1:4100');
    expect(target.region).toBe('eu-central-2');
    expect(await target.credentials()).toEqual({ accessKeyId: 'AKIALOCAL', secretAccessKey: 'secret' });

    await resolveApiTarget({ ...defaults, local: true }, {}, fetchStub);
    expect(asked.at(-1)).toBe('http://127.0.0.1:3000/_local/endpoints');
  });

  it('says no local runtime answered when the endpoints are missing or not the runtime’s', async () => {
    const notFound = endpointsAnswer({}, 404);
    await expect(
      resolveApiTarget(
        { ...defaults, local: true, endpoint: 'http://127.0.0.1:4100' },
        {},
        notFound.fetchStub,
      ),
    ).rejects.toBeInstanceOf(UnreachableError);
    const somethingElse = endpointsAnswer({ hello: 'world' });
    await expect(resolveApiTarget({ ...defaults, local: true }, {}, somethingElse.fetchStub)).rejects.toThrow(
      /not a local runtime's endpoints/,
    );
  });

  it('takes a deployed API from --endpoint or CONSULTATION_API_URL, its region from the host name if not given', async () => {
    const deployed = 'https://a1b2c3.execute-api.eu-central-2.amazonaws.com/prod/';
    const target = await resolveApiTarget(defaults, { CONSULTATION_API_URL: deployed });
    expect(target.apiUrl).toBe('https://a1b2c3.execute-api.eu-central-2.amazonaws.com/prod');
    expect(target.region).toBe('eu-central-2');
    const overridden = await resolveApiTarget(
      { ...defaults, endpoint: deployed, awsRegion: 'eu-west-1' },
      {
        AWS_REGION: 'us-east-1',
      },
    );
    expect(overridden.region).toBe('eu-west-1');
    expect(
      (await resolveApiTarget({ ...defaults, endpoint: deployed }, { AWS_REGION: 'us-east-1' })).region,
    ).toBe('us-east-1');
    expect(regionOfExecuteApiHost('https://api.wsis.example.org/v1')).toBeUndefined();
  });

  it('refuses an endpoint that is not an http(s) URL', async () => {
    await expect(resolveApiTarget({ ...defaults, endpoint: 'ftp://example.org' }, {})).rejects.toBeInstanceOf(
      UsageError,
    );
    await expect(resolveApiTarget({ ...defaults, endpoint: 'not a url' }, {})).rejects.toThrow(
      /is not an http/,
    );
  });
});
