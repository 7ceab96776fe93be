import type { ActionLine } from '../domain/action-lines.ts';
import type { CallKind, StakeholderType } from '../domain/consultation-definition.ts';
import type { CountryCode } from '../domain/country-codes.ts';
import type { StoredSubmission, SubmissionStatus } from '../domain/submission.ts';
import type { ListingPosition, SubmissionFilter } from '../domain/submission-listing.ts';

export interface SubmissionPage {
  /** At most the limit asked for, newest first. */
  readonly submissions: readonly StoredSubmission[];
  /** Where the next page starts; undefined when no matching submission is left. */
  readonly next: ListingPosition | undefined;
}

/**
 * The fields statistics are counted from, and only those: none of them is personal data, so the
 * counts come out the same after a person's data is erased from their submissions.
 */
export interface SubmissionFacts {
  readonly call: CallKind;
  readonly status: SubmissionStatus;
  readonly stakeholderType: StakeholderType;
  readonly country: CountryCode;
  readonly actionLines: readonly ActionLine[];
  readonly sdgs: readonly number[];
}

/** The Secretariat's view of all the submissions of a consultation. */
export interface SubmissionCatalog {
  /** One page of the submissions matching the filter, newest first, starting after `after`. */
  page(
    consultationId: string,
    filter: SubmissionFilter,
    options: { readonly limit: number; readonly after?: ListingPosition },
  ): Promise<SubmissionPage>;
  /** Every submission matching the filter, newest first, read page by page. */
  all(consultationId: string, filter: SubmissionFilter): AsyncIterable<StoredSubmission>;
  /** The statistical facts of every submission of the consultation, whatever its status. */
  facts(consultationId: string): AsyncIterable<SubmissionFacts>;
}
