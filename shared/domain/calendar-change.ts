import * as z from 'zod';
import type { DateChange } from './audit-entry.ts';
import {
  type CallKind,
  type ConsultationDefinition,
  parseConsultationDefinition,
} from './consultation-definition.ts';
import { instantMilliseconds } from './instant.ts';

/**
 * The Secretariat moving dates of one call or one phase. A meeting occupies its phase's slot, so
 * moving a meeting is moving its phase. The rules, beyond the definition's own invariants:
 *
 * - a date that has already passed is history and stays as it is (grant per-submitter extensions
 *   instead of reopening a closed call);
 * - a new date lies in the future: a change never takes effect retroactively, so no submission
 *   accepted under the old deadline becomes late, and no schedule is created in the past.
 */
export type DateChangeRequest =
  | {
      readonly target: 'call';
      readonly call: CallKind;
      readonly opensAt?: string | undefined;
      readonly closesAt?: string | undefined;
    }
  | {
      readonly target: 'phase';
      readonly phase: number;
      readonly startsAt?: string | undefined;
      readonly endsAt?: string | undefined;
    };

export interface CalendarChangeError {
  /** The request field at fault (`closesAt`), or `definition...` for an invariant elsewhere. */
  readonly field: string;
  readonly message: string;
}

export type CalendarChangeResult =
  | {
      readonly outcome: 'changed';
      readonly definition: ConsultationDefinition;
      readonly changes: readonly DateChange[];
    }
  /** Every requested date equals the stored one: nothing to store (a retried request lands here). */
  | { readonly outcome: 'unchanged' }
  | { readonly outcome: 'not-found'; readonly detail: string }
  | { readonly outcome: 'invalid'; readonly errors: readonly CalendarChangeError[] };

const canonical = (instant: string): string => new Date(instantMilliseconds(instant)).toISOString();

export function changeCalendarDates(
  definition: ConsultationDefinition,
  request: DateChangeRequest,
  now: Date,
): CalendarChangeResult {
  const located = locate(definition, request);
  if (located === undefined) {
    return {
      outcome: 'not-found',
      detail:
        request.target === 'call'
          ? `The consultation has no ${request.call} call.`
          : `The consultation has no phase ${request.phase}.`,
    };
  }
  const { index, collection, requested, current } = located;

  const errors: CalendarChangeError[] = [];
  const changes: DateChange[] = [];
  const replacement: Record<string, string> = {};
  for (const [field, value] of Object.entries(requested)) {
    if (value === undefined) continue;
    const from = canonical(current[field] ?? value);
    const to = canonical(value);
    if (from === to) continue;
    if (Date.parse(from) <= now.getTime()) {
      errors.push({
        field,
        message: `${field} (${from}) has already passed; a past date is not changed`,
      });
    } else if (Date.parse(to) <= now.getTime()) {
      errors.push({ field, message: `The new ${field} must be in the future (now is ${now.toISOString()})` });
    } else {
      changes.push({ field: `${located.path}.${field}`, from, to });
      replacement[field] = to;
    }
  }
  if (errors.length > 0) return { outcome: 'invalid', errors };
  if (changes.length === 0) return { outcome: 'unchanged' };

  const candidate = {
    ...definition,
    [collection]: definition[collection].map((item, position) =>
      position === index ? { ...item, ...replacement } : item,
    ),
  };
  try {
    return { outcome: 'changed', definition: parseConsultationDefinition(candidate), changes };
  } catch (error) {
    if (!(error instanceof z.ZodError)) throw error;
    return {
      outcome: 'invalid',
      errors: error.issues.map((issue) => ({
        field: fieldOf(issue.path, collection, index) ?? `definition.${issue.path.map(String).join('.')}`,
        message: issue.message,
      })),
    };
  }
}

interface Located {
  readonly collection: 'calls' | 'phases';
  readonly index: number;
  /** How the changed item is named in a `DateChange` field path: `calls.photo-contest`, `phases.4`. */
  readonly path: string;
  readonly requested: Readonly<Record<string, string | undefined>>;
  readonly current: Readonly<Record<string, string | undefined>>;
}

function locate(definition: ConsultationDefinition, request: DateChangeRequest): Located | undefined {
  if (request.target === 'call') {
    const index = definition.calls.findIndex((call) => call.kind === request.call);
    const call = definition.calls[index];
    if (call === undefined) return undefined;
    return {
      collection: 'calls',
      index,
      path: `calls.${call.kind}`,
      requested: { opensAt: request.opensAt, closesAt: request.closesAt },
      current: { opensAt: call.opensAt, closesAt: call.closesAt },
    };
  }
  const index = definition.phases.findIndex((phase) => phase.number === request.phase);
  const phase = definition.phases[index];
  if (phase === undefined) return undefined;
  return {
    collection: 'phases',
    index,
    path: `phases.${phase.number}`,
    requested: { startsAt: request.startsAt, endsAt: request.endsAt },
    current: { startsAt: phase.startsAt, endsAt: phase.endsAt },
  };
}

/** An invariant broken on the changed item names the request field; elsewhere, undefined. */
function fieldOf(path: readonly PropertyKey[], collection: string, index: number): string | undefined {
  const [first, second, third] = path;
  if (first === collection && second === index && typeof third === 'string') return third;
  return undefined;
}
