import * as z from 'zod';
import { dateChangeSchema } from '../domain/audit-entry.ts';
import { callKinds, consultationIdSchema } from '../domain/consultation-definition.ts';
import { extensionGranteeSchema, extensionSchema } from '../domain/extension.ts';
import { instantSchema } from '../domain/instant.ts';

/** Wire contracts of the Secretariat's routes under `/v1/admin/` (IAM-signed). */

export const adminConsultationParams = z.strictObject({ id: consultationIdSchema });
export const adminCallParams = z.strictObject({ id: consultationIdSchema, call: z.enum(callKinds) });
export const adminPhaseParams = z.strictObject({
  id: consultationIdSchema,
  // Path parameters arrive as text.
  number: z.coerce.number().int().min(1).max(99),
});

const reasonSchema = z
  .string()
  .trim()
  .min(1)
  .max(1000)
  .meta({ description: 'Why, in words; kept in the audit trail.' });
const expectedVersionSchema = z
  .int()
  .min(1)
  .optional()
  .meta({
    description:
      'The consultation version the change was prepared against (from GET /v1/consultations/{id}); ' +
      'when given and no longer current, the change is refused with 409.',
  });

export const callDatesChangeBody = z
  .strictObject({
    opensAt: instantSchema.optional(),
    closesAt: instantSchema.optional(),
    reason: reasonSchema,
    expectedVersion: expectedVersionSchema,
  })
  .refine((body) => body.opensAt !== undefined || body.closesAt !== undefined, {
    message: 'Give opensAt, closesAt, or both',
    path: ['closesAt'],
  })
  .meta({ id: 'CallDatesChange' });

export const phaseDatesChangeBody = z
  .strictObject({
    startsAt: instantSchema.optional(),
    endsAt: instantSchema.optional(),
    reason: reasonSchema,
    expectedVersion: expectedVersionSchema,
  })
  .refine((body) => body.startsAt !== undefined || body.endsAt !== undefined, {
    message: 'Give startsAt, endsAt, or both',
    path: ['startsAt'],
  })
  .meta({ id: 'PhaseDatesChange' });

const scheduleAtSchema = z.strictObject({ name: z.string(), at: instantSchema });

export const reconcileReportSchema = z
  .strictObject({
    consultationId: z.string(),
    groupName: z.string(),
    at: instantSchema,
    created: z.array(scheduleAtSchema),
    updated: z.array(z.strictObject({ name: z.string(), from: instantSchema.optional(), to: instantSchema })),
    deleted: z.array(z.strictObject({ name: z.string(), at: instantSchema.optional() })),
    unchanged: z.int().min(0),
    caughtUp: z.array(
      z.strictObject({
        transitionId: z.string(),
        at: instantSchema,
        outcome: z.enum(['applied', 'already-applied', 'in-progress', 'ignored', 'failed']),
        error: z.string().optional(),
      }),
    ),
  })
  .meta({
    id: 'ScheduleReconciliation',
    description: 'What the reconciler changed in the consultation’s schedule group, and what it caught up.',
  });

export const dateChangeResponseSchema = z
  .strictObject({
    consultationId: z.string(),
    outcome: z.enum(['changed', 'unchanged']),
    version: z.int().min(1),
    changes: z.array(dateChangeSchema),
    schedules: reconcileReportSchema,
  })
  .meta({ id: 'DateChangeResult' });

export const extensionGrantBody = z
  .strictObject({
    grantee: extensionGranteeSchema,
    until: instantSchema.meta({ description: 'The extended deadline: writes are accepted before it.' }),
    reason: reasonSchema,
  })
  .meta({ id: 'ExtensionGrant' });

export const extensionGrantResponseSchema = z
  .strictObject({ consultationId: z.string(), extension: extensionSchema })
  .meta({ id: 'GrantedExtension' });
