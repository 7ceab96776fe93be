import * as z from 'zod';
import { civilDateSchema, instantMilliseconds, instantSchema } from './instant.ts';
import { localizedTextSchema } from './localized-text.ts';
import { reminderOffsetMilliseconds, reminderOffsetSchema } from './reminder-offset.ts';
import { stakeholderTypeSchema } from './stakeholder-type.ts';
import { isIanaTimeZone } from './time-zone.ts';

// Re-exported so that code reading a definition finds its vocabulary in one import.
export { type Language, type LocalizedText, languages, localize } from './localized-text.ts';
export { type StakeholderType, stakeholderTypes } from './stakeholder-type.ts';

/**
 * What stakeholders can submit. A definition has at most one call of each kind, so the kind is the
 * call's identity in transition ids, schedule names and ICS UIDs.
 */
export const callKinds = [
  'official-submission',
  'workshop-request',
  'hltf-nomination',
  'photo-contest',
  'regional-input',
] as const;
export type CallKind = (typeof callKinds)[number];

export const meetingModes = ['virtual', 'physical', 'hybrid'] as const;
export type MeetingMode = (typeof meetingModes)[number];

/** Defaults of the reminder policy: waves 14 d, 7 d, 2 d and 3 h before a call closes. */
export const defaultRemindersBeforeCallClose = ['P14D', 'P7D', 'P2D', 'PT3H'] as const;
/** Defaults of the reminder policy: waves 7 d and 1 d before a meeting starts. */
export const defaultRemindersBeforeMeeting = ['P7D', 'P1D'] as const;

// Bounded so that `<id>-<transition id>` (at most 30 characters) fits the 64 characters that
// EventBridge Scheduler allows in a schedule name.
export const consultationIdSchema = z
  .string()
  .max(32)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use a lowercase slug such as wsis-forum-2022')
  .meta({ description: 'Stable slug of the consultation, e.g. wsis-forum-2022.' });

export const meetingSchema = z
  .strictObject({
    venue: localizedTextSchema.meta({ description: 'Where the meeting is held (or "Online").' }),
    mode: z
      .enum(meetingModes)
      .meta({ description: 'virtual, physical, or hybrid (physical with remote participation).' }),
    remoteParticipationUrl: z
      .url({ protocol: /^https?$/ })
      .optional()
      .meta({ description: 'Link for remote participation, once known.' }),
  })
  .meta({ description: 'The meeting held in the phase slot; it occupies the whole phase interval.' });

export const phaseSchema = z
  .strictObject({
    number: z.int().min(1).meta({ description: 'Position of the phase, 1..n, in chronological order.' }),
    name: localizedTextSchema,
    startsAt: instantSchema,
    endsAt: instantSchema.meta({ description: 'End of the phase (exclusive), after startsAt.' }),
    summary: localizedTextSchema.meta({ description: 'What happens in this phase.' }),
    meeting: meetingSchema.optional(),
  })
  .meta({ description: 'A phase of the consultation: the half-open interval [startsAt, endsAt).' });

export const callSchema = z
  .strictObject({
    kind: z.enum(callKinds).meta({ description: 'What is submitted; unique within a consultation.' }),
    title: localizedTextSchema,
    opensAt: instantSchema.meta({ description: 'First instant at which the call accepts a write.' }),
    closesAt: instantSchema.meta({
      description: 'Deadline: the call accepts a write at t when opensAt <= t < closesAt.',
    }),
    referencePrefix: z
      .string()
      .regex(/^[A-Z]{2,4}$/, 'Use 2 to 4 capital letters, e.g. OS')
      .optional()
      .meta({ description: 'Prefix of the human-readable references of submissions, e.g. OS.' }),
  })
  .meta({ description: 'A call for submissions, open on [opensAt, closesAt).' });

export const forumSchema = z
  .strictObject({
    opensOn: civilDateSchema.meta({ description: 'Date the forum opens (a date: no time is published).' }),
    finalWeek: z.strictObject({
      startsOn: civilDateSchema,
      endsOn: civilDateSchema.meta({ description: 'Last day of the final week (inclusive).' }),
    }),
    venue: localizedTextSchema,
  })
  .meta({ description: 'The forum that the consultation prepares.' });

