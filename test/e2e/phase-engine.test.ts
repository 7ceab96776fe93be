import { describe, expect, it } from 'vitest';
import { localCredentials, localRegion } from '../../local/runtime.ts';
import { type SigningCredentials, signedFetch } from '../../local/signed-fetch.ts';
import { getJson, postJson, useLocalRuntime } from './local-runtime.ts';

// The day before the submission deadline; schedules fire only when a test moves or delivers them.
const runtime = useLocalRuntime({ clockAt: '2022-03-06T12:00:00Z', schedulerPollIntervalMs: 0 });
const consultationPath = '/v1/admin/consultations/wsis-forum-2022';
const group = 'consultation-local-wsis-forum-2022';
const secretariatArn = 'arn:aws:iam::000000000000:user/local-secretariat';

function admin(
  method: string,
  path: string,
  body?: unknown,
  credentials: SigningCredentials = localCredentials,
  region = localRegion,
) {
  return signedFetch(`${runtime().endpoints.api}${path}`, {
    method,
    credentials,
    region,
    ...(body === undefined ? {} : { body }),
  });
}

async function auditTrail(): Promise<Record<string, unknown>[]> {
  const response = await admin('GET', `${consultationPath}/audit?limit=1000`);
  expect(response.status).toBe(200);
  const page = (await response.json()) as {
    entries: { entry: Record<string, unknown> }[];
    nextCursor?: string;
  };
  expect(page.nextCursor).toBeUndefined();
  return page.entries.map((record) => record.entry);
}

async function storedVersion(): Promise<number> {
  const { body } = await getJson(`${runtime().endpoints.api}/v1/consultations/wsis-forum-2022`);
  return (body as { version: number }).version;
}

interface StoredEmail {
  readonly subject: string;
  readonly destination: { readonly to: readonly string[] };
}

async function sentEmails(): Promise<StoredEmail[]> {
  const store = (await (await fetch(runtime().endpoints.sesStore)).json()) as { emails: StoredEmail[] };
  return store.emails;
}

describe('admin authentication (SigV4, as API Gateway’s AWS_IAM)', () => {
  const change = { closesAt: '2022-03-11T13:00:00Z', reason: 'Photo contest extended' };

  it('refuses an unsigned request with 403 problem+json, as the deployed stage does, and stores nothing', async () => {
    const response = await fetch(`${runtime().endpoints.api}${consultationPath}/calls/photo-contest`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(change),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({
      type: '/problems/missing-authentication',
      title: 'Missing authentication',
      detail: expect.stringContaining('signed with AWS Signature Version 4'),
    });
    expect(await storedVersion()).toBe(1);
  });

  it('refuses a request signed with the wrong secret, an unknown key or another region', async () => {
    const wrongSecret = { ...localCredentials, secretAccessKey: 'not-the-secret' };
    const unknownKey = { ...localCredentials, accessKeyId: 'AKIAUNKNOWN' };
    for (const [credentials, region] of [
      [wrongSecret, localRegion],
      [unknownKey, localRegion],
      [localCredentials, 'us-east-1'],
    ] as const) {
      const response = await admin(
        'PATCH',
        `${consultationPath}/calls/photo-contest`,
        change,
        credentials,
        region,
      );
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ type: '/problems/invalid-signature' });
    }
    expect(await storedVersion()).toBe(1);
  });

  it('refuses a signed request whose body was changed after signing', async () => {
    const url = `${runtime().endpoints.api}${consultationPath}/calls/photo-contest`;
    const { SignatureV4 } = await import('@smithy/signature-v4');
    const { NodeSha256 } = await import('../../local/api-gateway/node-sha256.ts');
    const target = new URL(url);
    const signed = await new SignatureV4({
      credentials: localCredentials,
      region: localRegion,
      service: 'execute-api',
      sha256: NodeSha256,
      applyChecksum: false,
    }).sign({
      method: 'PATCH',
      protocol: 'http:',
      hostname: target.hostname,
      port: Number(target.port),
      path: target.pathname,
      headers: { host: target.host, 'content-type': 'application/json' },
      body: JSON.stringify(change),
    });
    const { host: _host, ...headers } = signed.headers;
    const response = await fetch(url, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ ...change, closesAt: '2022-04-30T13:00:00Z' }),
    });
    expect(response.status).toBe(403);
  });
});

