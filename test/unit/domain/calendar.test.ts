import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  callAcceptsWriteAt,
  consultationStateAt,
  phaseContains,
  type Transition,
  transitions,
} from '../../../shared/domain/calendar.ts';
import { type Call, callKinds } from '../../../shared/domain/consultation-definition.ts';
import { wsisForum2022 } from '../../../shared/domain/definitions/wsis-forum-2022.ts';
import { arbitraryDefinition } from './definition-arbitraries.ts';

const at = (iso: string) => new Date(iso);
const officialSubmissions = (): Call => {
  const call = wsisForum2022.calls.find((candidate) => candidate.kind === 'official-submission');
  if (call === undefined) throw new Error('No official-submission call');
  return call;
};

const rank: Record<Transition['kind'], number> = {
  'call-closed': 0,
  'phase-ended': 1,
  'phase-started': 2,
  'call-opened': 3,
};
const subjectOf = (transition: Transition) =>
  'phase' in transition ? transition.phase.number : callKinds.indexOf(transition.call.kind);

describe('WSIS Forum 2022 transitions', () => {
  it('lists every transition in order, closing calls before Phase IV starts at the same instant', () => {
    const ids = transitions(wsisForum2022).map((transition) => `${transition.at} ${transition.id}`);

    expect(ids).toEqual([
      '2021-08-19T12:00:00.000Z phase-1-start',
      '2021-08-19T12:00:00.000Z call-official-submission-open',
      '2021-08-19T12:00:00.000Z call-workshop-request-open',
      '2021-08-19T12:00:00.000Z call-hltf-nomination-open',
      '2021-08-19T12:00:00.000Z call-photo-contest-open',
      '2021-08-19T12:00:00.000Z call-regional-input-open',
      '2021-08-19T13:00:00.000Z phase-1-end',
      '2021-12-08T12:50:00.000Z phase-2-start',
      '2021-12-08T13:50:00.000Z phase-2-end',
      '2022-01-31T13:00:00.000Z phase-3-start',
      '2022-01-31T14:00:00.000Z phase-3-end',
      '2022-03-07T13:00:00.000Z call-official-submission-close',
      '2022-03-07T13:00:00.000Z call-workshop-request-close',
      '2022-03-07T13:00:00.000Z call-hltf-nomination-close',
      '2022-03-07T13:00:00.000Z call-photo-contest-close',
      '2022-03-07T13:00:00.000Z call-regional-input-close',
      '2022-03-07T13:00:00.000Z phase-4-start',
      '2022-03-07T14:00:00.000Z phase-4-end',
      '2022-05-02T12:00:00.000Z phase-5-start',
      '2022-05-02T13:00:00.000Z phase-5-end',
    ]);
  });
});

