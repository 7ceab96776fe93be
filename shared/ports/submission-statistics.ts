import type { CallKind, StakeholderType } from '../domain/consultation-definition.ts';

/** Counts of one call's submissions, without personal data: what public statistics and the
 * Secretariat's close-of-call email show. */
export interface CallSubmissionCounts {
  readonly call: CallKind;
  readonly submitted: number;
  readonly drafts: number;
  readonly withdrawn: number;
  /** Submitted (not draft, not withdrawn) submissions by the submitter's stakeholder type. */
  readonly submittedByStakeholderType: Readonly<Record<StakeholderType, number>>;
}

export interface SubmissionStatistics {
  countsFor(consultationId: string, call: CallKind): Promise<CallSubmissionCounts>;
}
