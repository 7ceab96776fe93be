import { verifyUnsubscribeToken } from '../domain/link-tokens.ts';
import type { Clock } from '../ports/clock.ts';
import type { SubscriptionRepository } from '../ports/subscription-repository.ts';

/**
 * One-click unsubscribe: the signed token names a consultation and an address key; the opt-out is
 * recorded (subscriber or draft holder alike) and any subscription ends. Idempotent.
 */
export async function unsubscribe(
  ports: {
    readonly subscriptions: SubscriptionRepository;
    readonly clock: Clock;
    readonly linkSigningSecret: string;
  },
  token: string,
): Promise<'unsubscribed' | 'invalid'> {
  const subject = verifyUnsubscribeToken(ports.linkSigningSecret, token);
  if (subject === undefined) return 'invalid';
  await ports.subscriptions.unsubscribe(subject.consultationId, subject.addressKey, ports.clock.now());
  return 'unsubscribed';
}
