import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCredentials, localRegion } from '../../local/runtime.ts';
import { signedFetch } from '../../local/signed-fetch.ts';
import { auditResponseSchema } from '../../shared/contracts/routes/announcement-audit-routes.ts';
import { reminderFixtures } from '../support/reminder-fixtures.ts';
import { emailsTo } from '../support/ses-store.ts';
import { useLocalRuntime } from './local-runtime.ts';

// The day before the submission deadline, the Scheduler's background check off: schedules fire
// only when the test moves the clock or delivers them, so an announcement's start can be held.
const runtime = useLocalRuntime({ clockAt: '2022-03-06T12:00:00Z', schedulerPollIntervalMs: 0 });
const consultationPath = '/v1/admin/consultations/wsis-forum-2022';
const auditPath = `${consultationPath}/audit`;
const secretariatArn = 'arn:aws:iam::000000000000:user/local-secretariat';
const grantee = { kind: 'email', email: 'late.submitter@example.org' } as const;

function admin(method: string, path: string, body?: unknown, headers?: Record<string, string>) {
  return signedFetch(`${runtime().endpoints.api}${path}`, {
    method,
    credentials: localCredentials,
    region: localRegion,
    ...(body === undefined ? {} : { body }),
    ...(headers === undefined ? {} : { headers }),
  });
}

