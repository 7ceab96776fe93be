import * as z from 'zod';
import type { HttpFunctionName } from '../../../functions/manifest.ts';
import { auditEntrySchema } from '../../domain/audit-entry.ts';
import { callKinds } from '../../domain/consultation-definition.ts';
import { emailAddressSchema } from '../../domain/email-address.ts';
import { extensionSchema } from '../../domain/extension.ts';
import { instantSchema } from '../../domain/instant.ts';
import { languageSchema } from '../../domain/localized-text.ts';
import { addressRoles, personalDataCountsSchema } from '../../domain/personal-data.ts';
import { submissionStatuses } from '../../domain/submission.ts';
import { submissionContentSchema } from '../../domain/submission-content.ts';
import type { RouteContract } from '../route-contract.ts';

/** Wire contracts of the Secretariat's data-protection routes under `/v1/admin/people/` (IAM-signed). */

export const personExportQuery = z
  .strictObject({
    email: emailAddressSchema.meta({
      description: 'The address asked about; compared trimmed and case-insensitively.',
    }),
  })
  .meta({ id: 'PersonExportQuery' });

export const personErasureBody = z
  .strictObject({
    email: emailAddressSchema.meta({
      description: 'The address to erase; compared trimmed and case-insensitively.',
    }),
    reason: z
      .string()
      .trim()
      .min(1)
      .max(1000)
      .optional()
      .meta({ description: 'Why, in words (e.g. the request’s reference); kept in the audit trail.' }),
  })
  .meta({ id: 'PersonErasure' });

const addressKeySchema = z
  .string()
  .meta({ description: 'SHA-256 (base64url) of the normalized address: the key of its records.' });

const heldSubmissionSchema = z
  .object({
    roles: z.array(z.enum(addressRoles)).meta({ description: 'How the submission names the address.' }),
    id: z.string(),
    consultationId: z.string(),
    call: z.enum(callKinds),
    reference: z.string(),
    status: z.enum(submissionStatuses),
    version: z.int().min(1),
    createdAt: instantSchema,
    updatedAt: instantSchema,
    submittedAt: instantSchema.optional(),
    withdrawnAt: instantSchema.optional(),
    personalDataErasedAt: instantSchema.optional(),
    contentSha256: z.string(),
    content: submissionContentSchema,
  })
  .meta({ id: 'HeldSubmission' });

const heldSubscriptionSchema = z
  .object({
    consultationId: z.string(),
    addressKey: addressKeySchema,
    email: z.string(),
    language: languageSchema,
    status: z.enum(['pending', 'confirmed', 'unsubscribed']),
    requestedAt: instantSchema,
    confirmedAt: instantSchema.optional(),
    unsubscribedAt: instantSchema.optional(),
    timeZone: z.string().optional(),
    stakeholderType: z.string().optional(),
    country: z.string().optional(),
  })
  .meta({ id: 'HeldSubscription' });

export const personExportSchema = z
  .object({
    email: z.string().meta({ description: 'The address as normalized.' }),
    addressKey: addressKeySchema,
    exportedAt: instantSchema,
    found: personalDataCountsSchema,
    submissions: z.array(heldSubmissionSchema),
    subscriptions: z.array(heldSubscriptionSchema),
    optOuts: z.array(z.object({ consultationId: z.string(), optedOutAt: instantSchema })),
    confirmationEmails: z
      .array(z.object({ day: z.string(), count: z.int().min(0) }))
      .meta({ description: 'Confirmation emails sent to the address per UTC day (a rate limit).' }),
    deliveries: z.array(
      z.object({
        consultationId: z.string(),
        waveId: z.string(),
        state: z.string(),
        claimedAt: instantSchema.optional(),
        sentAt: instantSchema.optional(),
        messageId: z.string().optional(),
        bounced: z.boolean().optional(),
        complained: z.boolean().optional(),
      }),
    ),
    suppression: z
      .object({
        reason: z.string(),
        detail: z.string().optional(),
        suppressedAt: instantSchema,
        addressInClear: z.boolean(),
      })
      .nullable(),
    extensions: z.array(z.object({ consultationId: z.string(), extension: extensionSchema })),
    auditEntries: z.array(z.object({ consultationId: z.string(), entry: auditEntrySchema })),
  })
  .meta({ id: 'PersonExport', description: 'Everything the engine holds about one address.' });

export const personErasureSchema = z
  .object({
    addressKey: addressKeySchema,
    erasedAt: instantSchema,
    erased: personalDataCountsSchema,
    kept: z.object({ optOuts: z.int().min(0), suppressions: z.int().min(0) }).meta({
      description:
        'Kept on purpose, keyed by the address key only: the objection to mail (opt-outs) and bounces or ' +
        'complaints (suppressions), so the address is never mailed against them again.',
    }),
    recordedIn: z
      .array(z.string())
      .meta({ description: 'Consultations whose audit trail records the erasure.' }),
  })
  .meta({ id: 'PersonErasureResult' });

export const personalDataRouteContracts = {
  'export-person': {
    summary: 'Export everything held about an address',
    description:
      'A data-protection access request: submissions naming the address (as submitter, nominee or nominator), ' +
      'subscriptions, opt-outs, confirmation-email counters, reminder send records, suppression, deadline ' +
      'extensions and audit entries, grouped by kind. Recorded in the audit trail of each consultation ' +
      'concerned, with the address key, never the address.',
    tags: ['admin'],
    query: personExportQuery,
    responses: { 200: { description: 'What is held', schema: personExportSchema } },
    problems: [400, 403],
  },
  'erase-person': {
    summary: 'Erase a person',
    description:
      'Removes the address from every table while every statistic stays the same: personal fields of ' +
      'submissions become markers (stakeholder type, country, action lines, SDGs, status and reference stay), ' +
      'subscriptions, counters and extensions are deleted, send records move to anonymous keys, audit entries ' +
      'lose the address. Opt-outs and suppressions stay, keyed by the address key only. Idempotent: erasing ' +
      'again answers zeros. Recorded in the audit trail without the address.',
    tags: ['admin'],
    body: personErasureBody,
    bodyLimitBytes: 4096,
    responses: { 200: { description: 'Erased', schema: personErasureSchema } },
    problems: [400, 403, 413, 415],
  },
} as const satisfies Partial<Record<HttpFunctionName, RouteContract>>;
