import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transitions } from '../../../shared/domain/calendar.ts';
import { wsisForum2022 } from '../../../shared/domain/definitions/index.ts';
import { reminderWaves } from '../../../shared/domain/reminder-wave.ts';
import {
  appliedKey,
  type ComparableSchedule,
  diffSchedules,
  scheduleName,
  schedulePlan,
} from '../../../shared/domain/schedule-plan.ts';
import { arbitraryDefinition } from './definition-arbitraries.ts';

const dayBeforePhaseOne = new Date('2021-08-18T12:00:00Z');
const withFingerprint = (schedules: readonly { name: string; at: string }[], mark = '') =>
  schedules.map((schedule) => ({ ...schedule, fingerprint: `${schedule.at}${mark}` }));

describe('schedule plan', () => {
  it('schedules every transition and every future reminder wave of WSIS 2022 before Phase I', () => {
    const plan = schedulePlan(wsisForum2022, dayBeforePhaseOne, new Set());
    expect(plan.catchUp).toEqual([]);
    expect(plan.schedules.filter((schedule) => schedule.kind === 'transition')).toHaveLength(20);
    // 12 waves, less the two before Phase I's meeting whose instants are not after now.
    expect(plan.schedules.filter((schedule) => schedule.kind === 'reminder-wave')).toHaveLength(10);
    expect(plan.passedWaves).toEqual(['meeting-phase-1-P7D', 'meeting-phase-1-P1D']);
    expect(plan.schedules.map((schedule) => schedule.name)).toContain(
      'wsis-forum-2022-deadline-20220307T1300Z-P7D',
    );
    expect(
      plan.schedules.find((schedule) => schedule.occurrenceId === 'deadline-20220307T1300Z-PT3H')?.at,
    ).toBe('2022-03-07T10:00:00.000Z');
    expect(plan.schedules.map((schedule) => Date.parse(schedule.at))).toEqual(
      plan.schedules.map((schedule) => Date.parse(schedule.at)).sort((left, right) => left - right),
    );
    expect(plan.schedules.map((schedule) => schedule.name)).toContain(
      'wsis-forum-2022-call-official-submission-close',
    );
    expect(plan.schedules.find((schedule) => schedule.occurrenceId === 'phase-5-start')?.at).toBe(
      '2022-05-02T12:00:00.000Z',
    );
  });

  it('catches up past transitions not yet applied, and never schedules in the past', () => {
    const now = new Date('2022-03-07T13:00:00Z');
    const applied = new Set([appliedKey('phase-1-start', '2021-08-19T12:00:00.000Z')]);
    const plan = schedulePlan(wsisForum2022, now, applied);
    // The deadline instant itself is caught up: a schedule for "now" may already be too late.
    expect(plan.catchUp.map((occurrence) => occurrence.transition.id)).toContain(
      'call-official-submission-close',
    );
    expect(plan.catchUp.map((occurrence) => occurrence.transition.id)).not.toContain('phase-1-start');
    expect(plan.schedules.every((schedule) => Date.parse(schedule.at) > now.getTime())).toBe(true);
    expect(
      plan.schedules.filter((schedule) => schedule.kind === 'transition').map((s) => s.occurrenceId),
    ).toEqual(['phase-4-end', 'phase-5-start', 'phase-5-end']);
    expect(
      plan.schedules.filter((schedule) => schedule.kind === 'reminder-wave').map((s) => s.occurrenceId),
    ).toEqual(['meeting-phase-5-P7D', 'meeting-phase-5-P1D']);
  });

  it('skips reminder waves whose instant has passed: never caught up, never scheduled', () => {
    // Three hours before the deadline, the 3-hour wave is due now; the earlier ones are past.
    const plan = schedulePlan(wsisForum2022, new Date('2022-03-07T10:00:00Z'), new Set());
    expect(plan.catchUp.every((occurrence) => occurrence.kind === 'transition')).toBe(true);
    expect(plan.passedWaves).toEqual(
      expect.arrayContaining([
        'deadline-20220307T1300Z-P14D',
        'deadline-20220307T1300Z-P7D',
        'deadline-20220307T1300Z-P2D',
        'deadline-20220307T1300Z-PT3H',
      ]),
    );
    expect(plan.schedules.map((schedule) => schedule.occurrenceId)).not.toContain(
      'deadline-20220307T1300Z-PT3H',
    );
  });

  it('treats a transition applied at an earlier instant as not applied at its moved instant', () => {
    const moved = {
      ...wsisForum2022,
      calls: wsisForum2022.calls.map((call) =>
        call.kind === 'photo-contest' ? { ...call, closesAt: '2022-03-11T13:00:00Z' } : call,
      ),
    };
    const applied = new Set([appliedKey('call-photo-contest-close', '2022-03-07T13:00:00.000Z')]);
    const plan = schedulePlan(moved, new Date('2022-03-12T00:00:00Z'), applied);
    expect(plan.catchUp.map((occurrence) => occurrence.transition.id)).toContain('call-photo-contest-close');
  });

  it('always partitions the occurrences: each is scheduled, caught up, applied or passed, once', () => {
    fc.assert(
      fc.property(arbitraryDefinition, fc.date({ noInvalidDate: true }), (definition, now) => {
        const all = transitions(definition);
        const applied = new Set(all.filter((_, index) => index % 3 === 0).map((t) => appliedKey(t.id, t.at)));
        const plan = schedulePlan(definition, now, applied);
        const scheduledTransitions = plan.schedules.filter((schedule) => schedule.kind === 'transition');
        expect(scheduledTransitions.length + plan.catchUp.length + applied.size).toBe(all.length);
        // And the waves: each scheduled or passed, once.
        const scheduledWaves = plan.schedules.filter((schedule) => schedule.kind === 'reminder-wave');
        expect(scheduledWaves.length + plan.passedWaves.length).toBe(reminderWaves(definition).length);
        for (const schedule of plan.schedules) expect(schedule.name.length).toBeLessThanOrEqual(64);
      }),
    );
  });
});