describe('moving a date', () => {
  it('validates the body with field paths, and checks the calendar’s rules', async () => {
    const unknownKey = await admin('PATCH', `${consultationPath}/calls/photo-contest`, {
      closesAt: '2022-03-11T13:00:00+01:00',
      reason: '',
      deadline: 'x',
    });
    expect(unknownKey.status).toBe(400);
    const problem = (await unknownKey.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((error) => error.path).sort()).toEqual([
      'body',
      'body.closesAt',
      'body.reason',
    ]);

    const intoThePast = await admin('PATCH', `${consultationPath}/calls/photo-contest`, {
      closesAt: '2022-03-06T11:00:00Z',
      reason: 'Mistake',
    });
    expect(intoThePast.status).toBe(422);
    expect(await intoThePast.json()).toMatchObject({
      type: '/problems/calendar-rule',
      errors: [{ path: 'body.closesAt' }],
    });
    expect(
      (
        await admin('PATCH', `${consultationPath}/calls/not-a-call`, {
          closesAt: '2022-03-11T13:00:00Z',
          reason: 'x',
        })
      ).status,
    ).toBe(400);
    expect(await storedVersion()).toBe(1);
  });

  it('moves the photo contest deadline from 7 to 11 March: stored, audited with who and why, its schedules only', async () => {
    const response = await admin('PATCH', `${consultationPath}/calls/photo-contest`, {
      closesAt: '2022-03-11T13:00:00Z',
      reason: 'Photo contest extended to 11 March',
      expectedVersion: 1,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      outcome: 'changed',
      version: 2,
      changes: [
        {
          field: 'calls.photo-contest.closesAt',
          from: '2022-03-07T13:00:00.000Z',
          to: '2022-03-11T13:00:00.000Z',
        },
      ],
      schedules: {
        groupName: group,
        // The photo contest now closes alone on 11 March, so it has waves of its own; of those, the
        // 14- and 7-day ones (25 February, 4 March) have passed and are skipped, not sent late.
        // The 7 March waves the other calls shared with it stay as they were.
        created: [
          { name: 'wsis-forum-2022-deadline-20220311T1300Z-P2D', at: '2022-03-09T13:00:00.000Z' },
          { name: 'wsis-forum-2022-deadline-20220311T1300Z-PT3H', at: '2022-03-11T10:00:00.000Z' },
        ],
        deleted: [],
        unchanged: (runtime().startupReconciliation[0]?.created.length ?? 0) - 1,
        updated: [
          {
            name: 'wsis-forum-2022-call-photo-contest-close',
            from: '2022-03-07T13:00:00.000Z',
            to: '2022-03-11T13:00:00.000Z',
          },
        ],
      },
    });
    expect(runtime().startupReconciliation[0]?.created.map((schedule) => schedule.name)).toContain(
      'wsis-forum-2022-deadline-20220307T1300Z-PT3H',
    );
    const { body } = await getJson(`${runtime().endpoints.api}/v1/consultations/wsis-forum-2022`);
    expect(body).toMatchObject({ version: 2 });
    const adminEntries = (await auditTrail()).filter((entry) => entry.kind !== 'transition-applied');
    expect(adminEntries).toEqual([
      expect.objectContaining({
        kind: 'calendar-changed',
        actor: secretariatArn,
        reason: 'Photo contest extended to 11 March',
        version: 2,
      }),
    ]);

    // The same request again (a client retry) changes nothing; a stale version is a conflict.
    const retried = await admin('PATCH', `${consultationPath}/calls/photo-contest`, {
      closesAt: '2022-03-11T13:00:00Z',
      reason: 'Photo contest extended to 11 March',
    });
    expect(await retried.json()).toMatchObject({
      outcome: 'unchanged',
      version: 2,
      schedules: { updated: [] },
    });
    const stale = await admin('PATCH', `${consultationPath}/calls/photo-contest`, {
      closesAt: '2022-03-12T13:00:00Z',
      reason: 'Again',
      expectedVersion: 1,
    });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ type: '/problems/version-conflict', currentVersion: 2 });
  });

  it('grants a per-submitter extension and records it in the audit trail', async () => {
    const refused = await admin('POST', `${consultationPath}/calls/official-submission/extensions`, {
      grantee: { kind: 'organization', organization: 'Ministry of Digital Economy' },
      until: '2022-03-07T12:00:00Z',
      reason: 'Before the deadline is no extension',
    });
    expect(refused.status).toBe(422);
    const granted = await admin('POST', `${consultationPath}/calls/official-submission/extensions`, {
      grantee: { kind: 'organization', organization: 'Ministry of Digital Economy' },
      until: '2022-03-09T13:00:00Z',
      reason: 'National holiday on 7 March',
    });
    expect(granted.status).toBe(201);
    expect(await granted.json()).toMatchObject({
      extension: {
        call: 'official-submission',
        until: '2022-03-09T13:00:00.000Z',
        grantedBy: secretariatArn,
      },
    });
    expect((await auditTrail()).at(-1)).toMatchObject({
      kind: 'extension-granted',
      actor: secretariatArn,
      reason: 'National holiday on 7 March',
    });
  });
});

