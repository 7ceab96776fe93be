import { beforeEach, describe, expect, it } from 'vitest';
import { wsisForum2022 } from '../../shared/domain/definitions/index.ts';
import { type ApplyTransitionPorts, applyTransition } from '../../shared/use-cases/apply-transition.ts';
import {
  fixedSubmissionStatistics,
  inMemoryAuditTrail,
  inMemoryConsultations,
  inMemoryLedger,
  recordingMailer,
  settableClock,
} from '../support/in-memory-ports.ts';

const deadline = '2022-03-07T13:00:00.000Z';
const officialClose = {
  consultationId: 'wsis-forum-2022',
  transitionId: 'call-official-submission-close',
  scheduledAt: deadline,
};

describe('applying a transition', () => {
  let clock: ReturnType<typeof settableClock>;
  let ledger: ReturnType<typeof inMemoryLedger>;
  let audit: ReturnType<typeof inMemoryAuditTrail>;
  let mailer: ReturnType<typeof recordingMailer>;
  let ports: ApplyTransitionPorts;

  beforeEach(() => {
    clock = settableClock('2022-03-07T13:00:20Z');
    ledger = inMemoryLedger();
    audit = inMemoryAuditTrail(ledger);
    mailer = recordingMailer();
    ports = {
      clock,
      consultations: inMemoryConsultations(wsisForum2022),
      transitionLedger: ledger,
      auditTrail: audit,
      mailer,
      submissionStatistics: fixedSubmissionStatistics({ 'official-submission': 512 }),
    };
  });

  it('closes a call once and mails the Secretariat the counts, whatever the number of deliveries', async () => {
    const first = await applyTransition(ports, officialClose, 'schedule');
    const second = await applyTransition(ports, officialClose, 'schedule');
    expect(first).toMatchObject({
      outcome: 'applied',
      entry: { scheduleName: 'wsis-forum-2022-call-official-submission-close', lateBySeconds: 20 },
    });
    expect(second).toEqual({ outcome: 'already-applied' });
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]?.to).toEqual(['wsis-info@itu.int']);
    expect(mailer.sent[0]?.subject).toContain('512 submitted');
    expect(mailer.sent[0]?.text).toContain('2022-03-07 14:00 CET');
    expect(mailer.sent[0]?.text).toMatch(/Government: 512/);
    expect(await audit.list('wsis-forum-2022')).toHaveLength(1);
  });

  it('applies a delivery 24 hours late once, and says how late it was', async () => {
    clock.set('2022-03-08T13:00:00Z');
    const result = await applyTransition(ports, officialClose, 'schedule');
    expect(result).toMatchObject({ outcome: 'applied', entry: { lateBySeconds: 86_400 } });
    expect(await applyTransition(ports, officialClose, 'schedule')).toEqual({ outcome: 'already-applied' });
  });

  it('ignores, and records once, a delivery for a date that has moved', async () => {
    const stale = { ...officialClose, scheduledAt: '2022-03-01T13:00:00.000Z' };
    expect(await applyTransition(ports, stale, 'schedule')).toEqual({
      outcome: 'ignored',
      reason: 'not-in-calendar',
    });
    await applyTransition(ports, stale, 'schedule');
    expect(await audit.list('wsis-forum-2022')).toEqual([
      expect.objectContaining({ kind: 'delivery-ignored', reason: 'not-in-calendar', currentAt: deadline }),
    ]);
    expect(mailer.sent).toEqual([]);
  });

  it('never applies a transition before its instant', async () => {
    clock.set('2022-03-07T12:59:59Z');
    expect(await applyTransition(ports, officialClose, 'schedule')).toEqual({
      outcome: 'ignored',
      reason: 'not-yet-due',
    });
    expect(ledger.records.size).toBe(0);
  });

  it('releases its claim when the email fails, so the retry applies it', async () => {
    mailer.failNext = 1;
    await expect(applyTransition(ports, officialClose, 'schedule')).rejects.toThrow(/Throttling/);
    expect(await applyTransition(ports, officialClose, 'schedule')).toMatchObject({ outcome: 'applied' });
    expect(mailer.sent).toHaveLength(1);
  });

  it('stands back while a concurrent duplicate holds the claim', async () => {
    const [left, right] = await Promise.all([
      applyTransition(ports, officialClose, 'schedule'),
      applyTransition(ports, officialClose, 'schedule'),
    ]);
    expect([left.outcome, right.outcome].sort()).toEqual(['applied', 'in-progress']);
    expect(mailer.sent).toHaveLength(1);
  });

  it('says counts are unavailable where no statistics are wired in', async () => {
    await applyTransition({ ...ports, submissionStatistics: undefined }, officialClose, 'schedule');
    expect(mailer.sent[0]?.text).toContain('Submission counts are not available');
  });
});
