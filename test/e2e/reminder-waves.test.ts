import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localLinkSigningSecret } from '../../local/runtime.ts';
import { waveFiguresSchema } from '../../shared/contracts/subscriptions.ts';
import { addressKey } from '../../shared/domain/email-address.ts';
import { signUnsubscribeToken } from '../../shared/domain/link-tokens.ts';
import { languages } from '../../shared/domain/localized-text.ts';
import { reminderFixtures, type SubscriberFixture } from '../support/reminder-fixtures.ts';
import { emailsTo, header, storedEmails } from '../support/ses-store.ts';
import { getSignedJson, postJson, useLocalRuntime } from './local-runtime.ts';

const wsis = 'wsis-forum-2022';
const fourteenDays = 'deadline-20220307T1300Z-P14D';
const sevenDays = 'deadline-20220307T1300Z-P7D';
const group = 'consultation-local-wsis-forum-2022';

const subscribers: SubscriberFixture[] = Array.from({ length: 60 }, (_, index) => ({
  email: `stakeholder-${String(index).padStart(3, '0')}@example.org`,
  language: languages[index % languages.length] ?? 'en',
  ...(index % 4 === 0 ? { timeZone: 'America/Bogota' } : {}),
}));
const bounce = 'bounce@simulator.amazonses.com';
const complaint = 'complaint@simulator.amazonses.com';
const unsubscribedEarlier = 'changed.my.mind@example.org';
const suppressedEarlier = 'gone.away@example.org';

