import { describe, expect, it } from 'vitest';
import { parseConsultationDefinition } from '../../../shared/domain/consultation-definition.ts';
import { wsisForum2022 } from '../../../shared/domain/definitions/index.ts';
import { renderConfirmationEmail } from '../../../shared/domain/email/confirmation-email.ts';
import { renderReminderEmail } from '../../../shared/domain/email/reminder-email.ts';
import { addressKey } from '../../../shared/domain/email-address.ts';
import { signUnsubscribeToken, verifyUnsubscribeToken } from '../../../shared/domain/link-tokens.ts';
import { languages } from '../../../shared/domain/localized-text.ts';
import { findReminderWave, type ReminderWave } from '../../../shared/domain/reminder-wave.ts';
import { parseConfirmationToken } from '../../../shared/domain/subscription.ts';

function wave(id: string): ReminderWave {
  const found = findReminderWave(wsisForum2022, id);
  if (found === undefined) throw new Error(`No wave ${id}`);
  return found;
}

const base = {
  definition: wsisForum2022,
  definitionVersion: 3,
  definitionUpdatedAt: new Date('2022-01-01T00:00:00Z'),
  uidDomain: 'consultations.example.org',
  unsubscribeUrl: 'https://consultations.example.org/v1/unsubscribe?token=t&lang=en',
};

describe('reminder emails', () => {
  it('exist in the six UN languages, Arabic right to left, each with HTML and text', () => {
    for (const language of languages) {
      const email = renderReminderEmail({
        ...base,
        wave: wave('deadline-20220307T1300Z-P7D'),
        recipient: { email: 'a@example.org', language, source: 'subscriber' },
      });
      expect(email.html).toContain(`<html lang="${language}" dir="${language === 'ar' ? 'rtl' : 'ltr'}">`);
      expect(email.text.length).toBeGreaterThan(100);
      expect(email.subject).toMatch(/7/);
    }
  });

  it('gives one email for the calls closing together, and says which drafts are not submitted, escaped', () => {
    const email = renderReminderEmail({
      ...base,
      wave: wave('deadline-20220307T1300Z-PT3H'),
      recipient: {
        email: 'a@example.org',
        language: 'en',
        timeZone: 'America/Bogota',
        source: 'draft-holder',
        drafts: [{ call: 'workshop-request', title: 'Bridging <script>alert(1)</script> & "gaps"' }],
      },
    });
    expect(email.subject).toBe('3 hours left to submit: WSIS Forum 2022: Open Consultation Process');
    for (const call of wsisForum2022.calls) expect(email.text).toContain(call.title.en);
    expect(email.text).toContain(
      'Your draft “Bridging <script>alert(1)</script> & "gaps"” (Binding workshop requests) is not submitted.',
    );
    expect(email.html).not.toContain('<script>alert(1)');
    expect(email.html).toContain('Bridging &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;gaps&quot;');
    expect(email.text).toContain('Your time: Monday, March 7, 2022 at 08:00 (America/Bogota, UTC-05:00)');
    expect(email.text).toContain('because you hold a draft submission');
  });

  it('names a single call in the subject when it closes alone', () => {
    const extended = parseConsultationDefinition({
      ...wsisForum2022,
      calls: wsisForum2022.calls.map((call) =>
        call.kind === 'photo-contest' ? { ...call, closesAt: '2022-03-11T13:00:00Z' } : call,
      ),
    });
    const photoWave = findReminderWave(extended, 'deadline-20220311T1300Z-P2D');
    if (photoWave === undefined) throw new Error('missing wave');
    const email = renderReminderEmail({
      ...base,
      definition: extended,
      wave: photoWave,
      recipient: { email: 'a@example.org', language: 'es', source: 'subscriber' },
    });
    expect(email.subject).toBe('Quedan 2 días para presentar: Concurso Fotográfico de la CMSI de 2022');
  });

  it('writes meeting reminders in summer time after the clocks change', () => {
    const email = renderReminderEmail({
      ...base,
      wave: wave('meeting-phase-5-P7D'),
      recipient: { email: 'a@example.org', language: 'fr', source: 'subscriber' },
    });
    // ICU keeps the number and its unit together with a no-break space, as French typography wants.
    expect(email.subject).toBe('Réunion de la Phase V dans 7\u00a0jours : 2022-05-02 14:00 CEST');
    expect(email.attachments?.[0]?.content).toContain(
      'UID:wsis-forum-2022-phase-5@consultations.example.org',
    );
    expect(email.attachments?.[0]?.content).toContain('DTSTART;TZID=Europe/Zurich:20220502T140000');
    expect(email.attachments?.[0]?.content).toContain('SEQUENCE:3');
  });

  it('confirmation emails carry the link and say what happens if it was not you', () => {
    const email = renderConfirmationEmail(
      wsisForum2022,
      'zh',
      'https://x.example/v1/subscriptions/confirm?token=a&lang=zh',
    );
    expect(email.subject).toBe('请确认订阅提醒：2022年信息社会世界峰会论坛：公开磋商进程');
    expect(email.html).toContain('href="https://x.example/v1/subscriptions/confirm?token=a&amp;lang=zh"');
  });
});

describe('link tokens', () => {
  const secret = 'a-test-secret-that-is-long-enough-for-hmac';
  const subject = { consultationId: 'wsis-forum-2022', addressKey: addressKey('Amina@Example.org') };

  it('unsubscribe tokens verify with the secret and name the address only by its key', () => {
    const token = signUnsubscribeToken(secret, subject);
    expect(verifyUnsubscribeToken(secret, token)).toEqual(subject);
    expect(token).not.toMatch(/amina/i);
    expect(verifyUnsubscribeToken('another-secret-that-is-long-enough-too', token)).toBeUndefined();
    const [consultation, key, mac] = token.split('.');
    expect(
      verifyUnsubscribeToken(secret, `${consultation}.${addressKey('other@example.org')}.${mac}`),
    ).toBeUndefined();
    expect(verifyUnsubscribeToken(secret, `other-consultation.${key}.${mac}`)).toBeUndefined();
    expect(verifyUnsubscribeToken(secret, 'garbage')).toBeUndefined();
  });

  it('address keys ignore case and surrounding spaces', () => {
    expect(addressKey(' Amina@Example.ORG ')).toBe(addressKey('amina@example.org'));
  });

  it('confirmation tokens name their consultation and address key', () => {
    const random = 'r'.repeat(43);
    expect(parseConfirmationToken(`wsis-forum-2022.${subject.addressKey}.${random}`)).toEqual(subject);
    expect(parseConfirmationToken('wsis-forum-2022.short.token')).toBeUndefined();
  });
});
