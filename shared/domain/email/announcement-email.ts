import { localizeAnnouncement } from '../announcement.ts';
import type { ConsultationDefinition } from '../consultation-definition.ts';
import { type Language, localize } from '../localized-text.ts';
import type { AnnouncementWave } from '../reminder-wave.ts';
import { escapeHtml, htmlDocument } from './html.ts';
import type { RenderedEmail } from './rendered-email.ts';

/** The footer every email to subscribers ends with (why they get it, unsubscribe, contact). */
export interface EmailFooter {
  readonly html: string;
  readonly text: readonly string[];
}

/**
 * An announcement in the recipient's language (English when the Secretariat did not write that
 * one), with the consultation's title above it. The Secretariat's text is plain text: escaped,
 * paragraphs at blank lines, line breaks kept.
 */
export function renderAnnouncementEmail(
  definition: ConsultationDefinition,
  wave: AnnouncementWave,
  language: Language,
  footer: EmailFooter,
): RenderedEmail {
  const subject = localizeAnnouncement(wave.announcement.subject, language);
  const body = localizeAnnouncement(wave.announcement.text, language);
  // The direction of the text actually used: an Arabic reader may get the English fallback.
  const bodyLanguage: Language = wave.announcement.text[language] === undefined ? 'en' : language;
  const title = localize(definition.title, language);
  const paragraphs = body
    .replaceAll('\r\n', '\n')
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  const html = htmlDocument(
    language,
    subject,
    [
      `<p style="font-size: smaller;">${escapeHtml(title)}</p>`,
      `<h1 style="font-size: 1.3em;">${escapeHtml(subject)}</h1>`,
      `<div lang="${bodyLanguage}" dir="${bodyLanguage === 'ar' ? 'rtl' : 'ltr'}">`,
      ...paragraphs.map((part) => `<p>${part.split('\n').map(escapeHtml).join('<br>')}</p>`),
      '</div>',
      footer.html,
    ].join('\n'),
  );
  const text = [title, '', subject, '', paragraphs.join('\n\n'), '', ...footer.text].join('\n');
  return { subject, html, text };
}
