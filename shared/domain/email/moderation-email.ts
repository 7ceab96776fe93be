import type { ConsultationDefinition } from '../consultation-definition.ts';
import { localize } from '../localized-text.ts';
import type { StoredSubmission } from '../submission.ts';
import { zonedWallTime } from '../time-zone.ts';
import type { ModerationState } from '../workshop-moderation.ts';
import { escapeHtml, htmlDocument, paragraph } from './html.ts';
import { moderationEmailTexts } from './moderation-email-texts.ts';
import type { RenderedEmail } from './rendered-email.ts';

/**
 * The email a submitter gets when the Secretariat moderates their workshop request: in the
 * submitter's language, the decision, the Secretariat's message as written (its paragraphs kept),
 * and, when changes are asked for, how to edit and until when, in official time and in the
 * submitter's zone (UTC when none was given). Everything from the submission or the message is
 * escaped by the HTML helpers.
 */
export function renderModerationEmail(input: {
  readonly definition: ConsultationDefinition;
  readonly submission: StoredSubmission;
  readonly moderation: ModerationState;
}): RenderedEmail {
  const { definition, submission, moderation } = input;
  const { submitter } = submission.content;
  const language = submitter.language;
  const texts = moderationEmailTexts[language];
  const consultation = localize(definition.title, language);
  const subject = texts.subject[moderation.decision](submission.reference);
  const messageParagraphs = moderation.message
    .split(/\r?\n\s*\r?\n/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);

  const editing: string[] = [];
  if (moderation.decision === 'request-changes') {
    editing.push(texts.howToEdit(submission.reference));
    if (moderation.editableUntil !== undefined) {
      const until = new Date(moderation.editableUntil);
      editing.push(
        texts.editUntil(
          zonedWallTime(definition.officialTimeZone, until).text,
          zonedWallTime(submitter.timezone ?? 'UTC', until).text,
        ),
      );
    }
  }

  const opening = [
    texts.greeting(submitter.name),
    texts.decision[moderation.decision](consultation, submission.content.title, submission.reference),
  ];
  const text = [
    ...opening.flatMap((line) => [line, '']),
    texts.messageLabel,
    '',
    ...messageParagraphs.flatMap((part) => [part, '']),
    ...editing.flatMap((line) => [line, '']),
    texts.replyNote,
    '',
  ].join('\n');

  const html = htmlDocument(
    language,
    subject,
    [
      ...opening.map(paragraph),
      `<p><strong>${escapeHtml(texts.messageLabel)}</strong></p>`,
      `<blockquote style="margin: 0 0 1em; padding: 0 1em; border-inline-start: 3px solid #999;">${messageParagraphs
        .map((part) => paragraph(part).replaceAll('\n', '<br>'))
        .join('')}</blockquote>`,
      ...editing.map(paragraph),
      paragraph(texts.replyNote),
    ].join('\n'),
  );
  return { subject, html, text };
}
