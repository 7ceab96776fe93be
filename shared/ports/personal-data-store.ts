import type { AuditEntry } from '../domain/audit-entry.ts';
import type { CallKind } from '../domain/consultation-definition.ts';
import type { Subscription } from '../domain/subscription.ts';
import type { SendRecord, WaveRef } from './send-records.ts';

/**
 * Finding and erasing what the engine holds about one person, across the tables, for the
 * Secretariat's data-protection requests and the retention period. Records keyed by address are
 * found by the address key (GetItem, Query); two kinds have no key that leads to them from an
 * address, and are found with a Scan: submissions (the address is inside the content) and send
 * records (their partition is the wave). Neither path is a stakeholder's request path: they serve
 * an admin request answered in seconds and a once-per-consultation scheduled job.
 */
export interface SubscriptionHolding {
  readonly subscription: Subscription & { readonly unsubscribedAt?: string };
}

export interface OptOutHolding {
  readonly consultationId: string;
  readonly optedOutAt: string;
}

export interface ConfirmationEmailCounter {
  readonly day: string;
  readonly count: number;
}

export interface SendRecordHolding {
  readonly wave: WaveRef;
  readonly record: SendRecord;
}

export interface SuppressionHolding {
  readonly reason: string;
  readonly detail?: string;
  readonly suppressedAt: string;
  /** Whether the address is still stored in clear beside its key. */
  readonly addressInClear: boolean;
}

export interface AuditEntryHolding {
  /** The entry's stable key within the consultation's trail, to rewrite it in place. */
  readonly entryKey: string;
  readonly entry: AuditEntry;
}

export interface SubmissionIdPage {
  readonly submissionIds: readonly string[];
  /** Opaque position of the next page; absent on the last. */
  readonly cursor?: string;
}

export interface PersonalDataStore {
  /** Ids of every submission naming the address as submitter, nominee or nominator (Scan). */
  submissionIdsNaming(address: string): Promise<string[]>;
  /** One page of the ids of a consultation's submissions, call after call (Query, keys only). */
  submissionIdsOf(
    consultationId: string,
    calls: readonly CallKind[],
    cursor: string | undefined,
    limit: number,
  ): Promise<SubmissionIdPage>;

  /** The subscription of the address in the consultation, with its status. */
  subscription(consultationId: string, addressKey: string): Promise<SubscriptionHolding | undefined>;
  optOut(consultationId: string, addressKey: string): Promise<OptOutHolding | undefined>;
  confirmationEmailCounters(addressKey: string): Promise<ConfirmationEmailCounter[]>;
  /** Deletes the subscription; false when there was none. */
  deleteSubscription(consultationId: string, addressKey: string): Promise<boolean>;
  deleteOptOut(consultationId: string, addressKey: string): Promise<boolean>;
  /** Deletes the address's daily confirmation-email counters; answers how many there were. */
  deleteConfirmationEmailCounters(addressKey: string): Promise<number>;
  /** The address keys of a consultation's subscriptions and opt-outs (Query pages, keys only). */
  subscriptionKeysOf(consultationId: string): Promise<string[]>;

  /** Every send record of the address, in every wave (Scan). */
  sendRecordsOf(addressKey: string): Promise<SendRecordHolding[]>;
  /** Every send record of the consultation's waves still keyed by an address (Scan). */
  sendRecordsOfConsultation(consultationId: string): Promise<SendRecordHolding[]>;
  /**
   * Moves the record to a random key that leads back to nobody, keeping its state and flags, so the
   * wave's figures stay the same. Resumable: a retry after a crash half-way reuses the same random
   * key. False when there was no record under the address key.
   */
  anonymizeSendRecord(wave: WaveRef, addressKey: string): Promise<boolean>;

  suppression(addressKey: string): Promise<SuppressionHolding | undefined>;
  /** Removes the address in clear from its suppression, which stays keyed by the address key. */
  forgetSuppressedAddress(addressKey: string): Promise<boolean>;

  /** Deletes the consultation's extension of the call granted to the address; false when none. */
  deleteEmailExtension(consultationId: string, call: CallKind, address: string): Promise<boolean>;
  /** The consultation's audit entries that name the address (extensions granted to it). */
  auditEntriesNaming(consultationId: string, address: string | 'any'): Promise<AuditEntryHolding[]>;
  /** Rewrites an entry in place (same key, same instant); its meaning stays, the address goes. */
  replaceAuditEntry(consultationId: string, entryKey: string, entry: AuditEntry): Promise<void>;
}
