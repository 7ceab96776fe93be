import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';
import type { Call, CallKind, ConsultationDefinition } from './consultation-definition.ts';
import type { SubmissionContent } from './submission-content.ts';
import type { SubmissionHistoryEvent } from './submission-history.ts';
import type { ModerationState } from './workshop-moderation.ts';

/**
 * A submission's life: created as a `draft` or `submitted`; a draft becomes `submitted`; either may
 * be `withdrawn` (the record stays, for the Secretariat's audit). Content may be edited while the
 * call accepts writes, in every status but withdrawn.
 */
export const submissionStatuses = ['draft', 'submitted', 'withdrawn'] as const;
export type SubmissionStatus = (typeof submissionStatuses)[number];

export interface StoredSubmission {
  readonly id: string;
  readonly consultationId: string;
  readonly call: CallKind;
  readonly reference: string;
  readonly status: SubmissionStatus;
  /** Starts at 1 and grows with every change; the entity tag is derived from it. */
  readonly version: number;
  readonly editTokenSha256: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** When it first became `submitted`. */
  readonly submittedAt?: string;
  readonly withdrawnAt?: string;
  /** When the personal data of the persons it names was erased (on request or by retention). */
  readonly personalDataErasedAt?: string;
  readonly contentSha256: string;
  readonly content: SubmissionContent;
  /** Every change, oldest first, written in the same conditional write as the change. */
  readonly history: readonly SubmissionHistoryEvent[];
  /** The Secretariat's decision in force, for a workshop request that was moderated. */
  readonly moderation?: ModerationState;
}

/** SHA-256 (hex) of the RFC 8785 canonical JSON of the content, `call` included, `status` not. */
export function contentSha256(content: SubmissionContent): string {
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

/** A strong entity tag per version: `"3"`. */
export function entityTag(version: number): string {
  return `"${version}"`;
}

/**
 * Whether an If-Match header value names the current version. RFC 9110: `*` matches any current
 * representation; weak tags never match (If-Match compares strongly); a list matches if one does.
 */
export function ifMatchSatisfied(ifMatch: string, version: number): boolean {
  const current = entityTag(version);
  return ifMatch
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => tag === '*' || tag === current);
}

/**
 * The human-readable reference, unique per call: `<consultation prefix>-<call prefix>-<number>`,
 * e.g. WSIS22-OS-000042. Prefixes come from the definition; without them, the consultation id and
 * the initials of the call kind, in capitals.
 */
export function submissionReference(definition: ConsultationDefinition, call: Call, number: number): string {
  const consultationPrefix = definition.referencePrefix ?? definition.id.toUpperCase();
  const callPrefix =
    call.referencePrefix ??
    call.kind
      .split('-')
      .map((word) => word.charAt(0).toUpperCase())
      .join('');
  return `${consultationPrefix}-${callPrefix}-${String(number).padStart(6, '0')}`;
}

/** What a POST that creates a submission answers; `editToken` is added once, outside the record. */
export interface SubmissionReceipt {
  readonly id: string;
  readonly reference: string;
  readonly call: CallKind;
  readonly status: Exclude<SubmissionStatus, 'withdrawn'>;
  readonly createdAt: string;
  readonly submittedAt?: string;
  readonly contentSha256: string;
}