describe('deadline waves through the local runtime: duplicates, re-driven batches, suppression, unsubscribe', () => {
  // Two successful sender invocations delete nothing: their batches come back, as after a
  // visibility timeout that ran out before the delete.
  const runtime = useLocalRuntime({
    clockAt: '2022-02-21T12:00:00Z',
    queueVisibilityTimeoutSeconds: 1,
    faults: { leaveBatchesAfterSuccess: 2 },
  });
  let fixtures: ReturnType<typeof reminderFixtures>;
  const store = () => runtime().endpoints.sesStore;
  const api = (path: string) => `${runtime().endpoints.api}${path}`;

  beforeAll(async () => {
    fixtures = reminderFixtures(runtime());
    await fixtures.confirmSubscribers(wsis, [
      ...subscribers,
      { email: bounce, language: 'en' },
      { email: complaint, language: 'en' },
      { email: unsubscribedEarlier, language: 'en' },
      { email: suppressedEarlier, language: 'en' },
    ]);
    await fixtures.suppress(suppressedEarlier);
    const token = signUnsubscribeToken(localLinkSigningSecret, {
      consultationId: wsis,
      addressKey: addressKey(unsubscribedEarlier),
    });
    const unsubscribed = await fetch(api(`/v1/unsubscribe?token=${token}`), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(unsubscribed.status).toBe(200);
  });
  afterAll(() => fixtures?.close());

  it('sends the 14-day wave once per recipient although the schedule fires twice and batches come back', async () => {
    // The reconcile at start scheduled the wave from the calendar, in the consultation's group.
    const moved = await postJson(api('/_local/clock'), { at: '2022-02-21T13:00:30Z' });
    expect(moved.body).toMatchObject({
      fired: [{ groupName: group, scheduleName: `${wsis}-${fourteenDays}`, outcome: 'delivered' }],
    });
    // The same wave delivered again, as an at-least-once Scheduler may.
    const again = await postJson(api('/_local/scheduler/fire'), {
      group,
      name: `${wsis}-${fourteenDays}`,
    });
    expect(again.status).toBe(200);
    await runtime().idle();

    for (const subscriber of subscribers) {
      const received = await emailsTo(store(), subscriber.email);
      expect(received, subscriber.email).toHaveLength(1);
    }
    expect(await emailsTo(store(), bounce)).toHaveLength(1);
    expect(await emailsTo(store(), complaint)).toHaveLength(1);
    expect(await emailsTo(store(), unsubscribedEarlier)).toHaveLength(0);
    expect(await emailsTo(store(), suppressedEarlier)).toHaveLength(0);
    expect(await runtime().deadLetterCount('reminders')).toBe(0);

    // The per-address counts the fan-out benchmark reads agree with the whole store.
    const everyEmail = await storedEmails(store());
    const counts = (await (await fetch(runtime().endpoints.sesRecipientCounts)).json()) as {
      emails: number;
      recipients: Record<string, number>;
    };
    expect(counts.emails).toBe(everyEmail.length);
    const expected: Record<string, number> = {};
    for (const email of everyEmail) {
      for (const to of email.destination.to) expected[to] = (expected[to] ?? 0) + 1;
    }
    expect(counts.recipients).toEqual(expected);
    expect(counts.recipients[subscribers[0]?.email ?? '']).toBe(1);

    const figures = await getSignedJson(api(`/v1/admin/consultations/${wsis}/waves/${fourteenDays}`));
    expect(figures.status).toBe(200);
    // The unsubscribed address is no longer a confirmed subscriber, so the wave never queued it.
    expect(waveFiguresSchema.parse(figures.body)).toMatchObject({
      recipients: subscribers.length + 3,
      sent: subscribers.length + 2,
      bounced: 1,
      complained: 1,
      suppressed: 1,
      unsubscribed: 0,
      failed: 0,
      inProgress: 0,
    });
  });

  it('writes what is happening in the recipient’s language, with times in official and own time', async () => {
    const [english] = await emailsTo(store(), 'stakeholder-001@example.org');
    expect(english?.subject).toBe('14 days left to submit: WSIS Forum 2022: Open Consultation Process');
    expect(english?.body.text).toContain(
      'Deadline — Official time (Geneva): Monday, March 7, 2022 at 14:00 (CET)',
    );
    const [arabic] = await emailsTo(store(), 'stakeholder-000@example.org');
    expect(arabic?.body.html).toContain('<html lang="ar" dir="rtl">');
    expect(arabic?.subject).toContain('14');
    // Bogota is UTC-5: the deadline is at 08:00 there.
    expect(arabic?.body.text).toMatch(/America\/Bogota, UTC-05:00/);
    const [spanish] = await emailsTo(store(), 'stakeholder-002@example.org');
    expect(spanish?.subject).toBe(
      'Quedan 14 días para presentar: Foro de la CMSI de 2022: Proceso de consultas abiertas',
    );
  });

  it('carries RFC 8058 one-click unsubscribe headers whose URL unsubscribes on POST only', async () => {
    const [email] = await emailsTo(store(), 'stakeholder-007@example.org');
    expect(header(email ?? ({ headers: [] } as never), 'List-Unsubscribe-Post')).toBe(
      'List-Unsubscribe=One-Click',
    );
    const listUnsubscribe = header(email ?? ({ headers: [] } as never), 'List-Unsubscribe') ?? '';
    const match = /^<(https?:\/\/[^>]+)>, <(mailto:[^>]+)>$/.exec(listUnsubscribe);
    expect(match).not.toBeNull();
    const url = new URL(match?.[1] ?? '');
    expect(url.pathname).toBe('/v1/unsubscribe');
    expect(match?.[2]).toMatch(/^mailto:wsis-info@itu\.int\?subject=unsubscribe%20/);
    // The token is opaque: it does not show the address.
    expect(url.search).not.toContain('stakeholder-007');

    // A GET (what a link scanner does) shows a page and changes nothing: this one keeps receiving.
    const [other] = await emailsTo(store(), 'stakeholder-008@example.org');
    const otherUrl =
      /^<([^>]+)>/.exec(header(other ?? ({ headers: [] } as never), 'List-Unsubscribe') ?? '')?.[1] ?? '';
    const page = await fetch(otherUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<button id="act"');

    // The mail client's one click: POST `List-Unsubscribe=One-Click`; twice is fine.
    for (let click = 0; click < 2; click += 1) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(response.status).toBe(200);
    }
    const forged = await fetch(
      `${url.origin}${url.pathname}?token=${wsis}.${'A'.repeat(43)}.${'B'.repeat(43)}`,
      {
        method: 'POST',
      },
    );
    expect(forged.status).toBe(404);
  });

  it('sends nothing more to bounced, complaining or unsubscribed addresses in the next wave', async () => {
    await postJson(api('/_local/clock'), { at: '2022-02-28T13:00:30Z' });
    await runtime().idle();
    expect(await emailsTo(store(), bounce)).toHaveLength(1);
    expect(await emailsTo(store(), complaint)).toHaveLength(1);
    expect(await emailsTo(store(), 'stakeholder-007@example.org')).toHaveLength(1);
    expect(await emailsTo(store(), 'stakeholder-008@example.org')).toHaveLength(2);
    expect(await emailsTo(store(), unsubscribedEarlier)).toHaveLength(0);
    const sevenDayEmails = (await storedEmails(store())).filter((email) =>
      email.subject.startsWith('7 days left'),
    );
    expect(sevenDayEmails.length).toBeGreaterThan(0);
    const figures = waveFiguresSchema.parse(
      (await getSignedJson(api(`/v1/admin/consultations/${wsis}/waves/${sevenDays}`))).body,
    );
    expect(figures).toMatchObject({
      sent: subscribers.length - 1,
      suppressed: 3,
      unsubscribed: 0,
      inProgress: 0,
    });
  });

  it('ignores a wave that no longer derives from the calendar', async () => {
    // A leftover schedule outside the consultation's group, which no reconcile manages.
    await fixtures.scheduleWave(wsis, 'deadline-20220301T1300Z-P1D', '2022-02-28T15:00:00');
    const moved = await postJson(api('/_local/clock'), { at: '2022-02-28T14:00:30Z' });
    expect(moved.body).toMatchObject({ fired: [{ outcome: 'delivered' }] });
    await runtime().idle();
    const figures = waveFiguresSchema.parse(
      (await getSignedJson(api(`/v1/admin/consultations/${wsis}/waves/deadline-20220301T1300Z-P1D`))).body,
    );
    expect(figures.recipients).toBe(0);
  });
});
