import type { RecipientSource } from '../ports/recipient-source.ts';
import type { SubscriptionRepository } from '../ports/subscription-repository.ts';

/** The `confirmed-subscribers` source: Query pages of the sparse confirmed-subscribers index. */
export function subscriberRecipients(subscriptions: SubscriptionRepository): RecipientSource {
  return {
    async page(consultationId, _wave, cursor, limit) {
      const page = await subscriptions.confirmedPage(consultationId, cursor, limit);
      return {
        recipients: page.subscribers.map((subscriber) => ({
          email: subscriber.email,
          language: subscriber.language,
          ...(subscriber.timeZone === undefined ? {} : { timeZone: subscriber.timeZone }),
          source: 'subscriber' as const,
        })),
        ...(page.cursor === undefined ? {} : { cursor: page.cursor }),
      };
    },
  };
}