export const reminderPolicySchema = z
  .strictObject({
    beforeCallClose: z
      .array(reminderOffsetSchema)
      .default([...defaultRemindersBeforeCallClose])
      .meta({ description: 'Reminder waves before each call closes.' }),
    beforeMeeting: z
      .array(reminderOffsetSchema)
      .default([...defaultRemindersBeforeMeeting])
      .meta({ description: 'Reminder waves before each meeting starts.' }),
  })
  .meta({ description: 'When reminder waves go out, as durations before the event.' });

const consultationDefinitionShape = z.strictObject({
  id: consultationIdSchema,
  title: localizedTextSchema,
  referencePrefix: z
    .string()
    .regex(
      /^[A-Z][A-Z0-9]{1,9}$/,
      'Use 2 to 10 capital letters or digits, starting with a letter, e.g. WSIS22',
    )
    .optional()
    .meta({
      description:
        'First part of the human-readable submission references, e.g. WSIS22 in WSIS22-OS-000042; ' +
        'without it, the consultation id in capitals.',
    }),
  theme: localizedTextSchema,
  organisers: z.array(localizedTextSchema).min(1),
  contactEmail: z.email().meta({ description: 'Reply-to address of every email sent for the consultation.' }),
  officialTimeZone: z
    .string()
    .refine(isIanaTimeZone, 'Use an IANA time zone name, e.g. Europe/Zurich')
    .meta({ description: 'IANA zone in which times are published, e.g. Europe/Zurich.' }),
  stakeholderTypes: z.array(stakeholderTypeSchema).min(1),
  phases: z.array(phaseSchema).min(1),
  calls: z.array(callSchema),
  forum: forumSchema.optional(),
  reminderPolicy: reminderPolicySchema.default({
    beforeCallClose: [...defaultRemindersBeforeCallClose],
    beforeMeeting: [...defaultRemindersBeforeMeeting],
  }),
  personalDataRetention: z
    .strictObject({
      eraseAt: instantSchema.meta({
        description:
          'When the personal data of every submission, subscription and send record of the consultation ' +
          'is erased, on schedule (counts stay). After the last phase and every call.',
      }),
    })
    .optional()
    .meta({ description: 'How long the consultation keeps personal data.' }),
});

type DefinitionShape = z.output<typeof consultationDefinitionShape>;

// Absent optional values (`undefined`) never clash: calls without a reference prefix are fine.
function reportDuplicates<T>(
  values: readonly (T | undefined)[],
  context: z.RefinementCtx,
  path: (index: number) => PropertyKey[],
  message: (value: T) => string,
): void {
  const seen = new Set<T>();
  values.forEach((value, index) => {
    if (value === undefined) {
      return;
    }
    if (seen.has(value)) {
      context.addIssue({ code: 'custom', message: message(value), path: path(index) });
    }
    seen.add(value);
  });
}

