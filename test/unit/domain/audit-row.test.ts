import { describe, expect, it } from 'vitest';
import { auditCsv } from '../../../shared/domain/audit-csv.ts';
import type { AuditEntry } from '../../../shared/domain/audit-entry.ts';
import { auditRow } from '../../../shared/domain/audit-row.ts';
import { csvField } from '../../../shared/domain/csv.ts';

const secretariat = 'arn:aws:iam::000000000000:user/local-secretariat';

const entries = {
  applied: {
    kind: 'transition-applied',
    at: '2022-03-07T13:00:05.000Z',
    transitionId: 'call-photo-contest-close',
    scheduleName: 'wsis-forum-2022-call-photo-contest-close',
    scheduledAt: '2022-03-07T13:00:00.000Z',
    trigger: 'schedule',
    lateBySeconds: 5,
    effect: 'Photo contest closed',
  },
  caughtUp: {
    kind: 'transition-applied',
    at: '2022-03-08T09:00:00.000Z',
    transitionId: 'phase-2-start',
    scheduleName: 'wsis-forum-2022-phase-2-start',
    scheduledAt: '2022-03-08T08:00:00.000Z',
    trigger: 'catch-up',
    lateBySeconds: 3600,
    effect: 'Phase II started',
  },
  ignored: {
    kind: 'delivery-ignored',
    at: '2022-03-07T13:00:00.000Z',
    transitionId: 'call-official-submission-close',
    scheduleName: 'wsis-forum-2022-call-official-submission-close',
    scheduledAt: '2022-03-07T13:00:00.000Z',
    reason: 'not-in-calendar',
    currentAt: '2022-03-11T13:00:00.000Z',
  },
  changed: {
    kind: 'calendar-changed',
    at: '2022-03-06T12:00:00.000Z',
    actor: secretariat,
    reason: 'Photo contest extended to 11 March',
    version: 2,
    changes: [
      {
        field: 'calls.photo-contest.closesAt',
        from: '2022-03-07T13:00:00.000Z',
        to: '2022-03-11T13:00:00.000Z',
      },
      { field: 'phases.2.startsAt', from: '2022-03-08T08:00:00.000Z', to: '2022-03-09T08:00:00.000Z' },
    ],
  },
  extended: {
    kind: 'extension-granted',
    at: '2022-03-06T12:30:00.000Z',
    actor: secretariat,
    reason: 'Connectivity outage',
    call: 'official-submission',
    grantee: { kind: 'organization', organization: 'Ministry of Digital Economy' },
    until: '2022-03-10T13:00:00.000Z',
    replaced: {
      until: '2022-03-08T13:00:00.000Z',
      reason: 'First request',
      grantedAt: '2022-03-05T10:00:00.000Z',
      grantedBy: secretariat,
    },
  },
  announced: {
    kind: 'announcement-sent',
    at: '2022-03-06T13:00:00.000Z',
    actor: secretariat,
    announcementId: '0123456789abcdef',
    waveId: 'announcement-0123456789abcdef',
    subject: 'Phase II, "hybrid", starts soon',
  },
  reconciled: {
    kind: 'schedules-reconciled',
    at: '2022-03-06T14:00:00.000Z',
    actor: secretariat,
    created: [{ name: 'wsis-forum-2022-phase-2-start', at: '2022-03-08T08:00:00.000Z' }],
    updated: [
      {
        name: 'wsis-forum-2022-call-photo-contest-close',
        from: '2022-03-07T13:00:00.000Z',
        to: '2022-03-11T13:00:00.000Z',
      },
    ],
    deleted: [{ name: 'wsis-forum-2022-deadline-20220307T1300Z-P7D' }],
    caughtUp: ['call-photo-contest-open'],
  },
} as const satisfies Record<string, AuditEntry>;

