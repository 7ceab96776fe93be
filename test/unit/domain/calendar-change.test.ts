import { describe, expect, it } from 'vitest';
import { changeCalendarDates } from '../../../shared/domain/calendar-change.ts';
import { wsisForum2022 } from '../../../shared/domain/definitions/index.ts';

const beforeDeadline = new Date('2022-03-06T12:00:00Z');

describe('changing calendar dates', () => {
  it('moves the photo contest deadline from 7 to 11 March and names the change', () => {
    const result = changeCalendarDates(
      wsisForum2022,
      { target: 'call', call: 'photo-contest', closesAt: '2022-03-11T13:00:00Z' },
      beforeDeadline,
    );
    expect(result.outcome).toBe('changed');
    if (result.outcome !== 'changed') return;
    expect(result.changes).toEqual([
      {
        field: 'calls.photo-contest.closesAt',
        from: '2022-03-07T13:00:00.000Z',
        to: '2022-03-11T13:00:00.000Z',
      },
    ]);
    expect(result.definition.calls.find((call) => call.kind === 'photo-contest')?.closesAt).toBe(
      '2022-03-11T13:00:00.000Z',
    );
    expect(result.definition.calls.find((call) => call.kind === 'official-submission')?.closesAt).toBe(
      wsisForum2022.calls[0]?.closesAt,
    );
  });

  it('answers unchanged when the requested date is the stored one, in any spelling of the instant', () => {
    expect(
      changeCalendarDates(
        wsisForum2022,
        { target: 'call', call: 'photo-contest', closesAt: '2022-03-07T13:00:00.000Z' },
        beforeDeadline,
      ),
    ).toEqual({ outcome: 'unchanged' });
  });

  it('refuses to change a date that has passed, or to set one in the past', () => {
    const passed = changeCalendarDates(
      wsisForum2022,
      { target: 'call', call: 'photo-contest', opensAt: '2022-03-01T00:00:00Z' },
      beforeDeadline,
    );
    expect(passed).toMatchObject({ outcome: 'invalid', errors: [{ field: 'opensAt' }] });
    const intoThePast = changeCalendarDates(
      wsisForum2022,
      { target: 'call', call: 'photo-contest', closesAt: '2022-03-06T11:00:00Z' },
      beforeDeadline,
    );
    expect(intoThePast).toMatchObject({ outcome: 'invalid', errors: [{ field: 'closesAt' }] });
  });

  it('reports a broken invariant on the field the request set', () => {
    // Phase V may not start before Phase IV ends (2022-03-07T14:00Z), nor end before it starts.
    const result = changeCalendarDates(
      wsisForum2022,
      { target: 'phase', phase: 5, startsAt: '2022-05-02T14:00:00Z' },
      beforeDeadline,
    );
    expect(result).toMatchObject({ outcome: 'invalid', errors: [{ field: 'endsAt' }] });
  });

  it('moves a phase and the meeting it holds', () => {
    const result = changeCalendarDates(
      wsisForum2022,
      { target: 'phase', phase: 5, startsAt: '2022-05-03T12:00:00Z', endsAt: '2022-05-03T13:00:00Z' },
      beforeDeadline,
    );
    expect(result).toMatchObject({ outcome: 'changed' });
    if (result.outcome !== 'changed') return;
    expect(result.changes.map((change) => change.field)).toEqual(['phases.5.startsAt', 'phases.5.endsAt']);
    expect(result.definition.phases[4]?.meeting).toEqual(wsisForum2022.phases[4]?.meeting);
  });

  it('answers not-found for a call or phase the consultation does not have', () => {
    const withoutPhotoContest = {
      ...wsisForum2022,
      calls: wsisForum2022.calls.filter((call) => call.kind !== 'photo-contest'),
    };
    expect(
      changeCalendarDates(
        withoutPhotoContest,
        { target: 'call', call: 'photo-contest', closesAt: '2022-03-11T13:00:00Z' },
        beforeDeadline,
      ).outcome,
    ).toBe('not-found');
    expect(
      changeCalendarDates(
        wsisForum2022,
        { target: 'phase', phase: 9, endsAt: '2022-06-01T00:00:00Z' },
        beforeDeadline,
      ).outcome,
    ).toBe('not-found');
  });
});