/** The rules a definition obeys beyond field shapes; each issue carries the path of the culprit. */
function checkInvariants(definition: DefinitionShape, context: z.RefinementCtx): void {
  let previousPhase: DefinitionShape['phases'][number] | undefined;
  definition.phases.forEach((phase, index) => {
    if (phase.number !== index + 1) {
      context.addIssue({
        code: 'custom',
        message: `Phases are numbered consecutively from 1: expected ${index + 1}, got ${phase.number}`,
        path: ['phases', index, 'number'],
      });
    }
    if (instantMilliseconds(phase.endsAt) <= instantMilliseconds(phase.startsAt)) {
      context.addIssue({
        code: 'custom',
        message: `Phase ${phase.number} must end after it starts`,
        path: ['phases', index, 'endsAt'],
      });
    }
    // Phases may touch (intervals are half-open) but not overlap or go back in time.
    if (
      previousPhase !== undefined &&
      instantMilliseconds(phase.startsAt) < instantMilliseconds(previousPhase.endsAt)
    ) {
      context.addIssue({
        code: 'custom',
        message: `Phase ${phase.number} starts before the previous phase ends; phases are chronological and do not overlap`,
        path: ['phases', index, 'startsAt'],
      });
    }
    previousPhase = phase;
  });

  definition.calls.forEach((call, index) => {
    if (instantMilliseconds(call.closesAt) <= instantMilliseconds(call.opensAt)) {
      context.addIssue({
        code: 'custom',
        message: `The ${call.kind} call must close after it opens`,
        path: ['calls', index, 'closesAt'],
      });
    }
  });
  reportDuplicates(
    definition.calls.map((call) => call.kind),
    context,
    (index) => ['calls', index, 'kind'],
    (kind) => `There is already a ${kind} call; call kinds are unique`,
  );
  reportDuplicates(
    definition.calls.map((call) => call.referencePrefix),
    context,
    (index) => ['calls', index, 'referencePrefix'],
    (prefix) => `Reference prefix ${String(prefix)} is already used by another call`,
  );

  reportDuplicates(
    definition.stakeholderTypes,
    context,
    (index) => ['stakeholderTypes', index],
    (type) => `Stakeholder type ${type} is listed twice`,
  );

  if (definition.forum !== undefined) {
    const { opensOn, finalWeek } = definition.forum;
    // ISO dates compare correctly as strings.
    if (finalWeek.endsOn < finalWeek.startsOn) {
      context.addIssue({
        code: 'custom',
        message: 'The final week must not end before it starts',
        path: ['forum', 'finalWeek', 'endsOn'],
      });
    }
    if (finalWeek.startsOn < opensOn) {
      context.addIssue({
        code: 'custom',
        message: 'The forum must open no later than its final week starts',
        path: ['forum', 'opensOn'],
      });
    }
  }

  const retention = definition.personalDataRetention;
  if (retention !== undefined) {
    const lastInstants = [
      ...definition.phases.map((phase) => phase.endsAt),
      ...definition.calls.map((call) => call.closesAt),
    ].map(instantMilliseconds);
    // Erasing while a call accepts writes or a phase runs would erase people still taking part.
    if (instantMilliseconds(retention.eraseAt) < Math.max(...lastInstants)) {
      context.addIssue({
        code: 'custom',
        message: 'Personal data is erased only after the last phase ends and every call closes',
        path: ['personalDataRetention', 'eraseAt'],
      });
    }
  }

  for (const list of ['beforeCallClose', 'beforeMeeting'] as const) {
    reportDuplicates(
      definition.reminderPolicy[list].map(reminderOffsetMilliseconds),
      context,
      (index) => ['reminderPolicy', list, index],
      () => 'This reminder offset repeats an earlier one (same length)',
    );
  }
}

/**
 * A consultation as data: phases, calls, forum and reminder policy, in one official time zone.
 * Strict: unknown keys are rejected. Convertible with `z.toJSONSchema` (no transforms; the
 * invariants are refinements, which JSON Schema leaves out).
 */
export const consultationDefinitionSchema = consultationDefinitionShape
  // Invariants read a well-shaped definition only: Zod would otherwise run them after non-fatal
  // issues (a malformed instant, say) and report nonsense on top of the real problem.
  .superRefine(checkInvariants, { when: (payload) => payload.issues.length === 0 })
  .meta({ description: 'A phased consultation: its calendar of phases and calls, as data.' });

export type ConsultationDefinition = z.output<typeof consultationDefinitionSchema>;
/** The accepted input: like the output, but the reminder policy may be left to its defaults. */
export type ConsultationDefinitionInput = z.input<typeof consultationDefinitionSchema>;
export type Phase = ConsultationDefinition['phases'][number];
export type Meeting = NonNullable<Phase['meeting']>;
export type Call = ConsultationDefinition['calls'][number];
export type Forum = NonNullable<ConsultationDefinition['forum']>;
export type ReminderPolicy = ConsultationDefinition['reminderPolicy'];

/** Validates shape and invariants; throws a `z.ZodError` whose issues carry field paths. */
export function parseConsultationDefinition(input: unknown): ConsultationDefinition {
  return consultationDefinitionSchema.parse(input);
}
