import type { Language } from '../localized-text.ts';
import { emailTexts } from './email-texts.ts';
import { escapeHtml, htmlDocument } from './html.ts';

/**
 * The pages links in emails open. Opening one changes nothing: link scanners and prefetchers only
 * GET. The button POSTs (a small script, since the API takes JSON for confirmations), and the page
 * says what happened.
 */
function actionPage(options: {
  readonly language: Language;
  readonly title: string;
  readonly intro?: string;
  readonly button: string;
  readonly action: string;
  readonly body: unknown;
  readonly done: string;
  readonly failed: string;
}): string {
  const texts = emailTexts[options.language];
  // JSON.stringify of the values, with `<` escaped so no value can close the script element.
  const data = JSON.stringify({
    action: options.action,
    body: options.body,
    done: options.done,
    failed: options.failed,
  }).replaceAll('<', '\\u003c');
  return htmlDocument(
    options.language,
    options.title,
    [
      `<h1>${escapeHtml(options.title)}</h1>`,
      ...(options.intro === undefined ? [] : [`<p>${escapeHtml(options.intro)}</p>`]),
      `<p><button id="act" type="button" style="font-size: 1.1em; padding: 0.5em 1em;">${escapeHtml(options.button)}</button></p>`,
      '<p id="result" role="status"></p>',
      `<noscript><p>${escapeHtml(texts.needsScript)}</p></noscript>`,
      `<script>
const page = ${data};
document.getElementById('act').addEventListener('click', async (event) => {
  event.target.disabled = true;
  const response = await fetch(page.action, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(page.body),
  }).catch(() => undefined);
  document.getElementById('result').textContent = response && response.ok ? page.done : page.failed;
});
</script>`,
    ].join('\n'),
  );
}

export function confirmationPage(language: Language, action: string, token: string): string {
  const texts = emailTexts[language];
  return actionPage({
    language,
    title: texts.confirmPageTitle,
    button: texts.confirmAction,
    action,
    body: { token },
    done: texts.confirmPageDone,
    failed: texts.confirmPageFailed,
  });
}

export function unsubscribePage(language: Language, action: string): string {
  const texts = emailTexts[language];
  return actionPage({
    language,
    title: texts.unsubscribePageTitle,
    intro: texts.unsubscribePageIntro,
    button: texts.unsubscribePageButton,
    action,
    body: {},
    done: texts.unsubscribePageDone,
    failed: texts.unsubscribePageFailed,
  });
}
