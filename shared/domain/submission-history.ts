import * as z from 'zod';
import { canonicalJson } from './canonical-json.ts';
import { instantSchema } from './instant.ts';

/**
 * What happened to a submission, when and on whose word: one event per change, stored in the same
 * conditional write as the change itself (see the submission repository), so an event exists exactly
 * when its change does. An edit names the fields it changed, never their values: the history holds
 * no personal data beyond what the submission holds, and erasing the submission's content leaves a
 * history that says nothing about the person.
 */

/** The token holder who created the submission; an admin action is recorded under the signer's ARN. */
export const submitterActor = 'submitter';

const actorSchema = z
  .string()
  .min(1)
  .max(2048)
  .meta({ description: '`submitter` (the holder of the edit token) or the IAM ARN of the admin who acted.' });

const eventBase = {
  at: instantSchema,
  actor: actorSchema,
  version: z.int().min(1).meta({ description: 'The submission’s version after this change.' }),
};

export const moderationDecisions = ['accept', 'reject', 'request-changes'] as const;
export type ModerationDecision = (typeof moderationDecisions)[number];

export const submissionHistoryEventSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('created'), ...eventBase, status: z.enum(['draft', 'submitted']) }),
    z.strictObject({
      kind: z.literal('edited'),
      ...eventBase,
      fields: z
        .array(z.string())
        .min(1)
        .meta({ description: 'Paths of the changed fields, e.g. `title`, `submitter.organization`.' }),
      edits: z
        .int()
        .min(2)
        .optional()
        .meta({
          description:
            'Present when several edits were merged into this event (a long history keeps its last edits ' +
            'together): how many; `fields` then names every field they changed, `at` and `version` the last.',
        }),
    }),
    z.strictObject({ kind: z.literal('submitted'), ...eventBase }),
    z.strictObject({ kind: z.literal('withdrawn'), ...eventBase }),
    z.strictObject({ kind: z.literal('moderated'), ...eventBase, decision: z.enum(moderationDecisions) }),
  ])
  .meta({ id: 'SubmissionHistoryEvent', description: 'One change of a submission.' });

export type SubmissionHistoryEvent = z.output<typeof submissionHistoryEventSchema>;

const isPlainObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The paths of the fields that differ between two contents, sorted: nested objects are followed
 * (`submitter.organization`), arrays and scalars compare as wholes (`actionLines`, `workshop.speakers`),
 * since the position of an array item says nothing a reader needs. A member added or removed counts.
 */
export function changedFields(before: unknown, after: unknown, prefix = ''): string[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const names = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return names.flatMap((name) => changedFields(before[name], after[name], `${prefix}${name}.`)).sort();
  }
  if (before === undefined || after === undefined) return before === after ? [] : [prefix.slice(0, -1)];
  return canonicalJson(before) === canonicalJson(after) ? [] : [prefix.slice(0, -1)];
}

/**
 * How many events a history keeps apart before a submitter's further edits merge into their last
 * edit event. The history lives in the submission's item (DynamoDB items hold 400 KB), and a form
 * that saves as one types may edit thousands of times: past this bound each edit still leaves a
 * trace (the merged event's count, fields, last instant and version), so the item stays small
 * whatever a client does. Status changes and moderations are never merged.
 */
export const historyEventsKeptApart = 200;

type EditedEvent = Extract<SubmissionHistoryEvent, { kind: 'edited' }>;

/** The history with one more edit: appended, or, past `historyEventsKeptApart`, merged into the last edit. */
export function withEdit(
  history: readonly SubmissionHistoryEvent[],
  edit: EditedEvent,
  keptApart = historyEventsKeptApart,
): SubmissionHistoryEvent[] {
  const last = history.at(-1);
  if (history.length < keptApart || last?.kind !== 'edited' || last.actor !== edit.actor) {
    return [...history, edit];
  }
  const merged: EditedEvent = {
    ...edit,
    fields: [...new Set([...last.fields, ...edit.fields])].sort(),
    edits: (last.edits ?? 1) + (edit.edits ?? 1),
  };
  return [...history.slice(0, -1), merged];
}
