import type { ConsultationStateView, TransitionView } from '../contracts/consultation.ts';
import {
  type ConsultationState,
  consultationStateAt,
  type PhaseStanding,
  type Transition,
  transitions,
} from '../domain/calendar.ts';
import type { ConsultationDefinition } from '../domain/consultation-definition.ts';
import { zonedWallTime } from '../domain/time-zone.ts';

/**
 * Turns the domain's view of a consultation at an instant into the wire shapes of the contracts:
 * phases and calls by number and kind, every instant in UTC, in official time, and, when the reader
 * named one, in the reader's zone.
 */
export function presentTime(definition: ConsultationDefinition, at: string, readerTimeZone?: string) {
  const instant = new Date(at);
  return {
    at,
    official: zonedWallTime(definition.officialTimeZone, instant).text,
    ...(readerTimeZone === undefined ? {} : { reader: zonedWallTime(readerTimeZone, instant).text }),
  };
}

export function presentTransition(
  definition: ConsultationDefinition,
  transition: Transition,
  readerTimeZone?: string,
): TransitionView {
  return {
    id: transition.id,
    kind: transition.kind,
    ...('phase' in transition ? { phase: transition.phase.number } : { call: transition.call.kind }),
    time: presentTime(definition, transition.at, readerTimeZone),
  };
}

function presentPhaseStanding(standing: PhaseStanding): ConsultationStateView['phase'] {
  switch (standing.status) {
    case 'before-first-phase':
      return { status: standing.status, nextPhase: standing.nextPhase.number };
    case 'in-phase':
      return {
        status: standing.status,
        phase: standing.phase.number,
        ...(standing.nextPhase === undefined ? {} : { nextPhase: standing.nextPhase.number }),
      };
    case 'between-phases':
      return {
        status: standing.status,
        lastStartedPhase: standing.lastStartedPhase.number,
        nextPhase: standing.nextPhase.number,
      };
    case 'after-last-phase':
      return { status: standing.status, lastStartedPhase: standing.lastStartedPhase.number };
  }
}

export function presentState(
  definition: ConsultationDefinition,
  at: Date,
  readerTimeZone?: string,
): ConsultationStateView {
  const state: ConsultationState = consultationStateAt(definition, at);
  const present = (transition: Transition | undefined) =>
    transition === undefined ? null : presentTransition(definition, transition, readerTimeZone);
  return {
    at: state.at,
    phase: presentPhaseStanding(state.currentPhase),
    openCalls: state.openCalls.map((call) => call.kind),
    nextTransition: present(state.nextTransition),
    nextDeadline: present(state.nextDeadline),
  };
}

export function presentTimeline(
  definition: ConsultationDefinition,
  readerTimeZone?: string,
): TransitionView[] {
  return transitions(definition).map((transition) =>
    presentTransition(definition, transition, readerTimeZone),
  );
}

export function consultationLinks(id: string) {
  const self = `/v1/consultations/${encodeURIComponent(id)}`;
  return { self, calendar: `${self}/calendar.ics` };
}
