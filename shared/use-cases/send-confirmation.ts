import { renderConfirmationEmail } from '../domain/confirmation-email.ts';
import type { Call, ConsultationDefinition } from '../domain/consultation-definition.ts';
import type { StoredSubmission } from '../domain/submission.ts';
import type { Mailer } from '../ports/mailer.ts';
import type { SubmissionRepository } from '../ports/submission-repository.ts';

export interface ConfirmationPorts {
  readonly submissions: SubmissionRepository;
  readonly mailer: Mailer;
}

/** `<base>/v1/submissions/<id>#token=<token>`: a fragment, so the token never reaches a server log. */
export function editLinkFor(publicBaseUrl: string, submissionId: string, editToken: string): string {
  return `${publicBaseUrl}/v1/submissions/${encodeURIComponent(submissionId)}#token=${editToken}`;
}

/**
 * Sends the receipt of a submission at most once, whatever retries the request sees: first a
 * conditional write claims the one right to send, then the email goes out, then the outcome is
 * recorded. A retried request finds the claim and sends nothing. The price of "at most once" is
 * that a crash between the claim and the send leaves the claim `claimed` and no email; the
 * Secretariat sees that state in the table and can resend by hand. (At least once would instead
 * risk two receipts for one submission, which the issue rules out.) A failed send does not fail the
 * submission, which is stored already: it is recorded as `failed`, without personal data in logs.
 */
export async function sendConfirmationOnce(
  ports: ConfirmationPorts,
  input: {
    readonly definition: ConsultationDefinition;
    readonly call: Call;
    readonly submission: StoredSubmission;
    readonly editLink: string;
    readonly editableUntil: Date;
    readonly at: Date;
  },
): Promise<'sent' | 'failed' | 'already-claimed'> {
  const { submission } = input;
  const claimed = await ports.submissions.claimConfirmation(submission.id, input.at.toISOString());
  if (!claimed) return 'already-claimed';
  const content = renderConfirmationEmail({
    definition: input.definition,
    call: input.call,
    submission,
    receivedAt: new Date(submission.submittedAt ?? input.at.toISOString()),
    editableUntil: input.editableUntil,
    editLink: input.editLink,
  });
  try {
    const { messageId } = await ports.mailer.send({
      to: [submission.content.submitter.email],
      replyTo: [input.definition.contactEmail],
      ...content,
      tags: { kind: 'submission-confirmation', call: submission.call },
    });
    await ports.submissions.completeConfirmation(submission.id, {
      status: 'sent',
      messageId,
      at: input.at.toISOString(),
    });
    return 'sent';
  } catch (error) {
    const reason = error instanceof Error ? error.name : 'UnknownError';
    // The submission id and reference only: never the address, the token or the link.
    console.error(
      JSON.stringify({
        level: 'error',
        message: 'Confirmation email not sent',
        submissionId: submission.id,
        reference: submission.reference,
        reason,
      }),
    );
    await ports.submissions.completeConfirmation(submission.id, {
      status: 'failed',
      reason,
      at: input.at.toISOString(),
    });
    return 'failed';
  }
}
