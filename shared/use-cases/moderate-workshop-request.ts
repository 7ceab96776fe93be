import type { WorkshopRequestModeratedEntry } from '../domain/audit-entry.ts';
import type { ConsultationDefinition } from '../domain/consultation-definition.ts';
import { renderModerationEmail } from '../domain/email/moderation-email.ts';
import { writeWindowAt } from '../domain/extension.ts';
import type { StoredSubmission, SubmissionStatus } from '../domain/submission.ts';
import type { ModerationDecision } from '../domain/submission-history.ts';
import {
  isFinalDecision,
  type ModerationState,
  moderated,
  moderationSnapshot,
  repeatsModeration,
} from '../domain/workshop-moderation.ts';
import type { AuditTrail } from '../ports/audit-trail.ts';
import type { Clock } from '../ports/clock.ts';
import type { ConsultationRepository } from '../ports/consultation-repository.ts';
import type { ExtensionRepository } from '../ports/extension-repository.ts';
import type { Mailer } from '../ports/mailer.ts';
import type { ModerationEmailRecord, ModerationEmails } from '../ports/moderation-emails.ts';
import type { SubmissionRepository } from '../ports/submission-repository.ts';

export interface ModerateWorkshopRequestPorts {
  readonly clock: Clock;
  readonly consultations: ConsultationRepository;
  readonly extensions: ExtensionRepository;
  readonly submissions: SubmissionRepository;
  readonly moderationEmails: ModerationEmails;
  readonly mailer: Mailer;
  readonly auditTrail: AuditTrail;
}

export interface ModerateWorkshopRequest {
  readonly consultationId: string;
  readonly submissionId: string;
  readonly decision: ModerationDecision;
  readonly message: string;
  readonly reason?: string | undefined;
  readonly actor: string;
}

export type ModerationResult =
  | {
      readonly outcome: 'moderated';
      /** True when the request repeated the moderation in force: nothing new was written or sent. */
      readonly replayed: boolean;
      readonly submission: StoredSubmission;
      readonly moderation: ModerationState;
      readonly email: ModerationEmailRecord;
    }
  | { readonly outcome: 'submission-not-found' }
  | { readonly outcome: 'not-a-workshop-request'; readonly call: string }
  | { readonly outcome: 'not-submitted'; readonly status: SubmissionStatus }
  | { readonly outcome: 'reason-required'; readonly current: ModerationState }
  | { readonly outcome: 'submitter-cannot-edit'; readonly closedAt: string }
  | { readonly outcome: 'concurrent-change'; readonly currentVersion: number };

/**
 * The Secretariat accepts, rejects or asks for changes to a submitted workshop request, and the
 * submitter is told by email in their language, once.
 *
 * - The decision is stored on the submission with a history event, in one conditional write on the
 *   version read: a change that got in between answers `concurrent-change` and writes nothing.
 * - A request that repeats the moderation in force (same decision, same message) is a retry: it
 *   answers the same result, writes nothing, and only finishes what a crash may have left undone
 *   (the audit entry, keyed by the moderation; the email, claimed before it is sent).
 * - A decided request (accepted or rejected) is moderated again only with a reason.
 * - Changes are asked for only while the submitter can still make them (their write window: the
 *   call's deadline or their extension), since asking for an edit the deadline forbids helps nobody:
 *   grant an extension first.
 */
