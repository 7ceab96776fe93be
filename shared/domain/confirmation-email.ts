import { confirmationTexts } from './confirmation-email-texts.ts';
import { type Call, type ConsultationDefinition, localize } from './consultation-definition.ts';
import type { StoredSubmission } from './submission.ts';
import { zonedWallTime } from './time-zone.ts';

/**
 * The receipt a submitter gets when a submission becomes `submitted`: in the submitter's language
 * (Arabic right to left), as HTML and plain text, with the reference, the instant in official time
 * and in the submitter's zone (UTC when none was given), the content SHA-256 and the edit link.
 * Every value that comes from a submission is HTML-escaped; references, hashes and links are set
 * left to right inside Arabic text.
 */
export interface ConfirmationEmailContent {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

export function renderConfirmationEmail(input: {
  readonly definition: ConsultationDefinition;
  readonly call: Call;
  readonly submission: StoredSubmission;
  readonly receivedAt: Date;
  readonly editableUntil: Date;
  readonly editLink: string;
}): ConfirmationEmailContent {
  const { definition, call, submission } = input;
  const { submitter } = submission.content;
  const language = submitter.language;
  const texts = confirmationTexts[language];
  const direction = language === 'ar' ? 'rtl' : 'ltr';
  const consultationTitle = localize(definition.title, language);
  const official = zonedWallTime(definition.officialTimeZone, input.receivedAt).text;
  const submitterTime = zonedWallTime(submitter.timezone ?? 'UTC', input.receivedAt).text;
  const deadline = zonedWallTime(definition.officialTimeZone, input.editableUntil).text;
  const fill = (template: string, values: Readonly<Record<string, string>>) =>
    template.replace(/\{(\w+)\}/g, (placeholder, name: string) => values[name] ?? placeholder);

  const subject = fill(texts.subject, { reference: submission.reference, consultation: consultationTitle });
  const rows: readonly (readonly [string, string, 'ltr' | 'auto'])[] = [
    [texts.reference, submission.reference, 'ltr'],
    [texts.title, submission.content.title, 'auto'],
    [texts.organization, submitter.organization, 'auto'],
    [texts.officialTime, official, 'ltr'],
    [texts.submitterTime, submitterTime, 'ltr'],
    [texts.contentSha256, submission.contentSha256, 'ltr'],
  ];

  const text = [
    fill(texts.greeting, { name: submitter.name }),
    '',
    fill(texts.received, { call: localize(call.title, language) }),
    '',
    ...rows.map(([label, value]) => `${label}: ${value}`),
    `${texts.editLink}: ${input.editLink}`,
    '',
    fill(texts.editUntil, { deadline }),
    texts.hashNote,
    '',
    texts.replyNote,
    '',
  ].join('\n');

  const escaped = (value: string) => escapeHtml(value);
  const html = [
    '<!DOCTYPE html>',
    `<html lang="${language}" dir="${direction}">`,
    `<head><meta charset="utf-8"><title>${escaped(subject)}</title></head>`,
    `<body dir="${direction}" style="font-family: sans-serif; line-height: 1.5">`,
    `<p>${escaped(fill(texts.greeting, { name: submitter.name }))}</p>`,
    `<p>${escaped(fill(texts.received, { call: localize(call.title, language) }))}</p>`,
    '<table role="presentation" cellpadding="4">',
    ...rows.map(
      ([label, value, valueDirection]) =>
        `<tr><th scope="row" style="text-align: start">${escaped(label)}</th><td><bdi dir="${valueDirection}">${escaped(value)}</bdi></td></tr>`,
    ),
    `<tr><th scope="row" style="text-align: start">${escaped(texts.editLink)}</th><td><a dir="ltr" href="${escaped(input.editLink)}">${escaped(input.editLink)}</a></td></tr>`,
    '</table>',
    `<p>${escaped(fill(texts.editUntil, { deadline }))}</p>`,
    `<p>${escaped(texts.hashNote)}</p>`,
    `<p>${escaped(texts.replyNote)}</p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');

  return { subject, html, text };
}

const htmlEscapes: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => htmlEscapes[character] ?? character);
}