describe('transitions delivered late and twice', () => {
  const officialClose = 'wsis-forum-2022-call-official-submission-close';

  it('refuses submissions from the deadline on, even before the late delivery applies the close', async () => {
    // 24 hours past the deadline, and no schedule has fired yet.
    runtime().clock.set(new Date('2022-03-08T13:00:00Z'));
    const { body } = await getJson(`${runtime().endpoints.api}/v1/consultations/wsis-forum-2022`);
    const { openCalls } = (body as { state: { openCalls: string[] } }).state;
    expect(openCalls).not.toContain('official-submission');
    expect(openCalls).toEqual(['photo-contest']);
    const closes = (await auditTrail()).filter(
      (entry) => entry.kind === 'transition-applied' && String(entry.transitionId).endsWith('-close'),
    );
    expect(closes).toEqual([]);
  });

  it('applies the close once when it is delivered 24 hours late', async () => {
    const fired = await runtime().deliverDueSchedules();
    expect(fired.map((run) => run.scheduleName)).toContain(officialClose);
    expect(fired.every((run) => run.outcome === 'delivered')).toBe(true);
    const applied = (await auditTrail()).filter(
      (entry) => entry.kind === 'transition-applied' && entry.scheduleName === officialClose,
    );
    expect(applied).toEqual([
      expect.objectContaining({
        scheduledAt: '2022-03-07T13:00:00.000Z',
        at: '2022-03-08T13:00:00.000Z',
        lateBySeconds: 86_400,
        trigger: 'schedule',
      }),
    ]);
  });

  it('applies it once when the Scheduler delivers it again: one state change, one audit entry, one email', async () => {
    const redelivered = await postJson(`${runtime().endpoints.api}/_local/scheduler/fire`, {
      group,
      name: officialClose,
    });
    expect(redelivered).toMatchObject({ status: 200, body: { outcome: 'delivered', trigger: 'redelivery' } });
    const entries = (await auditTrail()).filter(
      (entry) => entry.kind === 'transition-applied' && entry.scheduleName === officialClose,
    );
    expect(entries).toHaveLength(1);
    const closeEmails = (await sentEmails()).filter((email) =>
      email.subject.startsWith('[wsis-forum-2022] Call closed: Official submissions'),
    );
    expect(closeEmails).toHaveLength(1);
    expect(closeEmails[0]?.destination.to).toEqual(['wsis-info@itu.int']);
  });

  it('closes the moved photo contest at its new deadline, and only then', async () => {
    const before = (await sentEmails()).filter((email) => email.subject.includes('Photo Contest'));
    expect(before).toEqual([]);
    const moved = await postJson(`${runtime().endpoints.api}/_local/clock`, { at: '2022-03-11T13:00:30Z' });
    expect(moved.status).toBe(200);
    const fired = (moved.body as { fired: { scheduleName: string; scheduledAt: string }[] }).fired;
    // On the way, the photo contest's own reminder waves (nobody to remind in this test).
    expect(fired).toEqual([
      expect.objectContaining({
        scheduleName: 'wsis-forum-2022-deadline-20220311T1300Z-P2D',
        scheduledAt: '2022-03-09T13:00:00.000Z',
      }),
      expect.objectContaining({
        scheduleName: 'wsis-forum-2022-deadline-20220311T1300Z-PT3H',
        scheduledAt: '2022-03-11T10:00:00.000Z',
      }),
      expect.objectContaining({
        scheduleName: 'wsis-forum-2022-call-photo-contest-close',
        scheduledAt: '2022-03-11T13:00:00.000Z',
      }),
    ]);
    expect((await sentEmails()).filter((email) => email.subject.includes('Photo Contest'))).toHaveLength(1);
  });
});
