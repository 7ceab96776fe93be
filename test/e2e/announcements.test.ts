import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCredentials, localLinkSigningSecret, localRegion } from '../../local/runtime.ts';
import { signedFetch } from '../../local/signed-fetch.ts';
import { announcementViewSchema } from '../../shared/contracts/routes/announcement-audit-routes.ts';
import { addressKey } from '../../shared/domain/email-address.ts';
import { signUnsubscribeToken } from '../../shared/domain/link-tokens.ts';
import type { Language } from '../../shared/domain/localized-text.ts';
import { reminderFixtures, type SubscriberFixture } from '../support/reminder-fixtures.ts';
import { emailsTo, header, storedEmails } from '../support/ses-store.ts';
import { postJson, useLocalRuntime } from './local-runtime.ts';

const wsis = 'wsis-forum-2022';
const group = 'consultation-local-wsis-forum-2022';
const secretariatArn = 'arn:aws:iam::000000000000:user/local-secretariat';
const announcementsPath = `/v1/admin/consultations/${wsis}/announcements`;

// Three languages written by the Secretariat (en, fr, ar); Russian readers get the English fallback.
const readerLanguages: Language[] = ['en', 'fr', 'ar', 'ru'];
const subscribers: SubscriberFixture[] = Array.from({ length: 12 }, (_, index) => ({
  email: `reader-${String(index).padStart(2, '0')}@example.org`,
  language: readerLanguages[index % readerLanguages.length] ?? 'en',
}));
const unsubscribedEarlier = 'no.more.news@example.org';
const suppressedEarlier = 'bounced.before@example.org';

const announcement = {
  subject: {
    en: 'Phase II opens on 8 March',
    fr: 'La phase II s’ouvre le 8 mars',
    ar: 'تبدأ المرحلة الثانية في 8 مارس',
  },
  text: {
    en: 'Dear stakeholders,\n\nPhase II <starts> on 8 March.\nSee you there.',
    fr: 'Chers acteurs,\n\nLa phase II commence le 8 mars.',
    ar: 'أعزاءنا أصحاب المصلحة،\n\nتبدأ المرحلة الثانية في 8 مارس.',
  },
  reason: 'Reminder of the Phase II opening',
};

