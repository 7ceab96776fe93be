import * as z from 'zod';

/**
 * The SES events this engine accepts: what a configuration set's EventBridge event destination puts
 * on the default bus (`source: aws.ses`, `detail-type: Email Sent | Email Bounced | Email Complaint
 * Received`), whose `detail` is SES's event record. Only the fields used are checked; SES adds more.
 */
const recipient = z.object({ emailAddress: z.string() });

export const sesEventRecordSchema = z.object({
  eventType: z.string(),
  mail: z.object({
    timestamp: z.string(),
    messageId: z.string(),
    destination: z.array(z.string()),
    /** Message tags as SES reports them: each name with a list of values. */
    tags: z.record(z.string(), z.array(z.string())).optional(),
  }),
  bounce: z
    .object({
      bounceType: z.string(),
      bounceSubType: z.string().optional(),
      bouncedRecipients: z.array(recipient),
      timestamp: z.string().optional(),
    })
    .optional(),
  complaint: z
    .object({
      complainedRecipients: z.array(recipient),
      complaintFeedbackType: z.string().optional(),
      timestamp: z.string().optional(),
    })
    .optional(),
});

export type SesEventRecord = z.output<typeof sesEventRecordSchema>;

export const sesEventBridgeEventSchema = z.object({
  source: z.literal('aws.ses'),
  'detail-type': z.string(),
  time: z.string().optional(),
  detail: sesEventRecordSchema,
});

export type SesEventBridgeEvent = z.output<typeof sesEventBridgeEventSchema>;
