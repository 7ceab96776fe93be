import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer } from '../../ports/mailer.ts';

export interface SesMailerOptions {
  /** Verified sender, e.g. `WSIS Secretariat <no-reply@consultations.example.org>`. */
  readonly from: string;
  /** Configuration set whose event destination reports bounces and complaints, when there is one. */
  readonly configurationSetName?: string;
  /** Reply-to of every email that names none of its own (the Secretariat's inbox). */
  readonly replyTo?: string;
}

/** Sends through SES v2 with Simple content, which carries custom headers and attachments. */
export function createSesMailer(client: SESv2Client, options: SesMailerOptions): Mailer {
  const encoder = new TextEncoder();
  const defaultReplyTo = options.replyTo === undefined ? undefined : [options.replyTo];
  return {
    async send(email) {
      const replyTo = email.replyTo ?? defaultReplyTo;
      const result = await client.send(
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
      );
      if (result.MessageId === undefined) throw new Error('SES accepted the email without a message id');
      return { messageId: result.MessageId };
    },
  };
}