describe('announcements to every confirmed subscriber, through the reminder fan-out', () => {
  // The clock stands still; the Scheduler emulator's check (every 250 ms) delivers what is due at
  // its reading, as the service delivers an at() schedule of the current minute.
  const runtime = useLocalRuntime({ clockAt: '2022-03-01T12:00:00Z', queueVisibilityTimeoutSeconds: 1 });
  let fixtures: ReturnType<typeof reminderFixtures>;
  const api = (path: string) => `${runtime().endpoints.api}${path}`;
  const store = () => runtime().endpoints.sesStore;
  const post = (body: unknown, key?: string) =>
    signedFetch(api(announcementsPath), {
      method: 'POST',
      body,
      credentials: localCredentials,
      region: localRegion,
      ...(key === undefined ? {} : { headers: { 'idempotency-key': key } }),
    });
  const get = (path: string) =>
    signedFetch(api(path), { method: 'GET', credentials: localCredentials, region: localRegion });

  async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** Every delivery of an announcement's start schedule so far. */
  const startRuns = async () =>
    (
      (await (await fetch(api('/_local/scheduler/history'))).json()) as {
        fired: { groupName: string; scheduleName: string; outcome: string }[];
      }
    ).fired.filter((run) => run.scheduleName.startsWith(`${wsis}-announcement-`));

  const viewOf = async (announcementId: string) => {
    const response = await get(`${announcementsPath}/${announcementId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    return announcementViewSchema.parse(await response.json());
  };

  beforeAll(async () => {
    fixtures = reminderFixtures(runtime());
    await fixtures.confirmSubscribers(wsis, [
      ...subscribers,
      { email: unsubscribedEarlier, language: 'en' },
      { email: suppressedEarlier, language: 'fr' },
    ]);
    await fixtures.suppress(suppressedEarlier);
    const token = signUnsubscribeToken(localLinkSigningSecret, {
      consultationId: wsis,
      addressKey: addressKey(unsubscribedEarlier),
    });
    expect((await fetch(api(`/v1/unsubscribe?token=${token}`), { method: 'POST' })).status).toBe(200);
  });
  afterAll(() => fixtures?.close());

  it('refuses unsigned requests with 403 problem+json and sends nothing', async () => {
    const unsigned = await fetch(api(announcementsPath), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'unsigned-1' },
      body: JSON.stringify(announcement),
    });
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get('content-type')).toBe('application/problem+json');
    expect(await unsigned.json()).toMatchObject({ type: '/problems/missing-authentication' });
    const unsignedRead = await fetch(api(`${announcementsPath}/0123456789abcdef`));
    expect(unsignedRead.status).toBe(403);
    expect(await unsignedRead.json()).toMatchObject({ type: '/problems/missing-authentication' });
    expect(await storedEmails(store())).toEqual([]);
  });

  it('validates the request: Idempotency-Key required, English required, strict body; writes nothing', async () => {
    const noKey = await post(announcement);
    expect(noKey.status).toBe(400);
    expect(await noKey.json()).toMatchObject({ errors: [{ path: 'header.idempotency-key' }] });
    const noEnglish = await post(
      { subject: { fr: 'Bonjour' }, text: { fr: 'Texte' }, extra: true },
      'invalid-1',
    );
    expect(noEnglish.status).toBe(400);
    const problem = (await noEnglish.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((error) => error.path).sort()).toEqual([
      'body',
      'body.subject.en',
      'body.text.en',
    ]);
    const twoLines = await post({ ...announcement, subject: { en: 'One\nTwo' } }, 'invalid-2');
    expect(twoLines.status).toBe(400);
    const unknownConsultation = await signedFetch(
      api('/v1/admin/consultations/no-such-forum/announcements'),
      {
        method: 'POST',
        body: announcement,
        credentials: localCredentials,
        region: localRegion,
        headers: { 'idempotency-key': 'unknown-1' },
      },
    );
    expect(unknownConsultation.status).toBe(404);
    expect((await get(`${announcementsPath}/0123456789abcdef`)).status).toBe(404);
    expect(await startRuns()).toEqual([]);
  });

  it('sends once to each confirmed subscriber in their language, skips the unsubscribed and the suppressed, and adds up', async () => {
    const accepted = await post(announcement, 'phase-2-opening');
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get('cache-control')).toBe('no-store');
    const created = (await accepted.json()) as { announcementId: string; waveId: string; createdAt: string };
    expect(created.waveId).toBe(`announcement-${created.announcementId}`);
    expect(created.createdAt).toBe('2022-03-01T12:00:00.000Z');
    expect(accepted.headers.get('location')).toBe(`${announcementsPath}/${created.announcementId}`);

    // The same POST again (a client retry): the same announcement, nothing started twice.
    const retried = await post(announcement, 'phase-2-opening');
    expect(retried.status).toBe(202);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(await retried.json()).toEqual(created);
    // The same key with another body is a mistake, not a new announcement.
    const reused = await post({ ...announcement, reason: 'Another one' }, 'phase-2-opening');
    expect(reused.status).toBe(422);
    expect(await reused.json()).toMatchObject({ type: '/problems/idempotency-key-reused' });

    const view = await until(
      () => viewOf(created.announcementId),
      (current) => current.state === 'sent',
    );
    expect(view).toMatchObject({
      announcementId: created.announcementId,
      subject: announcement.subject,
      text: announcement.text,
      reason: announcement.reason,
      createdBy: secretariatArn,
      state: 'sent',
      // Unsubscribing ends the subscription, so that address is not even queued; the suppressed
      // one is, and its send record says why nothing went to it.
      queuedRecipients: subscribers.length + 1,
      figures: {
        waveId: created.waveId,
        recipients: subscribers.length + 1,
        sent: subscribers.length,
        suppressed: 1,
        unsubscribed: 0,
        failed: 0,
        inProgress: 0,
      },
    });
    const figures = view.figures;
    expect(
      figures.sent + figures.suppressed + figures.unsubscribed + figures.failed + figures.inProgress,
    ).toBe(figures.recipients);

    // One start schedule, delivered once, in the consultation's group.
    expect(await startRuns()).toMatchObject([
      { groupName: group, scheduleName: `${wsis}-${created.waveId}`, outcome: 'delivered' },
    ]);

    const expectedSubject: Record<Language, string> = {
      en: announcement.subject.en,
      fr: announcement.subject.fr,
      ar: announcement.subject.ar,
      ru: announcement.subject.en,
      es: announcement.subject.en,
      zh: announcement.subject.en,
    };
    for (const subscriber of subscribers) {
      const received = await emailsTo(store(), subscriber.email);
      expect(received, subscriber.email).toHaveLength(1);
      const [email] = received;
      if (email === undefined) continue;
      expect(email.subject).toBe(expectedSubject[subscriber.language]);
      expect(header(email, 'List-Unsubscribe')).toMatch(
        /^<http:\/\/127\.0\.0\.1:\d+\/v1\/unsubscribe\?token=/,
      );
      expect(header(email, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      expect(email.body.text).toContain('/v1/unsubscribe?token=');
    }
    const [arabic] = await emailsTo(store(), subscribers[2]?.email ?? '');
    expect(arabic?.body.html).toContain('dir="rtl"');
    expect(arabic?.body.text).toContain('تبدأ المرحلة الثانية في 8 مارس.');
    const [english] = await emailsTo(store(), subscribers[0]?.email ?? '');
    expect(english?.body.html).toContain('Phase II &lt;starts&gt; on 8 March.<br>See you there.');
    expect(await emailsTo(store(), unsubscribedEarlier)).toEqual([]);
    expect(await emailsTo(store(), suppressedEarlier)).toEqual([]);
  });

  it('sends nothing twice when the Scheduler delivers the start again', async () => {
    const before = (await storedEmails(store())).length;
    const audit = await get(`/v1/admin/consultations/${wsis}/audit?kind=announcement-sent`);
    const waveId = ((await audit.json()) as { entries: { entry: { waveId: string } }[] }).entries[0]?.entry
      .waveId;
    expect(waveId).toMatch(/^announcement-[0-9a-f]{16}$/);
    const again = await postJson(api('/_local/scheduler/fire'), { group, name: `${wsis}-${waveId}` });
    expect(again.status).toBe(200);
    await runtime().idle();
    expect((await storedEmails(store())).length).toBe(before);
  });

  it('records the announcement in the audit trail: who, when, what, why', async () => {
    const response = await get(`/v1/admin/consultations/${wsis}/audit?kind=announcement-sent`);
    expect(response.status).toBe(200);
    const { entries } = (await response.json()) as { entries: Record<string, unknown>[] };
    expect(entries).toEqual([
      expect.objectContaining({
        at: '2022-03-01T12:00:00.000Z',
        kind: 'announcement-sent',
        actor: secretariatArn,
        subject: expect.stringContaining('Phase II opens on 8 March'),
        before: null,
        reason: 'Reminder of the Phase II opening',
        entry: expect.objectContaining({ kind: 'announcement-sent', subject: 'Phase II opens on 8 March' }),
      }),
    ]);
  });
});
