import type { ActionLine } from './action-lines.ts';
import type { CallKind, StakeholderType } from './consultation-definition.ts';
import type { CountryCode } from './country-codes.ts';
import type { StoredSubmission, SubmissionStatus } from './submission.ts';
import { type UnRegionId, type UnSubRegionId, unRegionOf } from './un-m49-regions.ts';

/**
 * What the Secretariat narrows a list or an export of submissions down to. Every field is optional
 * and they combine with AND. `text` matches, case-insensitively, the title, the body, the
 * organization and the reference: never the submitter's name or address, so a search is not a way
 * to look a person up (that is the personal-data export's job, and it is audited).
 */
export interface SubmissionFilter {
  readonly call?: CallKind;
  readonly status?: SubmissionStatus;
  readonly stakeholderType?: StakeholderType;
  readonly country?: CountryCode;
  readonly region?: UnRegionId;
  readonly subRegion?: UnSubRegionId;
  readonly actionLine?: ActionLine;
  readonly sdg?: number;
  readonly text?: string;
}

/** Case and compatibility forms folded, so `ÉCOLE`, `école` and `école` match alike. */
export function foldedText(value: string): string {
  return value.normalize('NFKC').toLowerCase();
}

export function matchesSubmissionFilter(submission: StoredSubmission, filter: SubmissionFilter): boolean {
  const { content } = submission;
  const placement = unRegionOf(content.submitter.country);
  if (filter.call !== undefined && submission.call !== filter.call) return false;
  if (filter.status !== undefined && submission.status !== filter.status) return false;
  if (filter.stakeholderType !== undefined && content.submitter.stakeholderType !== filter.stakeholderType) {
    return false;
  }
  if (filter.country !== undefined && content.submitter.country !== filter.country) return false;
  if (filter.region !== undefined && placement?.region !== filter.region) return false;
  if (filter.subRegion !== undefined && placement?.subRegion !== filter.subRegion) return false;
  if (filter.actionLine !== undefined && !content.actionLines.includes(filter.actionLine)) return false;
  if (filter.sdg !== undefined && !content.sdgs.includes(filter.sdg)) return false;
  if (filter.text !== undefined) {
    const needle = foldedText(filter.text);
    const haystacks = [content.title, content.body, content.submitter.organization, submission.reference];
    if (!haystacks.some((haystack) => foldedText(haystack).includes(needle))) return false;
  }
  return true;
}

/**
 * One line of the Secretariat's list: what identifies and classifies a submission, without the
 * submitter's name and email address (personal data, shown only where it is needed and audited).
 */
export interface SubmissionSummary {
  readonly id: string;
  readonly reference: string;
  readonly call: CallKind;
  readonly status: SubmissionStatus;
  readonly title: string;
  readonly stakeholderType: StakeholderType;
  readonly organization: string;
  readonly country: CountryCode;
  readonly region: UnRegionId | null;
  readonly subRegion: UnSubRegionId | null;
  readonly actionLines: readonly ActionLine[];
  readonly sdgs: readonly number[];
  readonly createdAt: string;
  readonly submittedAt?: string;
  readonly withdrawnAt?: string;
}

export function submissionSummary(submission: StoredSubmission): SubmissionSummary {
  const { content } = submission;
  const placement = unRegionOf(content.submitter.country);
  return {
    id: submission.id,
    reference: submission.reference,
    call: submission.call,
    status: submission.status,
    title: content.title,
    stakeholderType: content.submitter.stakeholderType,
    organization: content.submitter.organization,
    country: content.submitter.country,
    region: placement?.region ?? null,
    subRegion: placement?.subRegion ?? null,
    actionLines: content.actionLines,
    sdgs: content.sdgs,
    createdAt: submission.createdAt,
    ...(submission.submittedAt === undefined ? {} : { submittedAt: submission.submittedAt }),
    ...(submission.withdrawnAt === undefined ? {} : { withdrawnAt: submission.withdrawnAt }),
  };
}

/**
 * Where a list stops: the last submission it showed, newest first by (createdAt, id). The next page
 * starts strictly after it, so a page never repeats or skips a submission, whatever was created in
 * between (newer ones appear on a fresh first page, not in the middle of a walk).
 */
export interface ListingPosition {
  readonly createdAt: string;
  readonly id: string;
}

export const positionOf = (submission: StoredSubmission): ListingPosition => ({
  createdAt: submission.createdAt,
  id: submission.id,
});

/** Newest first; the id breaks ties between submissions created in the same millisecond. */
export function newestFirst(a: ListingPosition, b: ListingPosition): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
