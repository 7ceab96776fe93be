import type { Subscription, SubscriptionPreferences } from '../domain/subscription.ts';

export interface PendingSubscription extends SubscriptionPreferences {
  readonly consultationId: string;
  readonly addressKey: string;
  readonly email: string;
  readonly requestedAt: Date;
  /** Hash of the confirmation token; only the latest request's link confirms. */
  readonly tokenHash: string;
  readonly tokenExpiresAt: Date;
}

export type ConfirmOutcome = 'confirmed' | 'already-confirmed' | 'invalid';

export interface SubscriberPage {
  readonly subscribers: readonly Subscription[];
  /** Opaque position of the next page; absent on the last page. */
  readonly cursor?: string;
}

export interface SubscriptionRepository {
  find(consultationId: string, addressKey: string): Promise<Subscription | undefined>;
  /**
   * Stores the request as pending with its token hash, unless the address is already confirmed
   * (a stranger must not be able to change a confirmed subscriber's preferences). Answers whether
   * it stored it.
   */
  savePending(request: PendingSubscription): Promise<boolean>;
  /** Counts one confirmation email to the address on the day; false when the day's limit is reached. */
  countConfirmationEmail(addressKey: string, day: string, limit: number): Promise<boolean>;
  /** Confirms when the hash is the pending request's and it has not expired at `at`. Idempotent. */
  confirm(consultationId: string, addressKey: string, tokenHash: string, at: Date): Promise<ConfirmOutcome>;
  /** Records the opt-out and ends the subscription, if any. Idempotent. */
  unsubscribe(consultationId: string, addressKey: string, at: Date): Promise<void>;
  /** The given address keys that opted out of this consultation's emails. */
  optedOutAmong(consultationId: string, addressKeys: readonly string[]): Promise<ReadonlySet<string>>;
  /** One Query page of confirmed subscribers, in address-key order. */
  confirmedPage(consultationId: string, cursor: string | undefined, limit: number): Promise<SubscriberPage>;
}
