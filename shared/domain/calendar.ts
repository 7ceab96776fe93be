import {
  type Call,
  type CallKind,
  type ConsultationDefinition,
  callKinds,
  type Phase,
} from './consultation-definition.ts';
import { instantMilliseconds } from './instant.ts';

/**
 * The consultation's calendar, read from its definition at a given instant. Every interval is
 * half-open, [start, end): at the very instant a call closes it no longer accepts writes, and at the
 * instant a phase ends the next one (if it touches) has begun.
 *
 * Meetings have no transitions of their own: a meeting occupies its phase's slot, so "meeting
 * started" is "phase started" for a phase with a `meeting`.
 */

export type TransitionKind = 'phase-started' | 'phase-ended' | 'call-opened' | 'call-closed';

interface TransitionBase {
  /**
   * Stable and unique within a definition, independent of the dates (`phase-1-start`,
   * `call-official-submission-close`), so that a moved date updates the same schedule.
   */
  id: string;
  /** Canonical `toISOString()` form of the instant. */
  at: string;
}

export interface PhaseTransition extends TransitionBase {
  kind: 'phase-started' | 'phase-ended';
  phase: Phase;
}

export interface CallTransition extends TransitionBase {
  kind: 'call-opened' | 'call-closed';
  call: Call;
}

export type Transition = PhaseTransition | CallTransition;
export type CallClosedTransition = CallTransition & { kind: 'call-closed' };

/**
 * Order among transitions at the same instant: whatever ends comes before whatever begins, because
 * with half-open intervals the ending has already taken effect when the beginning does. So calls
 * close, then the phase ends, then the next phase starts, then calls open: Phase IV starts at the
 * submission deadline, after the calls have closed.
 */
const rankAtSameInstant: Readonly<Record<TransitionKind, number>> = {
  'call-closed': 0,
  'phase-ended': 1,
  'phase-started': 2,
  'call-opened': 3,
};

function subjectRank(transition: Transition): number {
  // Phases by number, calls in the fixed order of `callKinds`, so a definition's list order does
  // not change the calendar.
  return 'phase' in transition ? transition.phase.number : callKinds.indexOf(transition.call.kind);
}

function compareTransitions(left: Transition, right: Transition): number {
  return (
    Date.parse(left.at) - Date.parse(right.at) ||
    rankAtSameInstant[left.kind] - rankAtSameInstant[right.kind] ||
    subjectRank(left) - subjectRank(right)
  );
}

function canonicalInstant(instant: string): string {
  return new Date(instantMilliseconds(instant)).toISOString();
}

export function phaseTransitionId(phaseNumber: number, edge: 'start' | 'end'): string {
  return `phase-${phaseNumber}-${edge}`;
}

export function callTransitionId(kind: CallKind, edge: 'open' | 'close'): string {
  return `call-${kind}-${edge}`;
}

/**
 * Every transition of the definition, in chronological order; ties broken as documented on
 * `rankAtSameInstant`, then by phase number or call kind. Two per phase and two per call.
 */
export function transitions(definition: ConsultationDefinition): Transition[] {
  const all: Transition[] = [];
  for (const phase of definition.phases) {
    all.push(
      {
        id: phaseTransitionId(phase.number, 'start'),
        kind: 'phase-started',
        at: canonicalInstant(phase.startsAt),
        phase,
      },
      {
        id: phaseTransitionId(phase.number, 'end'),
        kind: 'phase-ended',
        at: canonicalInstant(phase.endsAt),
        phase,
      },
    );
  }
  for (const call of definition.calls) {
    all.push(
      {
        id: callTransitionId(call.kind, 'open'),
        kind: 'call-opened',
        at: canonicalInstant(call.opensAt),
        call,
      },
      {
        id: callTransitionId(call.kind, 'close'),
        kind: 'call-closed',
        at: canonicalInstant(call.closesAt),
        call,
      },
    );
  }
  return all.sort(compareTransitions);
}

/** The deadline rule: a call accepts a write at `at` iff opensAt <= at < closesAt. */
export function callAcceptsWriteAt(call: Call, at: Date): boolean {
  const time = at.getTime();
  return instantMilliseconds(call.opensAt) <= time && time < instantMilliseconds(call.closesAt);
}

/** True when the phase's half-open interval [startsAt, endsAt) contains `at`. */
export function phaseContains(phase: Phase, at: Date): boolean {
  const time = at.getTime();
  return instantMilliseconds(phase.startsAt) <= time && time < instantMilliseconds(phase.endsAt);
}

/**
 * Where the consultation stands relative to its phases. Phases are short slots with long gaps
 * between them, so "the current phase" is often no phase at all; the status says which case holds.
 */
export type PhaseStanding =
  /** No phase has started yet. */
  | { status: 'before-first-phase'; nextPhase: Phase }
  /** `phase` contains the instant. */
  | { status: 'in-phase'; phase: Phase; nextPhase: Phase | undefined }
  /** Between two phases: `lastStartedPhase` has ended, `nextPhase` has not started. */
  | { status: 'between-phases'; lastStartedPhase: Phase; nextPhase: Phase }
  /** Every phase has ended. */
  | { status: 'after-last-phase'; lastStartedPhase: Phase };

export interface ConsultationState {
  at: string;
  currentPhase: PhaseStanding;
  /** Calls accepting writes at the instant, in the definition's order. */
  openCalls: Call[];
  /** The first transition strictly after the instant (those at the instant have taken effect). */
  nextTransition: Transition | undefined;
  /** The first call closing strictly after the instant, whether or not that call is open yet. */
  nextDeadline: CallClosedTransition | undefined;
}

function phaseStandingAt(phases: readonly Phase[], at: Date): PhaseStanding {
  const time = at.getTime();
  const nextIndex = phases.findIndex((phase) => time < instantMilliseconds(phase.startsAt));
  const nextPhase = nextIndex === -1 ? undefined : phases[nextIndex];
  const lastStartedPhase = phases[(nextIndex === -1 ? phases.length : nextIndex) - 1];
  if (lastStartedPhase === undefined) {
    if (nextPhase === undefined) {
      throw new Error('A consultation definition has at least one phase');
    }
    return { status: 'before-first-phase', nextPhase };
  }
  if (phaseContains(lastStartedPhase, at)) {
    return { status: 'in-phase', phase: lastStartedPhase, nextPhase };
  }
  return nextPhase === undefined
    ? { status: 'after-last-phase', lastStartedPhase }
    : { status: 'between-phases', lastStartedPhase, nextPhase };
}

function isCallClosed(transition: Transition): transition is CallClosedTransition {
  return transition.kind === 'call-closed';
}

/** The consultation as it stands at `at`: phase, open calls, and what happens next. */
export function consultationStateAt(definition: ConsultationDefinition, at: Date): ConsultationState {
  const time = at.getTime();
  const upcoming = transitions(definition).filter((transition) => Date.parse(transition.at) > time);
  return {
    at: at.toISOString(),
    currentPhase: phaseStandingAt(definition.phases, at),
    openCalls: definition.calls.filter((call) => callAcceptsWriteAt(call, at)),
    nextTransition: upcoming[0],
    nextDeadline: upcoming.find(isCallClosed),
  };
}

/** From the start of the first phase to the end of the last (phases are chronological). */
export function consultationSpan(definition: ConsultationDefinition): { startsAt: string; endsAt: string } {
  const first = definition.phases[0];
  const last = definition.phases.at(-1);
  if (first === undefined || last === undefined) {
    throw new Error('A consultation definition has at least one phase');
  }
  return { startsAt: first.startsAt, endsAt: last.endsAt };
}
