import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wsisForum2022 } from '../../../shared/domain/definitions/index.ts';
import { renderModerationEmail } from '../../../shared/domain/email/moderation-email.ts';
import { moderationEmailTexts } from '../../../shared/domain/email/moderation-email-texts.ts';
import { type Language, languages } from '../../../shared/domain/localized-text.ts';
import { contentSha256, type StoredSubmission } from '../../../shared/domain/submission.ts';
import type { SubmissionContent } from '../../../shared/domain/submission-content.ts';
import { type ModerationDecision, moderationDecisions } from '../../../shared/domain/submission-history.ts';
import type { ModerationState } from '../../../shared/domain/workshop-moderation.ts';

function workshopRequest(
  language: Language,
  changes: { name?: string; title?: string } = {},
): StoredSubmission {
  const content: SubmissionContent = {
    call: 'workshop-request',
    submitter: {
      name: changes.name ?? 'Amina Diallo',
      email: 'amina.diallo@example.org',
      organization: 'Ministry of Digital Economy',
      stakeholderType: 'government',
      country: 'SN',
      language,
      timezone: 'America/Bogota',
    },
    title: changes.title ?? 'Community networks',
    body: 'A session on community networks.',
    actionLines: ['C2'],
    sdgs: [9],
    consent: { processing: true, publish: false },
    workshop: {
      format: 'hybrid',
      durationMinutes: 60,
      organizers: [{ organization: 'Ministry of Digital Economy', stakeholderType: 'government' }],
      coOrganizers: [],
      speakers: [],
    },
  };
  return {
    id: '0b4f0e5c-3a52-4f7e-9a43-1f1b8d2b6c11',
    consultationId: wsisForum2022.id,
    call: 'workshop-request',
    reference: 'WSIS22-WR-000007',
    status: 'submitted',
    version: 3,
    editTokenSha256: 'a'.repeat(64),
    createdAt: '2022-03-01T12:00:00.000Z',
    updatedAt: '2022-03-02T12:00:00.000Z',
    submittedAt: '2022-03-01T12:00:00.000Z',
    contentSha256: contentSha256(content),
    content,
    history: [],
  };
}

function moderation(
  decision: ModerationDecision,
  message = 'Please merge the two speaker lists.',
): ModerationState {
  return {
    decision,
    message,
    decidedAt: '2022-03-03T09:00:00.000Z',
    decidedBy: 'arn:aws:iam::000000000000:user/local-secretariat',
    version: 3,
    ...(decision === 'request-changes' ? { editableUntil: '2022-03-07T13:00:00Z' } : {}),
  };
}

const render = (language: Language, decision: ModerationDecision, message?: string) =>
  renderModerationEmail({
    definition: wsisForum2022,
    submission: workshopRequest(language),
    moderation: moderation(decision, message),
  });

describe('the moderation email', () => {
  const everyCase = languages.flatMap((language) =>
    moderationDecisions.map((decision) => [language, decision] as const),
  );

  it.each(everyCase)('renders in %s for %s, with nothing missing', (language, decision) => {
    const email = render(language, decision);
    for (const part of [email.subject, email.text, email.html]) {
      expect(part).not.toMatch(/undefined|\{\w+\}|\[object/);
      expect(part).toContain('WSIS22-WR-000007');
    }
    for (const part of [email.text, email.html]) {
      expect(part).toContain('Please merge the two speaker lists.');
      expect(part).toContain('Community networks');
      expect(part).toContain(moderationEmailTexts[language].messageLabel);
      expect(part).toContain(moderationEmailTexts[language].replyNote);
    }
    expect(email.html).toContain(`<html lang="${language}" dir="${language === 'ar' ? 'rtl' : 'ltr'}">`);
    // Asking for changes says how and until when; a decision does not.
    const howToEdit = moderationEmailTexts[language].howToEdit('WSIS22-WR-000007');
    if (decision === 'request-changes') {
      expect(email.text).toContain(howToEdit);
      expect(email.text).toContain('2022-03-07 14:00 CET');
      expect(email.text).toContain('2022-03-07 08:00 UTC-05:00');
    } else {
      expect(email.text).not.toContain(howToEdit);
      expect(email.text).not.toContain('2022-03-07 14:00 CET');
    }
  });

  it('has every text in every language, each its own (no English left in a translation)', () => {
    const english = moderationEmailTexts.en;
    for (const language of languages) {
      const texts = moderationEmailTexts[language];
      const rendered = [
        ...moderationDecisions.map((decision) => texts.subject[decision]('R')),
        ...moderationDecisions.map((decision) => texts.decision[decision]('C', 'T', 'R')),
        texts.greeting('N'),
        texts.messageLabel,
        texts.howToEdit('R'),
        texts.editUntil('A', 'B'),
        texts.replyNote,
      ];
      for (const text of rendered) expect(text.trim().length).toBeGreaterThan(0);
      if (language !== 'en') {
        expect(texts.messageLabel).not.toBe(english.messageLabel);
        expect(texts.howToEdit('R')).not.toBe(english.howToEdit('R'));
        for (const decision of moderationDecisions) {
          expect(texts.subject[decision]('R')).not.toBe(english.subject[decision]('R'));
          expect(texts.decision[decision]('C', 'T', 'R')).not.toBe(english.decision[decision]('C', 'T', 'R'));
        }
      }
      // The placeholders each text takes all appear in it.
      expect(texts.editUntil('OFFICIAL', 'YOURS')).toMatch(/OFFICIAL.*YOURS/s);
      expect(texts.decision.accept('CONSULTATION', 'TITLE', 'REF')).toMatch(/CONSULTATION/);
      expect(texts.decision.accept('CONSULTATION', 'TITLE', 'REF')).toMatch(/TITLE/);
      expect(texts.decision.accept('CONSULTATION', 'TITLE', 'REF')).toMatch(/REF/);
    }
  });

  it('keeps the message’s paragraphs', () => {
    const email = render('en', 'accept', 'First paragraph.\n\nSecond paragraph,\nsame paragraph.');
    expect(email.html).toContain('<p>First paragraph.</p><p>Second paragraph,<br>same paragraph.</p>');
    expect(email.text).toContain('First paragraph.\n\nSecond paragraph,\nsame paragraph.');
  });

  it('escapes whatever the submitter or the Secretariat wrote: no markup reaches the HTML', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (words, title) => {
        const message = `<script>${words}</script>`;
        const email = renderModerationEmail({
          definition: wsisForum2022,
          submission: workshopRequest('fr', { title: `<b>${title}</b>`, name: '<img src=x>' }),
          moderation: moderation('reject', message),
        });
        expect(email.html).not.toContain('<script>');
        expect(email.html).not.toContain('<b>');
        expect(email.html).not.toContain('<img');
      }),
    );
  });
});
