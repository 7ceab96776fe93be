import * as z from 'zod';
import { consultationIdSchema } from '../domain/consultation-definition.ts';
import { instantSchema } from '../domain/instant.ts';
import { moderationDecisions, submissionHistoryEventSchema } from '../domain/submission-history.ts';
import { moderationMessageSchema, moderationStateSchema } from '../domain/workshop-moderation.ts';
import { submissionViewSchema } from './submission.ts';

/** Wire contracts of the Secretariat's view of one submission and of workshop request moderation. */

export const adminSubmissionParams = z.strictObject({
  id: consultationIdSchema,
  submissionId: z.uuid().meta({ description: 'The submission id.' }),
});

const emailStateSchema = z.strictObject({
  status: z.enum(['claimed', 'sent', 'failed']).meta({
    description:
      '`sent`; `failed` (SES refused it); `claimed` (the send was interrupted: it is never repeated ' +
      'automatically, follow up by hand).',
  }),
  claimedAt: instantSchema,
  completedAt: instantSchema.optional(),
});

export const adminSubmissionSchema = z
  .strictObject({
    submission: submissionViewSchema,
    moderation: moderationStateSchema
      .optional()
      .meta({ description: 'The Secretariat’s decision in force (workshop requests only).' }),
    history: z
      .array(submissionHistoryEventSchema)
      .meta({ description: 'Every change of the submission, oldest first.' }),
    emails: z
      .strictObject({
        receipt: emailStateSchema.optional().meta({ description: 'The receipt, once submitted.' }),
        moderation: emailStateSchema
          .optional()
          .meta({ description: 'The email about the moderation in force.' }),
      })
      .optional()
      .meta({ description: 'What became of the emails the submission caused (GET only).' }),
  })
  .meta({ id: 'AdminSubmission', description: 'A submission as the Secretariat sees it, with its history.' });

export const moderationBody = z
  .strictObject({
    decision: z.enum(moderationDecisions),
    message: moderationMessageSchema,
    reason: z.string().trim().min(1).max(1000).optional().meta({
      description:
        'Why, for the audit trail; required to change a decision already made (accepted or rejected).',
    }),
  })
  .meta({ id: 'WorkshopModerationRequest' });

export const moderationResponseSchema = adminSubmissionSchema
  .extend({
    moderation: moderationStateSchema,
    email: emailStateSchema.meta({ description: 'The email to the submitter about this moderation.' }),
  })
  .meta({ id: 'WorkshopModerationResult' });