describe('the deadline rule', () => {
  it('accepts a write at opensAt and up to the last millisecond before closesAt, and refuses at closesAt', () => {
    const call = officialSubmissions();

    expect(callAcceptsWriteAt(call, at('2021-08-19T11:59:59.999Z'))).toBe(false);
    expect(callAcceptsWriteAt(call, at('2021-08-19T12:00:00.000Z'))).toBe(true);
    expect(callAcceptsWriteAt(call, at('2022-03-07T12:59:59.999Z'))).toBe(true);
    expect(callAcceptsWriteAt(call, at('2022-03-07T13:00:00.000Z'))).toBe(false);
  });

  it('holds for every call of random definitions (property)', () => {
    fc.assert(
      fc.property(arbitraryDefinition, (definition) => {
        for (const call of definition.calls) {
          const opensAt = Date.parse(call.opensAt);
          const closesAt = Date.parse(call.closesAt);

          expect(callAcceptsWriteAt(call, new Date(opensAt - 1))).toBe(false);
          expect(callAcceptsWriteAt(call, new Date(opensAt))).toBe(true);
          expect(callAcceptsWriteAt(call, new Date(closesAt - 1))).toBe(true);
          expect(callAcceptsWriteAt(call, new Date(closesAt))).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('consultation state of WSIS Forum 2022', () => {
  it('is before the first phase on the day of the letter', () => {
    const state = consultationStateAt(wsisForum2022, at('2021-08-16T09:00:00Z'));

    expect(state.currentPhase).toMatchObject({ status: 'before-first-phase', nextPhase: { number: 1 } });
    expect(state.openCalls).toEqual([]);
    expect(state.nextTransition?.id).toBe('phase-1-start');
    expect(state.nextDeadline?.id).toBe('call-official-submission-close');
  });

  it('is in Phase I, with every call open, at the very instant it starts', () => {
    const state = consultationStateAt(wsisForum2022, at('2021-08-19T12:00:00Z'));

    expect(state.currentPhase).toMatchObject({
      status: 'in-phase',
      phase: { number: 1 },
      nextPhase: { number: 2 },
    });
    expect(state.openCalls.map((call) => call.kind)).toEqual([...callKinds]);
    expect(state.nextTransition?.id).toBe('phase-1-end');
  });

  it('is between Phases III and IV a minute before the deadline, with the deadline next', () => {
    const state = consultationStateAt(wsisForum2022, at('2022-03-07T12:59:00Z'));

    expect(state.currentPhase).toMatchObject({
      status: 'between-phases',
      lastStartedPhase: { number: 3 },
      nextPhase: { number: 4 },
    });
    expect(state.openCalls).toHaveLength(5);
    expect(state.nextTransition?.id).toBe('call-official-submission-close');
    expect(state.nextDeadline).toMatchObject({
      kind: 'call-closed',
      at: '2022-03-07T13:00:00.000Z',
      call: { kind: 'official-submission' },
    });
  });

  it('is in Phase IV with every call closed at the deadline', () => {
    const state = consultationStateAt(wsisForum2022, at('2022-03-07T13:00:00Z'));

    expect(state.currentPhase).toMatchObject({ status: 'in-phase', phase: { number: 4 } });
    expect(state.openCalls).toEqual([]);
    expect(state.nextTransition?.id).toBe('phase-4-end');
    expect(state.nextDeadline).toBeUndefined();
  });

  it('is after the last phase once Phase V has ended', () => {
    const state = consultationStateAt(wsisForum2022, at('2022-05-02T13:00:00Z'));

    expect(state.currentPhase).toMatchObject({ status: 'after-last-phase', lastStartedPhase: { number: 5 } });
    expect(state.nextTransition).toBeUndefined();
  });
});

describe('transitions of random definitions (properties)', () => {
  it('are complete, uniquely identified, sorted, and tie-broken ends-before-starts', () => {
    fc.assert(
      fc.property(arbitraryDefinition, (definition) => {
        const all = transitions(definition);

        expect(all).toHaveLength(2 * definition.phases.length + 2 * definition.calls.length);
        expect(new Set(all.map((transition) => transition.id)).size).toBe(all.length);
        for (const phase of definition.phases) {
          const ids = all.filter((t) => 'phase' in t && t.phase === phase).map((t) => [t.id, t.at]);
          expect(ids).toEqual([
            [`phase-${phase.number}-start`, new Date(phase.startsAt).toISOString()],
            [`phase-${phase.number}-end`, new Date(phase.endsAt).toISOString()],
          ]);
        }
        for (const call of definition.calls) {
          const ids = all.filter((t) => 'call' in t && t.call === call).map((t) => [t.id, t.at]);
          expect(ids).toEqual([
            [`call-${call.kind}-open`, new Date(call.opensAt).toISOString()],
            [`call-${call.kind}-close`, new Date(call.closesAt).toISOString()],
          ]);
        }
        for (let index = 1; index < all.length; index += 1) {
          const previous = all[index - 1];
          const current = all[index];
          if (previous === undefined || current === undefined) throw new Error('unreachable');
          const order = Date.parse(previous.at) - Date.parse(current.at);
          expect(order).toBeLessThanOrEqual(0);
          if (order === 0) {
            expect([rank[previous.kind], subjectOf(previous)]).not.toEqual([
              rank[current.kind],
              subjectOf(current),
            ]);
            const rankOrder = rank[previous.kind] - rank[current.kind];
            expect(rankOrder < 0 || (rankOrder === 0 && subjectOf(previous) < subjectOf(current))).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('do not depend on the order in which calls are listed', () => {
    fc.assert(
      fc.property(arbitraryDefinition, (definition) => {
        const reversed = { ...definition, calls: [...definition.calls].reverse() };

        expect(transitions(reversed).map((t) => t.id)).toEqual(transitions(definition).map((t) => t.id));
      }),
      { numRuns: 100 },
    );
  });

  it('agree with the state at any instant', () => {
    fc.assert(
      fc.property(
        arbitraryDefinition,
        fc.double({ min: -0.1, max: 1.1, noNaN: true }),
        (definition, position) => {
          const all = transitions(definition);
          const first = Date.parse(all[0]?.at ?? '');
          const last = Date.parse(all[all.length - 1]?.at ?? '');
          // Often exactly on a transition, where the half-open rule matters; otherwise anywhere.
          const onTransition = all[Math.floor(Math.abs(position) * all.length) % all.length];
          const instant =
            position > 0.5 && onTransition !== undefined
              ? new Date(onTransition.at)
              : new Date(Math.round(first + position * (last - first)));
          const state = consultationStateAt(definition, instant);
          const time = instant.getTime();

          expect(state.openCalls).toEqual(
            definition.calls.filter((call) => callAcceptsWriteAt(call, instant)),
          );
          expect(state.nextTransition).toEqual(all.find((t) => Date.parse(t.at) > time));
          expect(state.nextDeadline).toEqual(
            all.find((t) => t.kind === 'call-closed' && Date.parse(t.at) > time),
          );

          const standing = state.currentPhase;
          switch (standing.status) {
            case 'in-phase':
              expect(phaseContains(standing.phase, instant)).toBe(true);
              break;
            case 'before-first-phase':
              expect(time).toBeLessThan(Date.parse(definition.phases[0]?.startsAt ?? ''));
              break;
            case 'between-phases':
              expect(time).toBeGreaterThanOrEqual(Date.parse(standing.lastStartedPhase.endsAt));
              expect(time).toBeLessThan(Date.parse(standing.nextPhase.startsAt));
              break;
            case 'after-last-phase':
              expect(standing.lastStartedPhase).toBe(definition.phases[definition.phases.length - 1]);
              expect(time).toBeGreaterThanOrEqual(Date.parse(standing.lastStartedPhase.endsAt));
              break;
          }
          expect(definition.phases.filter((phase) => phaseContains(phase, instant)).length).toBe(
            standing.status === 'in-phase' ? 1 : 0,
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
