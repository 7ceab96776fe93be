/**
 * Sending one email. Adapters translate it to SES; the use cases decide what is sent and keep their
 * own per-recipient records, because a send that is retried must not become a second email.
 */
export interface EmailAttachment {
  readonly fileName: string;
  readonly contentType: string;
  readonly content: string | Uint8Array;
}

export interface OutgoingEmail {
  readonly to: readonly string[];
  readonly replyTo?: readonly string[];
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  /** Extra headers, e.g. `List-Unsubscribe` and `List-Unsubscribe-Post` (RFC 8058). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly attachments?: readonly EmailAttachment[];
  /** Tags the sending service attaches to delivery events (bounces, complaints), e.g. the wave. */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<{ readonly messageId: string }>;
}

/**
 * Why a send failed, as far as the caller must act on it:
 * - `throttled`: over the sending rate; SES took nothing, try again after a pause;
 * - `refused`: SES answered with an error and took nothing (a server error); try again later;
 * - `rejected`: SES will never take this email (bad address, message rejected); do not retry;
 * - `unknown-outcome`: no answer (connection lost, timeout): SES may or may not have taken it, so a
 *   retry could send it twice.
 */
export type MailerFailureKind = 'throttled' | 'refused' | 'rejected' | 'unknown-outcome';

export class MailerError extends Error {
  readonly kind: MailerFailureKind;
  constructor(kind: MailerFailureKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MailerError';
    this.kind = kind;
  }
}
