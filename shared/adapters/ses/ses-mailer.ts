import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { type Mailer, MailerError, type MailerFailureKind } from '../../ports/mailer.ts';

export interface SesMailerOptions {
  /** Verified sender, e.g. `WSIS Secretariat <no-reply@consultations.example.org>`. */
  readonly from: string;
  /** Configuration set whose event destination reports bounces and complaints, when there is one. */
  readonly configurationSetName?: string;
  /** Reply-to of every email that names none of its own (the Secretariat's inbox). */
  readonly replyTo?: string;
}

/**
 * How every SES client is built. One attempt: the SDK's own retries would resend an email whose
 * answer was lost, which only the send records can do safely. A request timeout: a call that never
 * answers must end as an unknown outcome (settled by SES's Send event) rather than hold the sender
 * until its invocation times out.
 */
export const sesClientSettings = {
  maxAttempts: 1,
  requestHandler: { connectionTimeout: 3_000, requestTimeout: 15_000 },
} as const;

/**
 * Sends through SES v2 with Simple content, which carries custom headers and attachments. Errors
 * come back as `MailerError`s that say whether SES took the email. The client must be built with
 * `maxAttempts: 1`: the SDK's own retries would resend an email whose answer was lost, which only
 * the caller's send records can do safely.
 */
export function createSesMailer(client: SESv2Client, options: SesMailerOptions): Mailer {
  const encoder = new TextEncoder();
  const defaultReplyTo = options.replyTo === undefined ? undefined : [options.replyTo];
  return {
    async send(email) {
      const replyTo = email.replyTo ?? defaultReplyTo;
      const result = await sendOrClassify(() =>
        client.send(
          new SendEmailCommand({
            FromEmailAddress: options.from,
            Destination: { ToAddresses: [...email.to] },
            ...(replyTo === undefined ? {} : { ReplyToAddresses: [...replyTo] }),
            ...(options.configurationSetName === undefined
              ? {}
              : { ConfigurationSetName: options.configurationSetName }),
            ...(email.tags === undefined
              ? {}
              : { EmailTags: Object.entries(email.tags).map(([Name, Value]) => ({ Name, Value })) }),
            Content: {
              Simple: {
                Subject: { Data: email.subject, Charset: 'UTF-8' },
                Body: {
                  Html: { Data: email.html, Charset: 'UTF-8' },
                  Text: { Data: email.text, Charset: 'UTF-8' },
                },
                ...(email.headers === undefined
                  ? {}
                  : { Headers: Object.entries(email.headers).map(([Name, Value]) => ({ Name, Value })) }),
                ...(email.attachments === undefined
                  ? {}
                  : {
                      Attachments: email.attachments.map((attachment) => ({
                        FileName: attachment.fileName,
                        ContentType: attachment.contentType,
                        ContentDisposition: 'ATTACHMENT' as const,
                        RawContent:
                          typeof attachment.content === 'string'
                            ? encoder.encode(attachment.content)
                            : attachment.content,
                      })),
                    }),
              },
            },
          }),
        ),
      );
      if (result.MessageId === undefined) throw new Error('SES accepted the email without a message id');
      return { messageId: result.MessageId };
    },
  };
}

const throttlingErrors = new Set([
  'TooManyRequestsException',
  'LimitExceededException',
  'ThrottlingException',
  'Throttling',
]);
const laterErrors = new Set(['SendingPausedException', 'AccountSuspendedException']);

interface ServiceErrorShape {
  readonly name?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

/** What an SDK error means for the email; exported for unit tests. */
export function classifySesError(error: unknown): MailerFailureKind {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as ServiceErrorShape;
  const status = shape.$metadata?.httpStatusCode;
  const name = shape.name ?? '';
  if (status === undefined) return 'unknown-outcome';
  if (status === 429 || throttlingErrors.has(name)) return 'throttled';
  if (status >= 500 || laterErrors.has(name)) return 'refused';
  return 'rejected';
}

async function sendOrClassify<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    const kind = classifySesError(error);
    const name = error instanceof Error ? error.name : 'Error';
    throw new MailerError(kind, `SES send failed (${kind}): ${name}`, { cause: error });
  }
}
