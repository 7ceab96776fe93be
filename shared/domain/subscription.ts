import type { Language } from './localized-text.ts';
import type { StakeholderType } from './stakeholder-type.ts';

/**
 * A person who asked for a consultation's reminders. Double opt-in: a subscription is `pending`
 * until the link in the confirmation email is used, and nothing but that confirmation email ever
 * goes to a pending address. One-click unsubscribe makes it `unsubscribed` (and records an opt-out
 * that also silences draft reminders for the address).
 */
export type SubscriptionStatus = 'pending' | 'confirmed' | 'unsubscribed';

export interface SubscriptionPreferences {
  readonly language: Language;
  /** IANA zone in which the subscriber reads times, besides official time. */
  readonly timeZone?: string;
  readonly stakeholderType?: StakeholderType;
  /** ISO 3166-1 alpha-2 country code, for statistics by region. */
  readonly country?: string;
}

export interface Subscription extends SubscriptionPreferences {
  readonly consultationId: string;
  readonly addressKey: string;
  readonly email: string;
  readonly status: SubscriptionStatus;
  readonly requestedAt: string;
  readonly confirmedAt?: string;
}

/** How long a confirmation link works. */
export const confirmationLinkLifetimeMilliseconds = 7 * 24 * 3_600_000;

/** Confirmation emails one address may receive per UTC day, whatever consultations ask for it. */
export const confirmationEmailsPerAddressPerDay = 3;

/**
 * A confirmation token: `<consultation id>.<address key>.<random part>`. The prefix lets a
 * confirmation be one GetItem; the random part is what proves the link came from the email, and
 * only its hash (with the prefix) is stored.
 */
export function confirmationToken(consultationId: string, addressKey: string, random: string): string {
  return `${consultationId}.${addressKey}.${random}`;
}

const confirmationTokenPattern = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{43})$/;

export function parseConfirmationToken(
  token: string,
): { readonly consultationId: string; readonly addressKey: string } | undefined {
  const match = confirmationTokenPattern.exec(token);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { consultationId: match[1], addressKey: match[2] };
}
