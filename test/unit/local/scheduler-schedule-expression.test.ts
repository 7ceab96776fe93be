import { describe, expect, it } from 'vitest';
import { parseScheduleExpression } from '../../../local/scheduler/schedule-expression.ts';

describe('parseScheduleExpression', () => {
  it('reads an at() expression as a wall-clock time', () => {
    expect(parseScheduleExpression('at(2022-03-07T14:00:05)')).toEqual({
      kind: 'at',
      wallClockTime: { year: 2022, month: 3, day: 7, hour: 14, minute: 0, second: 5 },
    });
  });

  it('refuses at() readings that are not on the calendar or not in the service format', () => {
    for (const text of [
      'at(2022-13-01T00:00:00)',
      'at(2021-02-29T00:00:00)',
      'at(2022-03-07T24:00:00)',
      'at(2022-03-07T14:00)',
      'at(2022-03-07T14:00:00Z)',
      'at(2022-03-07 14:00:00)',
      'at(2022-03-07T14:00:00.000)',
    ]) {
      expect(parseScheduleExpression(text), text).toBeUndefined();
    }
  });

  it('recognises rate() and cron() without interpreting them', () => {
    expect(parseScheduleExpression('rate(5 minutes)')).toEqual({ kind: 'rate' });
    expect(parseScheduleExpression('rate(1 day)')).toEqual({ kind: 'rate' });
    expect(parseScheduleExpression('cron(0 9 ? * MON *)')).toEqual({ kind: 'cron' });
  });

  it('refuses anything else', () => {
    for (const text of ['rate(0 minutes)', 'rate(5 weeks)', 'cron(0 9 * *)', 'every monday', '']) {
      expect(parseScheduleExpression(text), text).toBeUndefined();
    }
  });
});
