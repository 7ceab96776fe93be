import { hashToken } from '../domain/link-tokens.ts';
import { parseConfirmationToken } from '../domain/subscription.ts';
import type { Clock } from '../ports/clock.ts';
import type { ConfirmOutcome, SubscriptionRepository } from '../ports/subscription-repository.ts';

/** Confirms the subscription a confirmation link names; using the link again is fine. */
export async function confirmSubscription(
  ports: { readonly subscriptions: SubscriptionRepository; readonly clock: Clock },
  token: string,
): Promise<{ readonly outcome: ConfirmOutcome; readonly consultationId?: string }> {
  const subject = parseConfirmationToken(token);
  if (subject === undefined) return { outcome: 'invalid' };
  const outcome = await ports.subscriptions.confirm(
    subject.consultationId,
    subject.addressKey,
    hashToken(token),
    ports.clock.now(),
  );
  return outcome === 'invalid' ? { outcome } : { outcome, consultationId: subject.consultationId };
}
