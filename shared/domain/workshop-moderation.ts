import { createHash } from 'node:crypto';
import * as z from 'zod';
import { type ModerationSnapshot, moderationSnapshotSchema } from './audit-entry.ts';
import { instantSchema } from './instant.ts';
import type { StoredSubmission } from './submission.ts';
import { type ModerationDecision, moderationDecisions } from './submission-history.ts';

/**
 * The Secretariat's decision on a binding workshop request, kept on the submission. `accept` and
 * `reject` decide the request; `request-changes` asks the submitter to edit it (until the end of
 * their write window) before the Secretariat decides.
 *
 * A decided request (accepted or rejected) may be moderated again, because mistakes happen and a
 * slot may fall through, but only with a stated reason, which goes to the audit trail: a decision
 * the submitter was told about is not overturned silently. Each new moderation is a new email.
 */
export const moderationMessageSchema = z
  .string()
  .trim()
  .min(1)
  .max(5000)
  .meta({ description: 'The Secretariat’s words to the submitter, sent in the email as written.' });

export const moderationStateSchema = z
  .strictObject({
    decision: z.enum(moderationDecisions),
    message: moderationMessageSchema,
    reason: z.string().optional(),
    decidedAt: instantSchema,
    decidedBy: z.string().meta({ description: 'The IAM ARN of the admin who decided.' }),
    version: z.int().min(1).meta({ description: 'The submission’s version this moderation produced.' }),
    editableUntil: instantSchema.optional().meta({
      description: 'For `request-changes`: until when the submitter may edit (deadline or extension).',
    }),
    supersedes: moderationSnapshotSchema
      .optional()
      .meta({ description: 'The moderation this one replaced, as the audit trail records it.' }),
  })
  .meta({ id: 'WorkshopModeration' });

export type ModerationState = z.output<typeof moderationStateSchema>;

/** A decision that settles the request; changing it needs a reason. */
export function isFinalDecision(decision: ModerationDecision): boolean {
  return decision === 'accept' || decision === 'reject';
}

/**
 * Whether a request repeats the moderation in force: the same decision and the same message (the
 * words the submitter was sent). Such a request is a retry and answers what the first one did.
 */
export function repeatsModeration(
  current: ModerationState | undefined,
  request: { readonly decision: ModerationDecision; readonly message: string },
): boolean {
  return (
    current !== undefined && current.decision === request.decision && current.message === request.message
  );
}

/** A moderation as the audit trail keeps it: the message only by its SHA-256. */
export function moderationSnapshot(moderation: ModerationState): ModerationSnapshot {
  return {
    decision: moderation.decision,
    decidedAt: moderation.decidedAt,
    decidedBy: moderation.decidedBy,
    version: moderation.version,
    messageSha256: createHash('sha256').update(moderation.message, 'utf8').digest('hex'),
  };
}

/**
 * The submission after a moderation: its state (with a snapshot of the one it replaces, so a retry
 * can record the audit entry exactly), one history event, the next version.
 */
export function moderated(
  submission: StoredSubmission,
  moderation: Omit<ModerationState, 'version' | 'supersedes'>,
): StoredSubmission {
  const version = submission.version + 1;
  const previous = submission.moderation;
  return {
    ...submission,
    version,
    updatedAt: moderation.decidedAt,
    moderation: {
      ...moderation,
      version,
      ...(previous === undefined ? {} : { supersedes: moderationSnapshot(previous) }),
    },
    history: [
      ...submission.history,
      {
        kind: 'moderated',
        at: moderation.decidedAt,
        actor: moderation.decidedBy,
        version,
        decision: moderation.decision,
      },
    ],
  };
}