export async function moderateWorkshopRequest(
  ports: ModerateWorkshopRequestPorts,
  request: ModerateWorkshopRequest,
): Promise<ModerationResult> {
  const now = ports.clock.now();
  const submission = await ports.submissions.find(request.submissionId);
  if (submission === undefined || submission.consultationId !== request.consultationId) {
    return { outcome: 'submission-not-found' };
  }
  if (submission.call !== 'workshop-request')
    return { outcome: 'not-a-workshop-request', call: submission.call };
  if (submission.moderation !== undefined && repeatsModeration(submission.moderation, request)) {
    return finish(ports, submission, submission.moderation, request, true);
  }
  if (submission.status !== 'submitted') return { outcome: 'not-submitted', status: submission.status };
  const current = submission.moderation;
  if (current !== undefined && isFinalDecision(current.decision) && request.reason === undefined) {
    return { outcome: 'reason-required', current };
  }

  let editableUntil: string | undefined;
  if (request.decision === 'request-changes') {
    const definition = await definitionOf(ports, request.consultationId);
    const call = definition.calls.find((candidate) => candidate.kind === submission.call);
    if (call === undefined) throw new Error(`The consultation has no ${submission.call} call`);
    const extensions = await ports.extensions.findFor(
      request.consultationId,
      submission.call,
      submission.content.submitter,
    );
    const window = writeWindowAt(call, now, extensions);
    if (window.status !== 'open') {
      return {
        outcome: 'submitter-cannot-edit',
        closedAt: window.status === 'closed' ? window.closedAt : call.closesAt,
      };
    }
    editableUntil = window.until;
  }

  const next = moderated(submission, {
    decision: request.decision,
    message: request.message,
    ...(request.reason === undefined ? {} : { reason: request.reason }),
    decidedAt: now.toISOString(),
    decidedBy: request.actor,
    ...(editableUntil === undefined ? {} : { editableUntil }),
  });
  if (!(await ports.submissions.replace(next, submission.version))) {
    const fresh = await ports.submissions.find(submission.id);
    // A twin of this request (a client retry racing the first) stored the same moderation: that is
    // this request's result too.
    if (fresh?.moderation !== undefined && repeatsModeration(fresh.moderation, request)) {
      return finish(ports, fresh, fresh.moderation, request, true);
    }
    return { outcome: 'concurrent-change', currentVersion: fresh?.version ?? submission.version + 1 };
  }
  const moderation = next.moderation;
  if (moderation === undefined) throw new Error('A moderated submission has its moderation');
  return finish(ports, next, moderation, request, false);
}

async function definitionOf(
  ports: ModerateWorkshopRequestPorts,
  consultationId: string,
): Promise<ConsultationDefinition> {
  const stored = await ports.consultations.find(consultationId);
  // The submission names this consultation; a consultation is never deleted while it has some.
  if (stored === undefined) throw new Error(`Consultation ${consultationId} not found for its submission`);
  return stored.definition;
}

/**
 * What follows a stored moderation, done again harmlessly by a retry: the audit entry (keyed by
 * the moderation's version, so recorded once), then the email (claimed before it is sent, so sent
 * at most once). A crash between the claim and the send leaves the claim `claimed` and no email,
 * visible in the answer for the Secretariat to follow up: one email too few rather than two.
 */
async function finish(
  ports: ModerateWorkshopRequestPorts,
  submission: StoredSubmission,
  moderation: ModerationState,
  request: ModerateWorkshopRequest,
  replayed: boolean,
): Promise<ModerationResult> {
  const entry: WorkshopRequestModeratedEntry = {
    kind: 'workshop-request-moderated',
    at: moderation.decidedAt,
    actor: moderation.decidedBy,
    ...(moderation.reason === undefined ? {} : { reason: moderation.reason }),
    call: 'workshop-request',
    submissionId: submission.id,
    reference: submission.reference,
    before: moderation.supersedes ?? null,
    after: moderationSnapshot(moderation),
  };
  // Recorded again by a retry, harmlessly: the key names the moderation, the first entry stays.
  await ports.auditTrail.record(
    request.consultationId,
    `moderation#${submission.id}#${moderation.version}`,
    entry,
  );
  let email = await ports.moderationEmails.find(submission.id, moderation.version);
  if (email === undefined) {
    await sendOnce(ports, submission, moderation);
    email = await ports.moderationEmails.find(submission.id, moderation.version);
    // Claimed just now, by this request or a twin: the record exists.
    if (email === undefined) throw new Error('Moderation email record vanished after its claim');
  }
  return { outcome: 'moderated', replayed, submission, moderation, email };
}

async function sendOnce(
  ports: ModerateWorkshopRequestPorts,
  submission: StoredSubmission,
  moderation: ModerationState,
): Promise<void> {
  const at = ports.clock.now().toISOString();
  if (!(await ports.moderationEmails.claim(submission.id, moderation.version, at))) return;
  const definition = await definitionOf(ports, submission.consultationId);
  try {
    const { messageId } = await ports.mailer.send({
      to: [submission.content.submitter.email],
      replyTo: [definition.contactEmail],
      ...renderModerationEmail({ definition, submission, moderation }),
      tags: { kind: 'workshop-moderation', decision: moderation.decision },
    });
    await ports.moderationEmails.complete(submission.id, moderation.version, {
      status: 'sent',
      messageId,
      at: ports.clock.now().toISOString(),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.name : 'UnknownError';
    // Ids only: never the address or the message.
    console.error(
      JSON.stringify({
        level: 'error',
        message: 'Moderation email not sent',
        submissionId: submission.id,
        reference: submission.reference,
        moderationVersion: moderation.version,
        reason,
      }),
    );
    await ports.moderationEmails.complete(submission.id, moderation.version, {
      status: 'failed',
      reason,
      at: ports.clock.now().toISOString(),
    });
  }
}
