import * as z from 'zod';
import type { HttpFunctionName } from '../../../functions/manifest.ts';
import {
  announcementStates,
  announcementSubjectSchema,
  announcementTextSchema,
} from '../../domain/announcement.ts';
import { auditEntrySchema } from '../../domain/audit-entry.ts';
import { callKinds, consultationIdSchema } from '../../domain/consultation-definition.ts';
import { instantSchema } from '../../domain/instant.ts';
import { adminConsultationParams } from '../admin.ts';
import type { RouteContract } from '../route-contract.ts';
import { waveFiguresSchema } from '../subscriptions.ts';

/** Wire contracts of the Secretariat's announcements and of the audit route (issue #7, part C). */

/** Every kind of audit entry, from the union itself, so that a kind added there is accepted here. */
export const auditKinds: readonly string[] = auditEntrySchema.options.map(
  (option) => option.shape.kind.value,
);

const auditKindList = z
  .string()
  .max(1000)
  .transform((text) =>
    text
      .split(',')
      .map((kind) => kind.trim())
      .filter((kind) => kind.length > 0),
  )
  .refine((kinds) => kinds.every((kind) => auditKinds.includes(kind)), {
    message: `Use kinds among ${auditKinds.join(', ')}, separated by commas`,
  })
  .meta({ description: `Kinds to keep, comma-separated: ${auditKinds.join(', ')}.` });

export const auditQuery = z
  .strictObject({
    kind: auditKindList.optional(),
    actor: z
      .string()
      .min(1)
      .max(2048)
      .optional()
      .meta({ description: 'Only this actor: a signer’s ARN, or `system:scheduler` / `system:reconciler`.' }),
    call: z.enum(callKinds).optional().meta({ description: 'Only entries about this call.' }),
    since: instantSchema.optional().meta({ description: 'Entries at or after this instant.' }),
    until: instantSchema.optional().meta({ description: 'Entries before this instant.' }),
    format: z
      .enum(['json', 'csv'])
      .optional()
      .meta({ description: '`json` (default, paginated) or `csv` (every matching entry, UTF-8 with BOM).' }),
    cursor: z
      .string()
      .min(1)
      .max(2048)
      .optional()
      .meta({ description: '`nextCursor` of the previous page.' }),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(1000)
      .optional()
      .meta({ description: 'Entries per page (JSON), 100 by default.' }),
  })
  .refine(
    (query) =>
      query.since === undefined ||
      query.until === undefined ||
      Date.parse(query.since) < Date.parse(query.until),
    {
      message: 'since must be before until',
      path: ['until'],
    },
  );

const auditRecordSchema = z
  .strictObject({
    at: instantSchema,
    kind: z.string(),
    actor: z.string().meta({
      description:
        'Who: the signer’s ARN, or `system:scheduler` / `system:reconciler` for the engine itself.',
    }),
    subject: z.string().meta({ description: 'What the entry is about.' }),
    before: z.record(z.string(), z.unknown()).nullable().meta({ description: 'The state before, if any.' }),
    after: z
      .record(z.string(), z.unknown())
      .nullable()
      .meta({ description: 'The state after, or the effect.' }),
    reason: z.string().nullable(),
    calls: z.array(z.enum(callKinds)),
    entry: auditEntrySchema,
  })
  .meta({ id: 'AuditRecord' });

export const auditResponseSchema = z
  .strictObject({
    consultationId: z.string(),
    entries: z.array(auditRecordSchema),
    nextCursor: z.string().optional(),
  })
  .meta({ id: 'Audit' });

export const announcementIdSchema = z
  .string()
  .regex(/^[0-9a-f]{16}$/, 'Use the announcementId the creation answered')
  .meta({ description: 'Announcement id, 16 hexadecimal digits.' });

export const announcementParams = z.strictObject({
  id: consultationIdSchema,
  announcementId: announcementIdSchema,
});

export const announcementRequestSchema = z
  .strictObject({
    subject: announcementSubjectSchema,
    text: announcementTextSchema,
    reason: z
      .string()
      .trim()
      .min(1)
      .max(1000)
      .optional()
      .meta({ description: 'Why, in words; kept in the audit trail.' }),
  })
  .meta({ id: 'AnnouncementRequest' });

