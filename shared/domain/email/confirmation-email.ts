import type { ConsultationDefinition } from '../consultation-definition.ts';
import { type Language, localize } from '../localized-text.ts';
import { emailTexts } from './email-texts.ts';
import { htmlDocument, link, paragraph } from './html.ts';
import type { RenderedEmail } from './rendered-email.ts';

/** The double opt-in email: the link opens a page whose button confirms (scanners only GET). */
export function renderConfirmationEmail(
  definition: ConsultationDefinition,
  language: Language,
  confirmUrl: string,
): RenderedEmail {
  const texts = emailTexts[language];
  const title = localize(definition.title, language);
  const subject = texts.confirmSubject(title);
  const html = htmlDocument(
    language,
    subject,
    [
      paragraph(texts.confirmIntro(title)),
      `<p><strong>${link(confirmUrl, texts.confirmAction)}</strong></p>`,
      paragraph(texts.confirmIgnore),
      paragraph(texts.contact(definition.contactEmail)),
    ].join('\n'),
  );
  const text = [
    texts.confirmIntro(title),
    '',
    `${texts.confirmAction}: ${confirmUrl}`,
    '',
    texts.confirmIgnore,
    '',
    texts.contact(definition.contactEmail),
  ].join('\n');
  return { subject, html, text };
}
