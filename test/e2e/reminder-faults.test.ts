import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waveFiguresSchema } from '../../shared/contracts/subscriptions.ts';
import { languages } from '../../shared/domain/localized-text.ts';
import type { Mailer } from '../../shared/ports/mailer.ts';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.ts';
import { reminderFixtures, type SubscriberFixture } from '../support/reminder-fixtures.ts';
import { emailsTo, storedEmails } from '../support/ses-store.ts';
import { getSignedJson, postJson, useLocalRuntime } from './local-runtime.ts';

const wsis = 'wsis-forum-2022';
const meetingWave = 'meeting-phase-3-P1D';

const subscribers: SubscriberFixture[] = Array.from({ length: 80 }, (_, index) => ({
  email: `participant-${String(index).padStart(3, '0')}@example.net`,
  language: languages[index % languages.length] ?? 'en',
  ...(index % 3 === 0 ? { timeZone: 'Asia/Tokyo' } : {}),
}));

/** The sender's process dies once, right after SES accepted its Nth email and before it recorded it. */
function crashAfter(sends: number): (mailer: Mailer) => Mailer {
  let count = 0;
  return (mailer) => ({
    async send(email) {
      const result = await mailer.send(email);
      count += 1;
      if (count === sends) throw new Error(`Simulated crash after send ${sends}`);
      return result;
    },
  });
}

describe('a meeting wave through the local runtime while SES fails 20% of calls and the sender crashes', () => {
  let proxy: FaultProxy | undefined;
  const runtime = useLocalRuntime({
    clockAt: '2022-01-30T12:00:00Z',
    queueVisibilityTimeoutSeconds: 1,
    emailSending: { ratePerSecond: 100, sesMaxSendRate: 100 },
    faults: {
      sesEndpoint: async (sesUrl) => {
        // 10% throttled, 7% server errors (SES took nothing), 3% taken by SES with the answer lost.
        proxy = await startFaultProxy(sesUrl, {
          throttle: 0.1,
          serverError: 0.07,
          dropAfterForwarding: 0.03,
        });
        return proxy;
      },
      wrapMailer: crashAfter(15),
    },
  });
  let fixtures: ReturnType<typeof reminderFixtures>;
  const api = (path: string) => `${runtime().endpoints.api}${path}`;

  beforeAll(async () => {
    fixtures = reminderFixtures(runtime());
    await fixtures.confirmSubscribers(wsis, subscribers);
  });
  afterAll(() => fixtures?.close());

  it('still gives every recipient exactly one email', async () => {
    // The reconcile at start scheduled the wave from the calendar: moving the clock fires it.
    const moved = await postJson(api('/_local/clock'), { at: '2022-01-30T13:00:30Z' });
    expect(moved.body).toMatchObject({
      fired: [{ scheduleName: `${wsis}-${meetingWave}`, outcome: 'delivered' }],
    });
    await runtime().idle();

    expect(proxy?.counts.throttled).toBeGreaterThan(0);
    expect(proxy?.counts.serverErrors).toBeGreaterThan(0);
    expect(proxy?.counts.dropped).toBeGreaterThan(0);
    const emails = await storedEmails(runtime().endpoints.sesStore);
    for (const subscriber of subscribers) {
      const received = emails.filter((email) => email.destination.to.includes(subscriber.email));
      expect(received, subscriber.email).toHaveLength(1);
    }
    expect(emails).toHaveLength(subscribers.length);
    expect(await runtime().deadLetterCount('reminders')).toBe(0);
    const figures = waveFiguresSchema.parse(
      (await getSignedJson(api(`/v1/admin/consultations/${wsis}/waves/${meetingWave}`))).body,
    );
    expect(figures).toMatchObject({
      recipients: subscribers.length,
      sent: subscribers.length,
      inProgress: 0,
      failed: 0,
    });
  });

  it('says what and when, and attaches an invitation that ical.js reads with the right instant and UID', async () => {
    const [email] = await emailsTo(runtime().endpoints.sesStore, 'participant-001@example.net');
    expect(email?.subject).toBe('Phase III meeting in 1 day: 2022-01-31 14:00 CET');
    expect(email?.body.text).toContain(
      'Starts — Official time (Geneva): Monday, January 31, 2022 at 14:00 (CET)',
    );
    expect(email?.body.text).toContain('Participation: In person, with remote participation');
    const [tokyo] = await emailsTo(runtime().endpoints.sesStore, 'participant-003@example.net');
    expect(tokyo?.body.text).toMatch(/22:00 \(Asia\/Tokyo, UTC\+09:00\)/);

    const attachment = email?.attachments.find((candidate) => candidate.filename?.endsWith('.ics'));
    expect(attachment?.contentType).toMatch(/^text\/calendar/);
    const calendar = new ICAL.Component(
      ICAL.parse(Buffer.from(attachment?.content ?? '', 'base64').toString('utf8')),
    );
    const timeZone = calendar.getFirstSubcomponent('vtimezone');
    expect(timeZone).not.toBeNull();
    if (timeZone !== null) ICAL.TimezoneService.register(new ICAL.Timezone(timeZone));
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent') ?? undefined);
    expect(event.uid).toBe('wsis-forum-2022-phase-3@consultations.localhost');
    expect(event.startDate.toJSDate().toISOString()).toBe('2022-01-31T13:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2022-01-31T14:00:00.000Z');
    // Written in the official zone, so calendar apps show the published 14:00.
    expect(event.startDate.zone?.tzid).toBe('Europe/Zurich');
    expect(event.startDate.hour).toBe(14);
  });
});
