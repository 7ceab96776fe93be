import type { StoredSubmission } from '../domain/submission.ts';
import { submitterActor } from '../domain/submission-history.ts';
import type { Clock } from '../ports/clock.ts';
import type { SubmissionRepository } from '../ports/submission-repository.ts';
import { type ConfirmationPorts, editLinkFor, sendConfirmationOnce } from './send-confirmation.ts';
import { checkIfMatch, loadForTokenHolder, refuseIfWithdrawn } from './submission-access.ts';
import { refuse } from './submission-refusal.ts';
import { requireOpenCall, type WriteWindowPorts } from './submission-write-window.ts';

/** What every status change needs: the submission, its call's write window, the instant. */
export interface StatusWritePorts extends WriteWindowPorts {
  readonly submissions: SubmissionRepository;
  readonly clock: Clock;
}

/** Submitting also sends the receipt; withdrawing sends nothing, so it needs no mailer. */
export interface StatusChangePorts extends StatusWritePorts, ConfirmationPorts {}

interface StatusChangeRequest {
  readonly submissionId: string;
  readonly authorization: string | undefined;
  readonly ifMatch: string | undefined;
}

/** Without If-Match, a write that lost a race with another is tried again on the fresh record. */
const attemptsWithoutIfMatch = 3;

/**
 * A draft becomes `submitted`, while the call accepts this submitter's writes, and the receipt goes
 * out (at most once). Submitting a submitted submission changes nothing and answers it as it is, so
 * a client may retry freely; if the receipt was never claimed (a crash), that retry sends it.
 */
export async function submitSubmission(
  ports: StatusChangePorts,
  request: StatusChangeRequest & { readonly publicBaseUrl: string },
): Promise<StoredSubmission> {
  return changeStatus(ports, request, async (submission, editToken, now) => {
    refuseIfWithdrawn(submission);
    const open = await requireOpenCall(ports, {
      consultationId: submission.consultationId,
      call: submission.call,
      submitter: submission.content.submitter,
      at: now,
    });
    const confirm = (submitted: StoredSubmission) =>
      sendConfirmationOnce(ports, {
        ...open,
        submission: submitted,
        editLink: editLinkFor(request.publicBaseUrl, submitted.id, editToken),
        editableUntil: open.until,
        at: now,
      });
    if (submission.status === 'submitted') {
      if ((await ports.submissions.findConfirmation(submission.id)) === undefined) await confirm(submission);
      return { unchanged: submission };
    }
    return {
      changed: withEvent(
        { ...submission, status: 'submitted', submittedAt: now.toISOString() },
        'submitted',
        now,
      ),
      after: confirm,
    };
  });
}

/**
 * The submission becomes `withdrawn`, while the call accepts this submitter's writes; the record
 * stays. Withdrawing a withdrawn submission changes nothing and answers it as it is.
 */
export async function withdrawSubmission(
  ports: StatusWritePorts,
  request: StatusChangeRequest,
): Promise<StoredSubmission> {
  return changeStatus(ports, request, async (submission, _editToken, now) => {
    if (submission.status === 'withdrawn') return { unchanged: submission };
    await requireOpenCall(ports, {
      consultationId: submission.consultationId,
      call: submission.call,
      submitter: submission.content.submitter,
      at: now,
    });
    return {
      changed: withEvent(
        { ...submission, status: 'withdrawn', withdrawnAt: now.toISOString() },
        'withdrawn',
        now,
      ),
    };
  });
}

/** The next version of a submission whose status changed, with the change in its history. */
function withEvent(
  submission: StoredSubmission,
  kind: 'submitted' | 'withdrawn',
  now: Date,
): StoredSubmission {
  const version = submission.version + 1;
  const at = now.toISOString();
  return {
    ...submission,
    version,
    updatedAt: at,
    history: [...submission.history, { kind, at, actor: submitterActor, version }],
  };
}

type Transition =
  | { readonly unchanged: StoredSubmission }
  | { readonly changed: StoredSubmission; readonly after?: (stored: StoredSubmission) => Promise<unknown> };

async function changeStatus(
  ports: StatusWritePorts,
  request: StatusChangeRequest,
  transition: (submission: StoredSubmission, editToken: string, now: Date) => Promise<Transition>,
): Promise<StoredSubmission> {
  const now = ports.clock.now();
  for (let attempt = 1; ; attempt += 1) {
    const { submission, editToken } = await loadForTokenHolder(ports, request);
    checkIfMatch(request.ifMatch, submission);
    const next = await transition(submission, editToken, now);
    if ('unchanged' in next) return next.unchanged;
    if (await ports.submissions.replace(next.changed, submission.version)) {
      await next.after?.(next.changed);
      return next.changed;
    }
    if (request.ifMatch !== undefined || attempt >= attemptsWithoutIfMatch) {
      return refuse({ kind: 'precondition-failed', currentVersion: submission.version + 1 });
    }
  }
}
