/**
 * The one right to email the submitter about one moderation of a workshop request, and what became
 * of the email. A moderation is named by the submission's version it produced, so a retried request
 * finds the claim and sends nothing, while a later moderation (a new version) gets its own.
 */
export interface ModerationEmailRecord {
  readonly submissionId: string;
  readonly moderationVersion: number;
  readonly status: 'claimed' | 'sent' | 'failed';
  readonly claimedAt: string;
  readonly completedAt?: string;
}

export type ModerationEmailOutcome =
  | { readonly status: 'sent'; readonly messageId: string; readonly at: string }
  | { readonly status: 'failed'; readonly reason: string; readonly at: string };

export interface ModerationEmails {
  /** Takes the one right to send; false when it was taken before. */
  claim(submissionId: string, moderationVersion: number, at: string): Promise<boolean>;
  complete(submissionId: string, moderationVersion: number, outcome: ModerationEmailOutcome): Promise<void>;
  find(submissionId: string, moderationVersion: number): Promise<ModerationEmailRecord | undefined>;
}
