import type { TransitionAppliedEntry } from '../domain/audit-entry.ts';

/**
 * The record that makes a transition happen once per (consultation, transition, scheduled instant),
 * whatever the number of deliveries. Applying is claim, effects, complete: the claim is a
 * conditional write with a short lease, so a concurrent duplicate stands back, and an attempt that
 * failed half-way (its email did not go) releases the claim for the retry. Completing writes the
 * audit entry in the same item, so "applied" and "audited" cannot disagree.
 */
export interface TransitionKey {
  readonly consultationId: string;
  readonly transitionId: string;
  /** Canonical UTC instant the transition was scheduled for. */
  readonly scheduledAt: string;
}

export type ClaimOutcome =
  /** This attempt holds the claim until `leaseUntil`, and must complete or release it. */
  | { readonly status: 'claimed'; readonly claimId: string }
  /** Applied before: nothing to do. */
  | { readonly status: 'already-applied' }
  /** Another attempt holds an unexpired claim. */
  | { readonly status: 'in-progress' };

export interface TransitionLedger {
  claim(key: TransitionKey, at: Date, leaseUntil: Date): Promise<ClaimOutcome>;
  /** Marks the claim applied and records its audit entry; false when the claim was lost meanwhile. */
  complete(key: TransitionKey, claimId: string, entry: TransitionAppliedEntry): Promise<boolean>;
  /** Gives the claim up after a failure, so a retry may claim at once. */
  release(key: TransitionKey, claimId: string): Promise<void>;
  /** Keys (`appliedKey(transitionId, scheduledAt)`) of every transition applied in the consultation. */
  appliedKeys(consultationId: string): Promise<Set<string>>;
}