export const announcementHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^"?[\x21\x23-\x7E]{1,253}"?$/, 'Use 1 to 253 visible ASCII characters, e.g. a UUID')
    .transform((key) => key.replace(/^"(.*)"$/, '$1'))
    .meta({
      description:
        'Required: an announcement goes to every subscriber, so a retried POST must not send it twice. The same key with the same body answers the same announcement and starts nothing again; with another body, 422.',
    }),
});

export const announcementAcceptedSchema = z
  .strictObject({
    consultationId: z.string(),
    announcementId: z.string(),
    waveId: z.string().meta({ description: 'The wave the announcement goes out as: `announcement-<id>`.' }),
    createdAt: instantSchema,
  })
  .meta({ id: 'AnnouncementAccepted' });

export const announcementViewSchema = z
  .strictObject({
    consultationId: z.string(),
    announcementId: z.string(),
    waveId: z.string(),
    subject: announcementSubjectSchema,
    text: announcementTextSchema,
    reason: z.string().optional(),
    createdAt: instantSchema,
    createdBy: z.string(),
    state: z.enum(announcementStates).meta({
      description:
        '`starting`: its start is scheduled; `queuing`: recipients are being queued; `sending`: queued, emails going out; `sent`: every queued recipient has a final outcome.',
    }),
    queuedRecipients: z.int().meta({ description: 'Confirmed subscribers queued so far.' }),
    figures: waveFiguresSchema,
  })
  .meta({ id: 'Announcement' });

export const announcementAuditRouteContracts = {
  'get-audit': {
    summary: 'Get the consultation’s audit trail',
    description:
      'Every admin action and every transition, oldest first: who (the signer’s ARN, or the engine), what, ' +
      'when, before and after, and why. Filter by `kind` (comma-separated), `actor`, `call`, `since` and ' +
      '`until`. JSON pages of `limit` entries with `nextCursor`; `format=csv` answers every matching entry ' +
      'as CSV (RFC 4180, UTF-8 with BOM; columns at, kind, actor, subject, before, after, reason, with ' +
      'before and after as JSON text); a CSV larger than one response can carry (6,000,000 bytes) answers ' +
      '422 `/problems/export-too-large`: narrow it with since/until or kind.',
    tags: ['admin'],
    params: adminConsultationParams,
    query: auditQuery,
    responses: {
      200: {
        description: 'The audit trail (JSON; `text/csv` with `format=csv`)',
        schema: auditResponseSchema,
      },
    },
    problems: [400, 403, 404, 422],
  },
  'create-announcement': {
    summary: 'Send an announcement to every confirmed subscriber',
    description:
      'A message (subject and text in the six UN languages; English required, the others fall back to it) ' +
      'to every confirmed subscriber, each in their language, with the unsubscribe link and one-click ' +
      'unsubscribe headers, through the same exactly-once fan-out as reminder waves: suppressed and ' +
      'unsubscribed addresses are skipped. Answers 202 at once; the fan-out starts asynchronously (a ' +
      'one-time schedule at the current instant). Recorded in the audit trail.',
    tags: ['admin'],
    params: adminConsultationParams,
    headers: announcementHeaders,
    body: announcementRequestSchema,
    bodyLimitBytes: 128 * 1024,
    responses: {
      202: {
        description: 'Accepted (or, for a repeated Idempotency-Key and body, accepted before)',
        schema: announcementAcceptedSchema,
        headers: {
          Location: 'The announcement’s URL.',
          'Idempotent-Replayed': '`true` when the key was seen before.',
        },
      },
    },
    problems: [400, 403, 404, 413, 415, 422],
  },
  'get-announcement': {
    summary: 'Get an announcement and its delivery figures',
    description:
      'Its texts, where it stands, and the figures of its wave: sent, bounced, complained, suppressed, ' +
      'unsubscribed, already submitted (always 0 here: only deadline waves skip those), failed, in progress.',
    tags: ['admin'],
    params: announcementParams,
    responses: { 200: { description: 'The announcement', schema: announcementViewSchema } },
    problems: [400, 403, 404],
  },
} as const satisfies Partial<Record<HttpFunctionName, RouteContract>>;
