import { describe, expect, it } from 'vitest';
import { renderAnswer, renderTable } from '../../../cli/answer-table.ts';

describe('answers as tables', () => {
  it('aligns a list of records in columns, numbers to the right, nested objects as dotted columns', () => {
    const text = renderTable([
      { kind: 'extension-granted', grantee: { kind: 'email', email: 'amina@example.org' }, days: 4 },
      {
        kind: 'calendar-changed',
        version: 12,
        days: 120,
        changes: [{ field: 'calls.photo-contest.closesAt' }],
      },
    ]);
    expect(text.split('\n')).toEqual([
      'kind               grantee.kind  grantee.email      days  version  changes',
      'extension-granted  email         amina@example.org     4',
      'calendar-changed                                     120       12  [{"field":"calls.photo-contest.closesAt"}]',
    ]);
  });

  it('shows an object as key and value lines, and each list inside it as a titled table', () => {
    const text = renderAnswer({
      consultationId: 'wsis-forum-2022',
      outcome: 'changed',
      schedules: {
        groupName: 'consultation-local-wsis-forum-2022',
        created: [{ name: 'wsis-forum-2022-deadline-20220311T1300Z-P2D', at: '2022-03-09T13:00:00.000Z' }],
        deleted: [],
      },
      actionLines: ['C2', 'C7'],
    });
    expect(text.split('\n')).toEqual([
      'consultationId       wsis-forum-2022',
      'outcome              changed',
      'schedules.groupName  consultation-local-wsis-forum-2022',
      'schedules.deleted    (none)',
      'actionLines          C2, C7',
      '',
      'schedules.created (1)',
      'name                                         at',
      'wsis-forum-2022-deadline-20220311T1300Z-P2D  2022-03-09T13:00:00.000Z',
    ]);
  });

  it('says (none) for an empty list, prints scalars as they are, and cuts long cells on a terminal', () => {
    expect(renderAnswer([])).toBe('(none)');
    expect(renderAnswer('text')).toBe('text');
    expect(renderAnswer(['a', 'b'])).toBe('a\nb');
    const cut = renderTable([{ effect: 'Call opened: Binding workshop requests' }], {
      emphasis: (text) => `*${text}*`,
      maxCellWidth: 12,
    });
    expect(cut.split('\n')).toEqual(['*effect      *', 'Call opened…']);
  });
});
