import type { Language } from '../domain/localized-text.ts';

/**
 * The links emails carry, on the public base URL. Paths are those of the manifest's routes.
 */
export const subscriptionConfirmPath = '/v1/subscriptions/confirm';
export const unsubscribePath = '/v1/unsubscribe';

export function confirmationLink(baseUrl: string, token: string, language: Language): string {
  return `${baseUrl}${subscriptionConfirmPath}?${new URLSearchParams({ token, lang: language })}`;
}

export function unsubscribeLink(baseUrl: string, token: string, language: Language): string {
  return `${baseUrl}${unsubscribePath}?${new URLSearchParams({ token, lang: language })}`;
}

/**
 * RFC 8058 one-click unsubscribe (with RFC 2369's List-Unsubscribe): the HTTPS URL, which a mail
 * client POSTs `List-Unsubscribe=One-Click` to, and a mailto to the Secretariat as the fallback.
 */
export function listUnsubscribeHeaders(
  url: string,
  mailbox: string,
  token: string,
): Readonly<Record<string, string>> {
  const mailto = `mailto:${mailbox}?subject=${encodeURIComponent(`unsubscribe ${token}`)}`;
  return {
    'List-Unsubscribe': `<${url}>, <${mailto}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}
