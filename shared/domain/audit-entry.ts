import * as z from 'zod';
import { callKinds } from './consultation-definition.ts';
import { extensionGranteeSchema } from './extension.ts';
import { instantSchema } from './instant.ts';
import { personalDataCountsSchema } from './personal-data.ts';

/**
 * The consultation's audit trail: what happened to its calendar, when, and on whose word. Every
 * entry has the instant it happened at (`at`); transitions also keep the instant they were
 * scheduled for, and administrative entries who acted and why.
 */
const transitionTriggers = ['schedule', 'catch-up'] as const;
export type TransitionTrigger = (typeof transitionTriggers)[number];

export const ignoredDeliveryReasons = [
  /** The calendar no longer has this transition, or has it at another instant (a moved date). */
  'not-in-calendar',
  /** Delivered before its instant: a transition never takes effect early. */
  'not-yet-due',
] as const;

const actor = z
  .string()
  .min(1)
  .max(2048)
  .meta({ description: 'Who acted: the IAM principal (user or role ARN) that signed the request.' });
const reason = z.string().trim().min(1).max(1000);

export const transitionAppliedEntrySchema = z.strictObject({
  kind: z.literal('transition-applied'),
  at: instantSchema.meta({ description: 'When the transition was applied (the actual instant).' }),
  transitionId: z.string(),
  scheduleName: z.string(),
  scheduledAt: instantSchema,
  trigger: z.enum(transitionTriggers),
  lateBySeconds: z.number().int().min(0),
  effect: z.string().meta({ description: 'What applying the transition did, in words.' }),
});

export const deliveryIgnoredEntrySchema = z.strictObject({
  kind: z.literal('delivery-ignored'),
  at: instantSchema,
  transitionId: z.string(),
  scheduleName: z.string(),
  scheduledAt: instantSchema,
  reason: z.enum(ignoredDeliveryReasons),
  /** Where the calendar has this transition now, if anywhere. */
  currentAt: instantSchema.optional(),
});

export const dateChangeSchema = z.strictObject({
  field: z.string().meta({ description: 'Path of the changed date, e.g. calls.photo-contest.closesAt.' }),
  from: instantSchema,
  to: instantSchema,
});
export type DateChange = z.output<typeof dateChangeSchema>;

export const calendarChangedEntrySchema = z.strictObject({
  kind: z.literal('calendar-changed'),
  at: instantSchema,
  actor,
  reason,
  /** The definition's version after the change. */
  version: z.int().min(2),
  changes: z.array(dateChangeSchema).min(1),
});

export const extensionGrantedEntrySchema = z.strictObject({
  kind: z.literal('extension-granted'),
  at: instantSchema,
  actor,
  reason,
  call: z.enum(callKinds),
  grantee: extensionGranteeSchema,
  until: instantSchema,
});

/**
 * Personal-data entries never hold the address in clear: `addressKey` is its SHA-256 (as every
 * record keyed by address is), so the Secretariat can tell, from an address it is given, whether
 * and when it was exported or erased, while the trail itself shows nobody's address.
 */
const addressKeySchema = z
  .string()
  .min(1)
  .max(64)
  .meta({ description: 'SHA-256 (base64url) of the normalized address; never the address itself.' });

export const personalDataExportedEntrySchema = z.strictObject({
  kind: z.literal('personal-data-exported'),
  at: instantSchema,
  actor,
  addressKey: addressKeySchema,
  /** What the export found in this consultation (and, for global records, everywhere). */
  found: personalDataCountsSchema,
});

export const personalDataErasedEntrySchema = z.strictObject({
  kind: z.literal('personal-data-erased'),
  at: instantSchema,
  /** The signer of an erasure request, or `retention` for the scheduled erasure of the consultation. */
  actor,
  scope: z.enum(['address', 'consultation']),
  addressKey: addressKeySchema.optional(),
  reason: reason.optional(),
  erased: personalDataCountsSchema,
});

export const auditEntrySchema = z
  .discriminatedUnion('kind', [
    transitionAppliedEntrySchema,
    deliveryIgnoredEntrySchema,
    calendarChangedEntrySchema,
    extensionGrantedEntrySchema,
    personalDataExportedEntrySchema,
    personalDataErasedEntrySchema,
  ])
  .meta({ id: 'AuditEntry', description: 'One entry of a consultation’s audit trail.' });

export type AuditEntry = z.output<typeof auditEntrySchema>;
export type TransitionAppliedEntry = z.output<typeof transitionAppliedEntrySchema>;
export type DeliveryIgnoredEntry = z.output<typeof deliveryIgnoredEntrySchema>;
export type CalendarChangedEntry = z.output<typeof calendarChangedEntrySchema>;
export type ExtensionGrantedEntry = z.output<typeof extensionGrantedEntrySchema>;
export type PersonalDataExportedEntry = z.output<typeof personalDataExportedEntrySchema>;
export type PersonalDataErasedEntry = z.output<typeof personalDataErasedEntrySchema>;
