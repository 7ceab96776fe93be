import type { Language } from '../localized-text.ts';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

export function textDirection(language: Language): 'rtl' | 'ltr' {
  return language === 'ar' ? 'rtl' : 'ltr';
}

/**
 * A whole HTML document for an email or a small page: language and direction on the root (Arabic
 * reads right to left), inline styles only (email clients drop style sheets). `bodyHtml` is
 * already escaped by the caller; `title` is escaped here.
 */
export function htmlDocument(language: Language, title: string, bodyHtml: string): string {
  const direction = textDirection(language);
  return [
    '<!doctype html>',
    `<html lang="${language}" dir="${direction}">`,
    '<head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title></head>`,
    `<body style="font-family: Arial, 'Noto Sans', sans-serif; line-height: 1.5; max-width: 40em; margin: 1em auto; padding: 0 1em; text-align: ${direction === 'rtl' ? 'right' : 'left'};">`,
    bodyHtml,
    '</body></html>',
  ].join('\n');
}

export function paragraph(text: string): string {
  return `<p>${escapeHtml(text)}</p>`;
}

export function list(items: readonly string[]): string {
  return `<ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
}

export function link(url: string, text: string): string {
  return `<a href="${escapeHtml(url)}">${escapeHtml(text)}</a>`;
}
