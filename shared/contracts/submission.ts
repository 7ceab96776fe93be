import * as z from 'zod';
import { callKinds } from '../domain/consultation-definition.ts';
import { instantSchema } from '../domain/instant.ts';
import { stakeholderTypes } from '../domain/stakeholder-type.ts';
import { submissionStatuses } from '../domain/submission.ts';
import {
  nominationContentSchema,
  officialSubmissionContentSchema,
  photoEntryContentSchema,
  regionalInputContentSchema,
  workshopRequestContentSchema,
} from '../domain/submission-content.ts';

/** Wire contracts of the submission routes; the OpenAPI document is generated from them. */

export const submissionIdParams = z.strictObject({
  id: z.uuid().meta({ description: 'The submission id, as the creating POST answered it.' }),
});

const creationStatus = z
  .enum(['draft', 'submitted'])
  .default('submitted')
  .meta({ description: '`draft` keeps it unsent; `submitted` (the default) sends it and the receipt.' });

/** The POST body: the content of one call's submission (a union on `call`), and its status. */
export const createSubmissionBody = z
  .discriminatedUnion('call', [
    officialSubmissionContentSchema.extend({ status: creationStatus }),
    workshopRequestContentSchema.extend({ status: creationStatus }),
    nominationContentSchema.extend({ status: creationStatus }),
    photoEntryContentSchema.extend({ status: creationStatus }),
    regionalInputContentSchema.extend({ status: creationStatus }),
  ])
  .meta({ id: 'NewSubmission', description: 'A submission to one call; `call` says which.' });

const sha256Schema = z
  .string()
  .regex(/^[0-9a-f]{64}$/)
  .meta({
    description:
      'SHA-256 (hex) of the RFC 8785 canonical JSON of the content (`call` included, `status` not).',
  });

export const createdSubmissionSchema = z
  .object({
    id: z.uuid(),
    reference: z.string().meta({ description: 'Human-readable, unique per call, e.g. WSIS22-OS-000042.' }),
    call: z.enum(callKinds),
    status: z.enum(['draft', 'submitted']),
    editToken: z.string().meta({
      description:
        'Bearer token for reading, editing, submitting and withdrawing this submission. Shown once: only its hash is stored.',
    }),
    createdAt: instantSchema,
    submittedAt: instantSchema.optional(),
    contentSha256: sha256Schema,
  })
  .meta({ id: 'CreatedSubmission' });

const serverKept = {
  id: z.uuid(),
  reference: z.string(),
  consultationId: z.string(),
  status: z.enum(submissionStatuses),
  version: z.int().min(1).meta({ description: 'Grows with every change; the ETag is this number, quoted.' }),
  createdAt: instantSchema,
  updatedAt: instantSchema,
  submittedAt: instantSchema.optional().meta({ description: 'When it first became submitted.' }),
  withdrawnAt: instantSchema.optional(),
  contentSha256: sha256Schema,
};

export const submissionViewSchema = z
  .discriminatedUnion('call', [
    officialSubmissionContentSchema.extend(serverKept),
    workshopRequestContentSchema.extend(serverKept),
    nominationContentSchema.extend(serverKept),
    photoEntryContentSchema.extend(serverKept),
    regionalInputContentSchema.extend(serverKept),
  ])
  .meta({
    id: 'Submission',
    description:
      'A submission: its content at the top level, as it was sent, and the fields the server keeps beside it.',
  });

export const submissionMergePatch = z.record(z.string(), z.unknown()).meta({
  id: 'SubmissionMergePatch',
  description:
    'A JSON merge patch (RFC 7396) of the submission: `null` removes a member, objects merge, anything else ' +
    'replaces. The result is validated as a whole. `call` and the server-kept fields may only repeat their ' +
    'current value.',
});

export const idempotencyKeyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^"?[\x21\x23-\x7E]{1,253}"?$/, 'Use 1 to 253 visible ASCII characters, e.g. a UUID')
    .transform((key) => key.replace(/^"(.*)"$/, '$1'))
    .optional()
    .meta({
      description:
        'Makes the POST safe to retry: the same key with the same body answers the same submission; with another body, 422. Remembered for 24 hours.',
    }),
});

export const ifMatchHeaders = (required: boolean) =>
  z.object({
    'if-match': z
      .string()
      .max(1024)
      .optional()
      .meta({
        description: required
          ? 'The ETag of the version the change is based on (required: 428 without it, 412 when stale).'
          : 'The ETag of the version the change is based on; when given, 412 if stale.',
      }),
  });

const countsByStakeholderType = z.strictObject(
  Object.fromEntries(stakeholderTypes.map((type) => [type, z.int().min(0)])) as Record<
    (typeof stakeholderTypes)[number],
    z.ZodInt
  >,
);

export const consultationStatsSchema = z
  .object({
    consultationId: z.string(),
    at: instantSchema.meta({ description: 'The server clock when the counts were taken.' }),
    calls: z.array(
      z.object({
        call: z.enum(callKinds),
        submitted: z.int().min(0),
        drafts: z.int().min(0),
        withdrawn: z.int().min(0),
        submittedByStakeholderType: countsByStakeholderType,
      }),
    ),
  })
  .meta({ id: 'SubmissionStatistics', description: 'Counts only: no personal data.' });
