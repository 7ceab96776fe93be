import { describe, expect, it } from 'vitest';
import { wsisForum2022 } from '../../../shared/domain/definitions/index.ts';
import { renderReminderEmail } from '../../../shared/domain/email/reminder-email.ts';
import { announcementWave } from '../../../shared/domain/reminder-wave.ts';
import type {
  AnnouncementRepository,
  StoredAnnouncement,
} from '../../../shared/ports/announcement-repository.ts';
import type { ScheduleGateway, ScheduleSpec } from '../../../shared/ports/schedule-gateway.ts';
import { createAnnouncement } from '../../../shared/use-cases/create-announcement.ts';
import {
  inMemoryAuditTrail,
  inMemoryConsultations,
  inMemoryLedger,
  settableClock,
} from '../../support/in-memory-ports.ts';

function inMemoryAnnouncements(): AnnouncementRepository {
  const stored = new Map<string, StoredAnnouncement>();
  return {
    async create(announcement) {
      const existing = stored.get(announcement.id);
      if (existing !== undefined) return { outcome: 'exists', existing };
      stored.set(announcement.id, announcement);
      return { outcome: 'created' };
    },
    find: async (_consultationId, id) => stored.get(id),
    async markStartScheduled(_consultationId, id, at) {
      const existing = stored.get(id);
      if (existing !== undefined && existing.startScheduledAt === undefined) {
        stored.set(id, { ...existing, startScheduledAt: at.toISOString() });
      }
    },
  };
}

/** A Scheduler stand-in that records what is created, and refuses the first `refusals` creates. */
function recordingSchedules(refusals = 0): ScheduleGateway & { created: ScheduleSpec[] } {
  let refuse = refusals;
  const created: ScheduleSpec[] = [];
  return {
    created,
    groupFor: (id) => `group-${id}`,
    ensureGroup: async () => {},
    list: async () => [],
    fingerprint: (spec) => spec.name,
    async create(_group, spec) {
      if (refuse > 0) {
        refuse -= 1;
        throw Object.assign(new Error('The schedule expression is in the past'), {
          name: 'ValidationException',
        });
      }
      created.push(spec);
    },
    update: async () => {},
    delete: async () => {},
  };
}

const request = {
  consultationId: 'wsis-forum-2022',
  idempotencyKey: 'key-1',
  subject: { en: 'Phase II opens', fr: 'La phase II s’ouvre' },
  text: { en: 'Dear stakeholders,\n\nPhase II <opens>.\nWelcome.' },
  actor: 'arn:aws:iam::000000000000:user/local-secretariat',
};

function ports(schedules = recordingSchedules()) {
  return {
    clock: settableClock('2022-03-01T12:00:00.250Z'),
    consultations: inMemoryConsultations(wsisForum2022),
    announcements: inMemoryAnnouncements(),
    auditTrail: inMemoryAuditTrail(inMemoryLedger()),
    schedules,
  };
}

describe('creating an announcement', () => {
  it('stores it, audits it once and schedules its start once, however often it is retried', async () => {
    const given = ports();
    const first = await createAnnouncement(given, request);
    given.clock.set('2022-03-01T12:00:30Z');
    const second = await createAnnouncement(given, request);
    expect(first).toMatchObject({ outcome: 'accepted', replayed: false });
    expect(second).toMatchObject({ outcome: 'accepted', replayed: true });
    if (first.outcome !== 'accepted' || second.outcome !== 'accepted') return;
    expect(second.announcement).toEqual({
      ...first.announcement,
      startScheduledAt: '2022-03-01T12:00:00.250Z',
    });
    expect(given.schedules.created).toEqual([
      {
        consultationId: 'wsis-forum-2022',
        name: `wsis-forum-2022-announcement-${first.announcement.id}`,
        kind: 'reminder-wave',
        occurrenceId: `announcement-${first.announcement.id}`,
        at: '2022-03-01T12:00:00.250Z',
        timeZone: 'Europe/Zurich',
      },
    ]);
    expect([...given.auditTrail.recorded.values()]).toEqual([
      {
        kind: 'announcement-sent',
        at: '2022-03-01T12:00:00.250Z',
        actor: request.actor,
        announcementId: first.announcement.id,
        waveId: `announcement-${first.announcement.id}`,
        subject: 'Phase II opens',
      },
    ]);
  });

  it('refuses the same key with another body, and a consultation that does not exist', async () => {
    const given = ports();
    await createAnnouncement(given, request);
    expect(await createAnnouncement(given, { ...request, reason: 'Something else' })).toEqual({
      outcome: 'idempotency-key-reused',
    });
    expect(await createAnnouncement(given, { ...request, consultationId: 'nope' })).toEqual({
      outcome: 'consultation-not-found',
    });
  });

  it('starts at the next whole minute when the Scheduler refuses the current instant', async () => {
    const given = ports(recordingSchedules(1));
    expect(await createAnnouncement(given, request)).toMatchObject({ outcome: 'accepted' });
    expect(given.schedules.created.map((spec) => spec.at)).toEqual(['2022-03-01T12:01:00.000Z']);
  });

  it('renders each reader’s language, English where none was written, escaped, with the unsubscribe footer', async () => {
    const given = ports();
    const result = await createAnnouncement(given, request);
    if (result.outcome !== 'accepted') throw new Error(result.outcome);
    const wave = announcementWave(result.announcement);
    const render = (language: 'fr' | 'ar') =>
      renderReminderEmail({
        definition: wsisForum2022,
        definitionVersion: 1,
        definitionUpdatedAt: new Date('2022-01-01T00:00:00Z'),
        uidDomain: 'consultations.example.org',
        wave,
        recipient: { email: 'reader@example.org', language, source: 'subscriber' },
        unsubscribeUrl: 'https://consultations.example.org/v1/unsubscribe?token=t',
      });
    const french = render('fr');
    expect(french.subject).toBe('La phase II s’ouvre');
    // No French text was written: the English one, marked as English.
    expect(french.html).toContain('<div lang="en" dir="ltr">');
    expect(french.html).toContain('<p>Phase II &lt;opens&gt;.<br>Welcome.</p>');
    expect(french.text).toContain('Dear stakeholders,\n\nPhase II <opens>.\nWelcome.');
    expect(french.text).toContain('https://consultations.example.org/v1/unsubscribe?token=t');
    const arabic = render('ar');
    expect(arabic.subject).toBe('Phase II opens');
    expect(arabic.html).toContain('<html lang="ar" dir="rtl">');
    expect(arabic.attachments).toBeUndefined();
  });
});
