import type { CallKind } from '../domain/consultation-definition.ts';
import type { SubmissionStatus } from '../domain/submission.ts';

/** One submission of a wave recipient, as much as a deadline reminder needs of it. */
export interface SubmissionStanding {
  readonly call: CallKind;
  readonly status: SubmissionStatus;
  /** The submitter's own title; shown in the draft holder's reminder. */
  readonly title: string;
}

/**
 * What each recipient of a deadline wave has submitted or holds as a draft in the wave's calls,
 * read when the reminder is about to be sent (not when it was queued), so that the email says
 * what is true then. By address key, never by Scan.
 */
export interface SubmitterStandings {
  among(
    consultationId: string,
    calls: readonly CallKind[],
    addressKeys: readonly string[],
  ): Promise<ReadonlyMap<string, readonly SubmissionStanding[]>>;
}
