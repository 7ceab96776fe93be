import * as z from 'zod';
import { callKinds, consultationDefinitionSchema, languages } from '../domain/consultation-definition.ts';
import { instantSchema } from '../domain/instant.ts';
import { localizedTextSchema } from '../domain/localized-text.ts';
import { isIanaTimeZone } from '../domain/time-zone.ts';

/** Wire contracts of the public consultation routes; the OpenAPI document is generated from them. */

export { consultationIdParams } from './consultation-id-params.ts';

const timeZoneSchema = z
  .string()
  .refine(isIanaTimeZone, 'Use an IANA time zone name, e.g. America/Bogota')
  .meta({ description: 'IANA time zone of the reader, to show every instant in it as well.' });

export const consultationViewQuery = z.strictObject({ timezone: timeZoneSchema.optional() });

export const calendarQuery = z.strictObject({
  lang: z
    .enum(languages)
    .optional()
    .meta({ description: 'Language of the event texts; English by default.' }),
});

/** An instant as the official zone and, when asked, the reader's zone show it. */
export const zonedInstantSchema = z
  .object({
    at: instantSchema,
    official: z
      .string()
      .meta({ description: 'Official wall time and zone label, e.g. `2022-03-07 14:00 CET`.' }),
    reader: z.string().optional().meta({
      description: 'The same instant in the time zone the request named, e.g. `2022-03-07 08:00 UTC-05:00`.',
    }),
  })
  .meta({ id: 'ZonedInstant' });

export const phaseStandingSchema = z
  .object({
    status: z.enum(['before-first-phase', 'in-phase', 'between-phases', 'after-last-phase']),
    phase: z.int().optional().meta({ description: 'Number of the phase under way, when one is.' }),
    lastStartedPhase: z.int().optional(),
    nextPhase: z.int().optional(),
  })
  .meta({ id: 'PhaseStanding' });

export const transitionViewSchema = z
  .object({
    id: z.string().meta({ description: 'Stable id, e.g. `call-official-submission-close`.' }),
    kind: z.enum(['phase-started', 'phase-ended', 'call-opened', 'call-closed']),
    phase: z.int().optional(),
    call: z.enum(callKinds).optional(),
    time: zonedInstantSchema,
  })
  .meta({ id: 'Transition' });

export const consultationStateSchema = z
  .object({
    at: instantSchema.meta({ description: 'The instant the state was computed for: the server clock.' }),
    phase: phaseStandingSchema,
    openCalls: z
      .array(z.enum(callKinds))
      .meta({ description: 'Calls accepting submissions at this instant.' }),
    nextTransition: transitionViewSchema.nullable(),
    nextDeadline: transitionViewSchema.nullable(),
  })
  .meta({ id: 'ConsultationState' });

export const consultationLinksSchema = z.object({
  self: z.string(),
  calendar: z.string(),
});

export const consultationViewSchema = z
  .object({
    id: z.string(),
    version: z.int().meta({ description: 'Grows with every stored change of the definition.' }),
    updatedAt: instantSchema,
    definition: consultationDefinitionSchema,
    state: consultationStateSchema,
    timeline: z.array(transitionViewSchema).meta({ description: 'Every transition, in order.' }),
    links: consultationLinksSchema,
  })
  .meta({ id: 'Consultation' });

export const consultationSummarySchema = z
  .object({
    id: z.string(),
    title: localizedTextSchema,
    officialTimeZone: z.string(),
    startsAt: instantSchema,
    endsAt: instantSchema,
    state: consultationStateSchema,
    links: consultationLinksSchema,
  })
  .meta({ id: 'ConsultationSummary' });

export const consultationListSchema = z
  .object({ consultations: z.array(consultationSummarySchema) })
  .meta({ id: 'ConsultationList' });

export type ConsultationView = z.output<typeof consultationViewSchema>;
export type ConsultationSummary = z.output<typeof consultationSummarySchema>;
export type ConsultationStateView = z.output<typeof consultationStateSchema>;
export type TransitionView = z.output<typeof transitionViewSchema>;
