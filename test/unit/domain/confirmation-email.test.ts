import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderConfirmationEmail } from '../../../shared/domain/confirmation-email.ts';
import { wsisForum2022 } from '../../../shared/domain/definitions/index.ts';
import { contentSha256, type StoredSubmission } from '../../../shared/domain/submission.ts';
import type { SubmissionContent } from '../../../shared/domain/submission-content.ts';

const [call] = wsisForum2022.calls;
if (call === undefined) throw new Error('The WSIS definition has no calls');
const officialCall: typeof call = call;

function submissionWith(changes: {
  name?: string;
  title?: string;
  organization?: string;
  language?: 'ar' | 'en';
}) {
  const content: SubmissionContent = {
    call: 'official-submission',
    submitter: {
      name: changes.name ?? 'Amina Diallo',
      email: 'amina.diallo@example.org',
      organization: changes.organization ?? 'Ministry of Digital Economy',
      stakeholderType: 'government',
      country: 'SN',
      language: changes.language ?? 'en',
      timezone: 'America/Bogota',
    },
    title: changes.title ?? 'Meaningful connectivity',
    body: 'Text',
    actionLines: ['C2'],
    sdgs: [9],
    consent: { processing: true, publish: false },
  };
  const submission: StoredSubmission = {
    id: '0b4f0e5c-3a52-4f7e-9a43-1f1b8d2b6c11',
    consultationId: wsisForum2022.id,
    call: 'official-submission',
    reference: 'WSIS22-OS-000042',
    status: 'submitted',
    version: 1,
    editTokenSha256: 'a'.repeat(64),
    createdAt: '2022-03-07T12:59:59.500Z',
    updatedAt: '2022-03-07T12:59:59.500Z',
    submittedAt: '2022-03-07T12:59:59.500Z',
    contentSha256: contentSha256(content),
    content,
    history: [],
  };
  return renderConfirmationEmail({
    definition: wsisForum2022,
    call: officialCall,
    submission,
    receivedAt: new Date('2022-03-07T12:59:59.500Z'),
    editableUntil: new Date('2022-03-07T13:00:00Z'),
    editLink: 'https://consultations.example.org/v1/submissions/0b4f0e5c#token=abc',
  });
}

describe('the receipt email', () => {
  it('shows the instant in official time and in the submitter’s zone, the deadline, the hash and the link', () => {
    const email = submissionWith({});
    for (const part of [email.text, email.html]) {
      expect(part).toContain('2022-03-07 13:59 CET');
      expect(part).toContain('2022-03-07 07:59 UTC-05:00');
      expect(part).toContain('2022-03-07 14:00 CET');
      expect(part).toContain('WSIS22-OS-000042');
      expect(part).toContain('https://consultations.example.org/v1/submissions/0b4f0e5c#token=abc');
    }
    expect(email.subject).toBe('Receipt WSIS22-OS-000042: WSIS Forum 2022: Open Consultation Process');
  });

  it('sets Arabic right to left, with references and links left to right', () => {
    const email = submissionWith({ language: 'ar' });
    expect(email.html).toContain('<html lang="ar" dir="rtl">');
    expect(email.html).toContain('<bdi dir="ltr">WSIS22-OS-000042</bdi>');
  });

  it('escapes whatever a submitter writes: no markup of theirs reaches the HTML', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (name, title, organization) => {
        const marker = '<i id="injected">';
        const email = submissionWith({
          name: `${name}${marker}`,
          title: `${title}${marker}`,
          organization: `${organization}${marker}`,
        });
        expect(email.html).not.toContain(marker);
        expect(email.html).toContain('&lt;i id=&quot;injected&quot;&gt;');
        expect(email.text).toContain(marker);
      }),
      { numRuns: 200 },
    );
  });
});