describe('retention erasure in the schedule plan', () => {
  const erasure = 'wsis-forum-2022-personal-data-erasure';

  it('schedules the erasure of WSIS 2022 at its retention instant, beside the transitions', () => {
    const plan = schedulePlan(wsisForum2022, dayBeforePhaseOne, new Set());
    const scheduled = plan.schedules.filter((schedule) => schedule.kind === 'personal-data-erasure');
    expect(scheduled).toEqual([
      {
        name: erasure,
        kind: 'personal-data-erasure',
        occurrenceId: 'personal-data-erasure',
        at: '2024-06-03T22:00:00.000Z',
      },
    ]);
    // The last schedule of all: nothing of the consultation comes after its erasure.
    expect(plan.schedules.at(-1)?.name).toBe(erasure);
  });

  it('schedules a past, unapplied erasure at the next whole minute instead of dropping it', () => {
    const now = new Date('2025-01-10T08:15:42.500Z');
    const plan = schedulePlan(wsisForum2022, now, new Set());
    expect(plan.schedules.find((schedule) => schedule.name === erasure)?.at).toBe('2025-01-10T08:16:00.000Z');
    expect(plan.schedules.every((schedule) => Date.parse(schedule.at) > now.getTime())).toBe(true);
  });

  it('schedules nothing once the erasure is applied at its instant', () => {
    const now = new Date('2025-01-10T08:15:00Z');
    const applied = new Set([appliedKey('personal-data-erasure', '2024-06-03T22:00:00.000Z')]);
    expect(schedulePlan(wsisForum2022, now, applied).schedules).toEqual([]);
  });

  it('has no erasure for a consultation without a retention period', () => {
    const { personalDataRetention: _retention, ...withoutRetention } = wsisForum2022;
    const plan = schedulePlan(withoutRetention, dayBeforePhaseOne, new Set());
    expect(plan.schedules.filter((schedule) => schedule.kind === 'personal-data-erasure')).toEqual([]);
  });
});

describe('schedule diff', () => {
  const desired = withFingerprint(
    schedulePlan(wsisForum2022, dayBeforePhaseOne, new Set()).schedules.map(({ name, at }) => ({ name, at })),
  );

  it('creates everything into an empty group, and changes nothing the second time', () => {
    // 20 transitions, 10 reminder waves and the retention erasure.
    expect(diffSchedules(desired, []).create).toHaveLength(31);
    const second = diffSchedules(desired, desired);
    expect(second).toEqual({
      create: [],
      update: [],
      delete: [],
      unchanged: desired.map((s) => s.name).sort(),
    });
  });

  it('updates only what differs and deletes what is no longer desired', () => {
    const photoClose = scheduleName('wsis-forum-2022', 'call-photo-contest-close');
    const deployed: ComparableSchedule[] = [
      ...desired.map((schedule) =>
        schedule.name === photoClose
          ? { ...schedule, at: '2022-03-07T13:00:00.000Z', fingerprint: 'old' }
          : schedule,
      ),
      { name: 'wsis-forum-2022-call-removed-close', at: undefined, fingerprint: 'x' },
    ];
    const diff = diffSchedules(desired, deployed);
    expect(diff.create).toEqual([]);
    expect(diff.update).toEqual([
      { name: photoClose, from: '2022-03-07T13:00:00.000Z', to: '2022-03-07T13:00:00.000Z' },
    ]);
    expect(diff.delete.map((schedule) => schedule.name)).toEqual(['wsis-forum-2022-call-removed-close']);
    expect(diff.unchanged).toHaveLength(30);
  });
});
