import * as z from 'zod';
import { callKinds } from './consultation-definition.ts';
import { extensionGranteeSchema } from './extension.ts';
import { instantSchema } from './instant.ts';
import { personalDataCountsSchema } from './personal-data.ts';
import { moderationDecisions } from './submission-history.ts';

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
  /** The extension this one replaced (same call and grantee), if there was one: the "before". */
  replaced: z
    .strictObject({
      until: instantSchema,
      reason: z.string(),
      grantedAt: instantSchema,
      grantedBy: z.string(),
    })
    .optional(),
});

export const announcementSentEntrySchema = z.strictObject({
  kind: z.literal('announcement-sent'),
  at: instantSchema.meta({ description: 'When the Secretariat asked for the announcement to go out.' }),
  actor,
  reason: reason.optional(),
  announcementId: z.string(),
  /** The announcement's wave (`announcement-<id>`): its delivery figures are the wave's. */
  waveId: z.string(),
  /** The English subject (the other languages are on the announcement). */
  subject: z.string(),
});

const scheduledSchema = z.strictObject({ name: z.string(), at: instantSchema.optional() });

export const schedulesReconciledEntrySchema = z.strictObject({
  kind: z.literal('schedules-reconciled'),
  at: instantSchema,
  actor,
  /** Schedules made to match the calendar; only a reconcile that changed something is recorded. */
  created: z.array(scheduledSchema),
  updated: z.array(z.strictObject({ name: z.string(), from: instantSchema.optional(), to: instantSchema })),
  deleted: z.array(scheduledSchema),
  /** Past transitions applied by this reconcile (each also has its own transition entry). */
  caughtUp: z.array(z.string()),
});

/**
 * An export of a consultation's submissions (admin-export-submissions). The filters are kept but
 * never the words of a free-text search (`freeText: true` says there was one): they could name a
 * person, and an erased person must leave no trace in the trail.
 */
export const submissionsExportedEntrySchema = z.strictObject({
  kind: z.literal('submissions-exported'),
  at: instantSchema,
  actor,
  format: z.enum(['csv', 'json']),
  filters: z.strictObject({
    call: z.enum(callKinds).optional(),
    status: z.string().max(32).optional(),
    stakeholderType: z.string().max(64).optional(),
    country: z.string().max(2).optional(),
    region: z.string().max(64).optional(),
    subRegion: z.string().max(64).optional(),
    actionLine: z.string().max(32).optional(),
    sdg: z.int().min(1).max(17).optional(),
    freeText: z.literal(true).optional(),
  }),
  personalData: z.boolean().meta({ description: 'Whether the personal-data columns were exported.' }),
  rowCount: z.int().min(0),
});

/**
 * A moderation as the audit trail keeps it: the decision and who made it when. The message itself
 * stays on the submission (where erasing the person's data reaches it); the trail keeps its SHA-256,
 * which proves what was sent without holding words that may name the person.
 */
export const moderationSnapshotSchema = z.strictObject({
  decision: z.enum(moderationDecisions),
  decidedAt: instantSchema,
  decidedBy: actor,
  version: z.int().min(1),
  messageSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ModerationSnapshot = z.output<typeof moderationSnapshotSchema>;

export const workshopRequestModeratedEntrySchema = z.strictObject({
  kind: z.literal('workshop-request-moderated'),
  at: instantSchema,
  actor,
  reason: reason.optional(),
  call: z.literal('workshop-request'),
  submissionId: z.string(),
  reference: z.string(),
  before: moderationSnapshotSchema
    .nullable()
    .meta({ description: 'The moderation in force before; null if none.' }),
  after: moderationSnapshotSchema,
});
export type WorkshopRequestModeratedEntry = z.output<typeof workshopRequestModeratedEntrySchema>;
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
    submissionsExportedEntrySchema,
    announcementSentEntrySchema,
    schedulesReconciledEntrySchema,
    workshopRequestModeratedEntrySchema,
    personalDataExportedEntrySchema,
    personalDataErasedEntrySchema,
  ])
  .meta({ id: 'AuditEntry', description: 'One entry of a consultation’s audit trail.' });

export type AuditEntry = z.output<typeof auditEntrySchema>;
export type TransitionAppliedEntry = z.output<typeof transitionAppliedEntrySchema>;
export type DeliveryIgnoredEntry = z.output<typeof deliveryIgnoredEntrySchema>;
export type CalendarChangedEntry = z.output<typeof calendarChangedEntrySchema>;
export type ExtensionGrantedEntry = z.output<typeof extensionGrantedEntrySchema>;
export type SubmissionsExportedEntry = z.output<typeof submissionsExportedEntrySchema>;
export type AnnouncementSentEntry = z.output<typeof announcementSentEntrySchema>;
export type SchedulesReconciledEntry = z.output<typeof schedulesReconciledEntrySchema>;
export type PersonalDataExportedEntry = z.output<typeof personalDataExportedEntrySchema>;
export type PersonalDataErasedEntry = z.output<typeof personalDataErasedEntrySchema>;