describe('audit rows: who, what, when, before, after, why, for every kind', () => {
  it('reads a transition as the engine’s own action with its effect after, and the call it concerns', () => {
    expect(auditRow(entries.applied)).toEqual({
      at: '2022-03-07T13:00:05.000Z',
      kind: 'transition-applied',
      actor: 'system:scheduler',
      subject: 'call-photo-contest-close',
      before: null,
      after: {
        effect: 'Photo contest closed',
        scheduledAt: '2022-03-07T13:00:00.000Z',
        lateBySeconds: 5,
        scheduleName: 'wsis-forum-2022-call-photo-contest-close',
      },
      reason: null,
      calls: ['photo-contest'],
    });
    expect(auditRow(entries.caughtUp)).toMatchObject({ actor: 'system:reconciler', calls: [] });
  });

  it('reads an ignored delivery with the instant it was for (before) and where the calendar has it now (after)', () => {
    expect(auditRow(entries.ignored)).toMatchObject({
      actor: 'system:scheduler',
      before: { scheduledAt: '2022-03-07T13:00:00.000Z' },
      after: { currentAt: '2022-03-11T13:00:00.000Z' },
      reason: 'not-in-calendar',
      calls: ['official-submission'],
    });
  });

  it('reads a date change as each field from and to, with the new version, and the calls it moved', () => {
    expect(auditRow(entries.changed)).toEqual({
      at: '2022-03-06T12:00:00.000Z',
      kind: 'calendar-changed',
      actor: secretariat,
      subject: 'calls.photo-contest.closesAt, phases.2.startsAt',
      before: {
        'calls.photo-contest.closesAt': '2022-03-07T13:00:00.000Z',
        'phases.2.startsAt': '2022-03-08T08:00:00.000Z',
      },
      after: {
        'calls.photo-contest.closesAt': '2022-03-11T13:00:00.000Z',
        'phases.2.startsAt': '2022-03-09T08:00:00.000Z',
        version: 2,
      },
      reason: 'Photo contest extended to 11 March',
      calls: ['photo-contest'],
    });
  });

  it('reads an extension with the extension it replaced as before, or none', () => {
    expect(auditRow(entries.extended)).toMatchObject({
      subject: 'official-submission extension for organization Ministry of Digital Economy',
      before: { until: '2022-03-08T13:00:00.000Z', reason: 'First request' },
      after: { until: '2022-03-10T13:00:00.000Z' },
      calls: ['official-submission'],
    });
    const { replaced: _replaced, ...first } = entries.extended;
    expect(auditRow(first).before).toBeNull();
  });

  it('reads an announcement with its id and subject, and no reason when none was given', () => {
    expect(auditRow(entries.announced)).toMatchObject({
      actor: secretariat,
      subject: 'announcement 0123456789abcdef: Phase II, "hybrid", starts soon',
      before: null,
      after: { announcementId: '0123456789abcdef', waveId: 'announcement-0123456789abcdef' },
      reason: null,
      calls: [],
    });
  });
});

describe('audit rows of a reconcile', () => {
  it('reads what it repaired: moved and deleted schedules before, created and moved ones after', () => {
    expect(auditRow(entries.reconciled)).toEqual({
      at: '2022-03-06T14:00:00.000Z',
      kind: 'schedules-reconciled',
      actor: secretariat,
      subject: 'schedules: 1 created, 1 updated, 1 deleted, 1 caught up',
      before: {
        'wsis-forum-2022-call-photo-contest-close': '2022-03-07T13:00:00.000Z',
        'wsis-forum-2022-deadline-20220307T1300Z-P7D': null,
      },
      after: {
        'wsis-forum-2022-phase-2-start': '2022-03-08T08:00:00.000Z',
        'wsis-forum-2022-call-photo-contest-close': '2022-03-11T13:00:00.000Z',
        caughtUp: ['call-photo-contest-open'],
      },
      reason: null,
      calls: [],
    });
  });
});

describe('audit CSV (RFC 4180, UTF-8 with BOM)', () => {
  it('has a BOM, a header, one CRLF-ended line per entry, and JSON text for before and after', () => {
    const csv = auditCsv([auditRow(entries.changed), auditRow(entries.announced)]);
    expect(csv.startsWith('\uFEFFat,kind,actor,subject,before,after,reason\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe(
      '2022-03-06T12:00:00.000Z,calendar-changed,arn:aws:iam::000000000000:user/local-secretariat,' +
        '"calls.photo-contest.closesAt, phases.2.startsAt",' +
        '"{""calls.photo-contest.closesAt"":""2022-03-07T13:00:00.000Z"",""phases.2.startsAt"":""2022-03-08T08:00:00.000Z""}",' +
        '"{""calls.photo-contest.closesAt"":""2022-03-11T13:00:00.000Z"",""phases.2.startsAt"":""2022-03-09T08:00:00.000Z"",""version"":2}",' +
        'Photo contest extended to 11 March',
    );
    // No before, no reason: empty fields.
    expect(lines[2]).toMatch(
      /,"announcement 0123456789abcdef: Phase II, ""hybrid"", starts soon",,"\{.*\}",$/,
    );
    expect(lines[3]).toBe('');
  });

  it('quotes commas, quotes and line breaks, keeps any script, and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('تمديد الموعد')).toBe('تمديد الموعد');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@cmd')).toBe("'@cmd");
  });

  it('is just the header for no entries', () => {
    expect(auditCsv([])).toBe('\uFEFFat,kind,actor,subject,before,after,reason\r\n');
  });
});