async function audit(query = '') {
  const response = await admin('GET', `${auditPath}${query}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('no-store');
  return auditResponseSchema.parse(await response.json());
}

describe('the audit route: every admin action and transition, filtered, paged, exported', () => {
  let fixtures: ReturnType<typeof reminderFixtures>;
  let announcementId = '';

  beforeAll(async () => {
    fixtures = reminderFixtures(runtime());
    await fixtures.confirmSubscribers('wsis-forum-2022', [{ email: 'reader@example.org', language: 'es' }]);
    const moved = await admin('PATCH', `${consultationPath}/calls/photo-contest`, {
      closesAt: '2022-03-11T13:00:00Z',
      reason: 'Photo contest extended to 11 March',
    });
    expect(moved.status).toBe(200);
    // A minute between actions, so that the trail's time order is the order they were made in.
    let minute = 0;
    for (const [until, reason] of [
      ['2022-03-08T13:00:00Z', 'Connectivity outage'],
      ['2022-03-09T13:00:00Z', 'Outage lasted longer'],
    ] as const) {
      minute += 1;
      await runtime().advanceClockTo(new Date(`2022-03-06T12:0${minute}:00Z`));
      const granted = await admin('POST', `${consultationPath}/calls/official-submission/extensions`, {
        grantee,
        until,
        reason,
      });
      expect(granted.status).toBe(201);
    }
  });
  afterAll(() => fixtures?.close());

  it('refuses an unsigned request with 403 problem+json', async () => {
    for (const query of ['', '?format=csv']) {
      const response = await fetch(`${runtime().endpoints.api}${auditPath}${query}`);
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await response.json()).toMatchObject({ type: '/problems/missing-authentication' });
    }
    expect((await fetch(`${runtime().endpoints.api}${consultationPath}/audit-trail`)).status).not.toBe(200);
  });

  it('starts an announcement asynchronously: a reconcile before its start leaves the start alone', async () => {
    await runtime().advanceClockTo(new Date('2022-03-06T12:05:00Z'));
    const accepted = await admin(
      'POST',
      `${consultationPath}/announcements`,
      { subject: { en: 'Deadline tomorrow', es: 'Plazo mañana' }, text: { en: 'Submit by 7 March.' } },
      { 'idempotency-key': 'deadline-tomorrow' },
    );
    expect(accepted.status).toBe(202);
    announcementId = ((await accepted.json()) as { announcementId: string }).announcementId;
    const before = await admin('GET', `${consultationPath}/announcements/${announcementId}`);
    expect(await before.json()).toMatchObject({ state: 'starting', queuedRecipients: 0 });

    const reconciled = await admin('POST', `${consultationPath}/schedules/reconcile`);
    expect(reconciled.status).toBe(200);
    const report = (await reconciled.json()) as { deleted: { name: string }[] };
    expect(report.deleted).toEqual([]);

    const fired = await runtime().deliverDueSchedules();
    expect(fired.map((run) => run.scheduleName)).toEqual([`wsis-forum-2022-announcement-${announcementId}`]);
    await runtime().idle();
    const [email, ...more] = await emailsTo(runtime().endpoints.sesStore, 'reader@example.org');
    expect(more).toEqual([]);
    expect(email?.subject).toBe('Plazo mañana');
  });

  it('answers who, what, when, before, after and why for every admin action, oldest first', async () => {
    // The deadline passes: the calls closing on 7 March close (the engine's own entries).
    await runtime().advanceClockTo(new Date('2022-03-07T13:30:00Z'));
    const { entries, nextCursor } = await audit('?limit=1000');
    expect(nextCursor).toBeUndefined();
    const ats = entries.map((record) => Date.parse(record.at));
    expect(ats).toEqual([...ats].sort((left, right) => left - right));
    const admins = entries.filter((record) => record.actor === secretariatArn);
    expect(admins.map((record) => record.kind)).toEqual([
      'calendar-changed',
      'extension-granted',
      'extension-granted',
      'announcement-sent',
    ]);
    expect(admins[0]).toMatchObject({
      at: '2022-03-06T12:00:00.000Z',
      subject: 'calls.photo-contest.closesAt',
      before: { 'calls.photo-contest.closesAt': '2022-03-07T13:00:00.000Z' },
      after: { 'calls.photo-contest.closesAt': '2022-03-11T13:00:00.000Z', version: 2 },
      reason: 'Photo contest extended to 11 March',
      calls: ['photo-contest'],
    });
    expect(admins[1]).toMatchObject({ before: null, after: { until: '2022-03-08T13:00:00.000Z' } });
    expect(admins[2]).toMatchObject({
      subject: 'official-submission extension for email late.submitter@example.org',
      before: { until: '2022-03-08T13:00:00.000Z', reason: 'Connectivity outage', grantedBy: secretariatArn },
      after: { until: '2022-03-09T13:00:00.000Z' },
      reason: 'Outage lasted longer',
    });
    expect(admins[3]).toMatchObject({
      subject: `announcement ${announcementId}: Deadline tomorrow`,
      reason: null,
      entry: { kind: 'announcement-sent', announcementId },
    });
    const closes = entries.filter((record) => record.subject.endsWith('-close'));
    expect(closes.length).toBeGreaterThan(0);
    expect(closes.every((record) => record.actor === 'system:scheduler')).toBe(true);
    expect(closes[0]).toMatchObject({ kind: 'transition-applied', before: null, reason: null });
  });

  it('filters by kind, actor, call and time, alone and together', async () => {
    const kinds = (await audit('?kind=extension-granted,announcement-sent')).entries.map(
      (record) => record.kind,
    );
    expect(kinds).toEqual(['extension-granted', 'extension-granted', 'announcement-sent']);
    const byEngine = (await audit(`?actor=${encodeURIComponent('system:scheduler')}`)).entries;
    expect(byEngine.length).toBeGreaterThan(0);
    expect(byEngine.every((record) => record.kind === 'transition-applied')).toBe(true);
    const photo = (await audit('?call=photo-contest')).entries;
    // Its opening (caught up at start) and its date change: it no longer closes on 7 March.
    expect(photo.map((record) => record.subject)).toEqual([
      'call-photo-contest-open',
      'calls.photo-contest.closesAt',
    ]);
    const official = (await audit('?call=official-submission')).entries;
    expect(official.map((record) => record.subject)).toEqual([
      'call-official-submission-open',
      'official-submission extension for email late.submitter@example.org',
      'official-submission extension for email late.submitter@example.org',
      'call-official-submission-close',
    ]);
    const window = (await audit('?since=2022-03-06T12:01:00Z&until=2022-03-07T00:00:00Z')).entries;
    expect(window.map((record) => record.kind)).toEqual([
      'extension-granted',
      'extension-granted',
      'announcement-sent',
    ]);
    // `since` inclusive, `until` exclusive.
    const minute = (await audit('?since=2022-03-06T12:01:00Z&until=2022-03-06T12:02:00Z')).entries;
    expect(minute.map((record) => record.after)).toEqual([{ until: '2022-03-08T13:00:00.000Z' }]);
    const afterDeadline = (await audit('?since=2022-03-07T13:00:00Z&kind=transition-applied')).entries;
    expect(afterDeadline.length).toBeGreaterThan(0);
    expect(afterDeadline.every((record) => Date.parse(record.at) >= Date.parse('2022-03-07T13:00:00Z'))).toBe(
      true,
    );
    const none = (await audit(`?actor=${encodeURIComponent(secretariatArn)}&kind=transition-applied`))
      .entries;
    expect(none).toEqual([]);
  });

  it('pages with a cursor: every entry once, in order', async () => {
    const whole = (await audit('?limit=1000')).entries.map((record) => JSON.stringify(record.entry));
    const paged: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await audit(
        `?limit=2${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
      );
      expect(page.entries.length).toBeLessThanOrEqual(2);
      paged.push(...page.entries.map((record) => JSON.stringify(record.entry)));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== undefined && pages < 100);
    expect(paged).toEqual(whole);
    expect(pages).toBe(Math.ceil(whole.length / 2));
  });

  it('exports CSV: UTF-8 with BOM, a header, one row per entry, the same filters', async () => {
    const response = await admin('GET', `${auditPath}?format=csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="wsis-forum-2022-audit.csv"',
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('at,kind,actor,subject,before,after,reason');
    expect(lines.at(-1)).toBe('');
    const { entries } = await audit('?limit=1000');
    // Every row is one line: no field in this trail holds a line break.
    expect(lines.length - 2).toBe(entries.length);

    const changes = await admin('GET', `${auditPath}?format=csv&kind=calendar-changed`);
    const rows = (await changes.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(rows).toEqual([
      'at,kind,actor,subject,before,after,reason',
      `2022-03-06T12:00:00.000Z,calendar-changed,${secretariatArn},calls.photo-contest.closesAt,` +
        '"{""calls.photo-contest.closesAt"":""2022-03-07T13:00:00.000Z""}",' +
        '"{""calls.photo-contest.closesAt"":""2022-03-11T13:00:00.000Z"",""version"":2}",' +
        'Photo contest extended to 11 March',
      '',
    ]);
  });

  it('refuses bad filters with field paths, and an unknown consultation with 404', async () => {
    const bad = await admin('GET', `${auditPath}?kind=nonsense&call=no-call&since=yesterday&format=xml`);
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((error) => error.path).sort()).toEqual([
      'query.call',
      'query.format',
      'query.kind',
      'query.since',
    ]);
    const backwards = await admin(
      'GET',
      `${auditPath}?since=2022-03-07T00:00:00Z&until=2022-03-06T00:00:00Z`,
    );
    expect(backwards.status).toBe(400);
    expect(await backwards.json()).toMatchObject({ errors: [{ path: 'query.until' }] });
    const forged = await admin('GET', `${auditPath}?cursor=bm90LWEtY3Vyc29y`);
    expect(forged.status).toBe(400);
    expect(await forged.json()).toMatchObject({ errors: [{ path: 'query.cursor' }] });
    const unknown = await admin('GET', '/v1/admin/consultations/no-such-forum/audit');
    expect(unknown.status).toBe(404);
  });

  it('records a reconcile that repaired something, with who and what, and not one that found all in order', async () => {
    const { DeleteScheduleCommand, SchedulerClient } = await import('@aws-sdk/client-scheduler');
    const { endpoints } = runtime();
    const scheduler = new SchedulerClient({
      endpoint: endpoints.scheduler,
      region: endpoints.region,
      credentials: { ...endpoints.credentials },
    });
    const lost = 'wsis-forum-2022-call-photo-contest-close';
    await scheduler.send(
      new DeleteScheduleCommand({ GroupName: 'consultation-local-wsis-forum-2022', Name: lost }),
    );
    scheduler.destroy();
    for (let time = 0; time < 2; time += 1) {
      expect((await admin('POST', `${consultationPath}/schedules/reconcile`)).status).toBe(200);
    }
    const { entries } = await audit('?kind=schedules-reconciled');
    expect(entries).toEqual([
      expect.objectContaining({
        kind: 'schedules-reconciled',
        actor: secretariatArn,
        subject: 'schedules: 1 created, 0 updated, 0 deleted, 0 caught up',
        before: {},
        after: { [lost]: '2022-03-11T13:00:00.000Z' },
        reason: null,
      }),
    ]);
  });
});
