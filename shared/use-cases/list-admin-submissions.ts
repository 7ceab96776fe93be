import {
  type ListingPosition,
  type SubmissionFilter,
  type SubmissionSummary,
  submissionSummary,
} from '../domain/submission-listing.ts';
import type { ConsultationRepository } from '../ports/consultation-repository.ts';
import type { SubmissionCatalog } from '../ports/submission-catalog.ts';

export interface AdminSubmissionList {
  readonly items: readonly SubmissionSummary[];
  /** Where the next page starts; undefined on the last page. */
  readonly next: ListingPosition | undefined;
}

/** One page of a consultation's submissions for the Secretariat, newest first; undefined: no such consultation. */
export async function listAdminSubmissions(
  ports: { readonly consultations: ConsultationRepository; readonly submissionCatalog: SubmissionCatalog },
  request: {
    readonly consultationId: string;
    readonly filter: SubmissionFilter;
    readonly limit: number;
    readonly after?: ListingPosition;
  },
): Promise<AdminSubmissionList | undefined> {
  if ((await ports.consultations.find(request.consultationId)) === undefined) return undefined;
  const page = await ports.submissionCatalog.page(request.consultationId, request.filter, {
    limit: request.limit,
    ...(request.after === undefined ? {} : { after: request.after }),
  });
  return { items: page.submissions.map(submissionSummary), next: page.next };
}
