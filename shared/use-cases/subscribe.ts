import { randomBytes } from 'node:crypto';
import { renderConfirmationEmail } from '../domain/email/confirmation-email.ts';
import { addressKey, normalizeEmailAddress } from '../domain/email-address.ts';
import { hashToken } from '../domain/link-tokens.ts';
import {
  confirmationEmailsPerAddressPerDay,
  confirmationLinkLifetimeMilliseconds,
  confirmationToken,
  type SubscriptionPreferences,
} from '../domain/subscription.ts';
import type { Clock } from '../ports/clock.ts';
import type { ConsultationRepository } from '../ports/consultation-repository.ts';
import type { Mailer } from '../ports/mailer.ts';
import type { SubscriptionRepository } from '../ports/subscription-repository.ts';
import type { SuppressionList } from '../ports/suppression-list.ts';
import { confirmationLink } from './email-links.ts';

export interface SubscribePorts {
  readonly consultations: ConsultationRepository;
  readonly subscriptions: SubscriptionRepository;
  readonly suppressions: SuppressionList;
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly publicBaseUrl: string;
}

export interface SubscribeRequest extends SubscriptionPreferences {
  readonly consultationId: string;
  readonly email: string;
}

/**
 * A subscription request: stored as pending and answered with a confirmation email, unless the
 * address is confirmed already, suppressed, or had its confirmation emails for the day. The caller
 * learns only whether the consultation exists: the same answer for every address, so the route
 * cannot be used to find out who subscribed.
 */
export async function subscribe(
  ports: SubscribePorts,
  request: SubscribeRequest,
): Promise<'accepted' | 'consultation-not-found'> {
  const stored = await ports.consultations.find(request.consultationId);
  if (stored === undefined) return 'consultation-not-found';
  const now = ports.clock.now();
  const email = normalizeEmailAddress(request.email);
  const key = addressKey(email);

  if ((await ports.suppressions.suppressedAmong([key])).size > 0) return 'accepted';
  const token = confirmationToken(request.consultationId, key, randomBytes(32).toString('base64url'));
  const saved = await ports.subscriptions.savePending({
    consultationId: request.consultationId,
    addressKey: key,
    email,
    language: request.language,
    ...(request.timeZone === undefined ? {} : { timeZone: request.timeZone }),
    ...(request.stakeholderType === undefined ? {} : { stakeholderType: request.stakeholderType }),
    ...(request.country === undefined ? {} : { country: request.country }),
    requestedAt: now,
    tokenHash: hashToken(token),
    tokenExpiresAt: new Date(now.getTime() + confirmationLinkLifetimeMilliseconds),
  });
  if (!saved) return 'accepted';
  const day = now.toISOString().slice(0, 10);
  if (!(await ports.subscriptions.countConfirmationEmail(key, day, confirmationEmailsPerAddressPerDay))) {
    return 'accepted';
  }
  const content = renderConfirmationEmail(
    stored.definition,
    request.language,
    confirmationLink(ports.publicBaseUrl, token, request.language),
  );
  await ports.mailer.send({
    to: [email],
    replyTo: [stored.definition.contactEmail],
    subject: content.subject,
    html: content.html,
    text: content.text,
    tags: { consultation: request.consultationId, purpose: 'confirmation' },
  });
  return 'accepted';
}
