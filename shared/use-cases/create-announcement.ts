import { createHash } from 'node:crypto';
import {
  type Announcement,
  type AnnouncementSubject,
  type AnnouncementText,
  announcementWaveId,
} from '../domain/announcement.ts';
import type { AnnouncementSentEntry } from '../domain/audit-entry.ts';
import { canonicalJson } from '../domain/canonical-json.ts';
import { scheduleName } from '../domain/schedule-plan.ts';
import type { AnnouncementRepository } from '../ports/announcement-repository.ts';
import type { AuditTrail } from '../ports/audit-trail.ts';
import type { Clock } from '../ports/clock.ts';
import type { ConsultationRepository } from '../ports/consultation-repository.ts';
import type { ScheduleGateway } from '../ports/schedule-gateway.ts';

/**
 * The Secretariat sends an announcement: stored (its id derived from the Idempotency-Key, so a
 * retried POST finds the first one and starts nothing twice), recorded in the audit trail, and
 * started asynchronously by a one-time schedule at the current instant targeting the same
 * `start-reminder-wave` function as reminder waves. A fan-out to thousands of subscribers outlasts
 * API Gateway's 29 seconds; the Scheduler's retries and dead-letter queue then cover the start as
 * they cover every wave. Each step is idempotent, so a retry after a crash half-way finishes it.
 */
export interface CreateAnnouncementPorts {
  readonly clock: Clock;
  readonly consultations: ConsultationRepository;
  readonly announcements: AnnouncementRepository;
  readonly auditTrail: AuditTrail;
  readonly schedules: ScheduleGateway;
}

export interface CreateAnnouncementRequest {
  readonly consultationId: string;
  readonly idempotencyKey: string;
  readonly subject: AnnouncementSubject;
  readonly text: AnnouncementText;
  readonly reason?: string;
  readonly actor: string;
}

export type CreateAnnouncementResult =
  | { readonly outcome: 'accepted'; readonly announcement: Announcement; readonly replayed: boolean }
  | { readonly outcome: 'consultation-not-found' }
  | { readonly outcome: 'idempotency-key-reused' };

/** 16 hex digits of SHA-256 over the consultation and the key: the same key, the same announcement. */
export function announcementIdFor(consultationId: string, idempotencyKey: string): string {
  return createHash('sha256').update(`${consultationId}\n${idempotencyKey}`).digest('hex').slice(0, 16);
}

export async function createAnnouncement(
  ports: CreateAnnouncementPorts,
  request: CreateAnnouncementRequest,
): Promise<CreateAnnouncementResult> {
  const stored = await ports.consultations.find(request.consultationId);
  if (stored === undefined) return { outcome: 'consultation-not-found' };
  const now = ports.clock.now();
  const requestSha256 = createHash('sha256')
    .update(
      canonicalJson({
        subject: request.subject,
        text: request.text,
        ...(request.reason === undefined ? {} : { reason: request.reason }),
      }),
    )
    .digest('hex');
  const candidate: Announcement = {
    consultationId: request.consultationId,
    id: announcementIdFor(request.consultationId, request.idempotencyKey),
    subject: request.subject,
    text: request.text,
    ...(request.reason === undefined ? {} : { reason: request.reason }),
    createdAt: now.toISOString(),
    createdBy: request.actor,
    requestSha256,
  };
  const created = await ports.announcements.create(candidate);
  if (created.outcome === 'exists' && created.existing.requestSha256 !== requestSha256) {
    return { outcome: 'idempotency-key-reused' };
  }
  const announcement = created.outcome === 'created' ? candidate : created.existing;
  const waveId = announcementWaveId(announcement.id);

  const entry: AnnouncementSentEntry = {
    kind: 'announcement-sent',
    at: announcement.createdAt,
    actor: announcement.createdBy,
    ...(announcement.reason === undefined ? {} : { reason: announcement.reason }),
    announcementId: announcement.id,
    waveId,
    subject: announcement.subject.en,
  };
  await ports.auditTrail.record(request.consultationId, `announcement#${announcement.id}`, entry);

  if (created.outcome === 'created' || created.existing.startScheduledAt === undefined) {
    const groupName = ports.schedules.groupFor(request.consultationId);
    await ports.schedules.ensureGroup(groupName);
    const start = (at: Date) =>
      ports.schedules.create(groupName, {
        consultationId: request.consultationId,
        name: scheduleName(request.consultationId, waveId),
        kind: 'reminder-wave',
        occurrenceId: waveId,
        at: at.toISOString(),
        timeZone: stored.definition.officialTimeZone,
      });
    try {
      // The current second: the Scheduler runs an at() schedule within its minute.
      await start(now);
    } catch (error) {
      // Should the service refuse an instant it considers past by the time the request lands, the
      // next whole minute is safely ahead; any other failure gets one more try the same way.
      console.warn(
        JSON.stringify({
          level: 'warn',
          message: 'Announcement start not scheduled at the current instant; trying the next minute',
          consultationId: request.consultationId,
          waveId,
          errorName: error instanceof Error ? error.name : typeof error,
          errorMessage: error instanceof Error ? error.message : undefined,
        }),
      );
      await start(new Date((Math.floor(now.getTime() / 60_000) + 1) * 60_000));
    }
    await ports.announcements.markStartScheduled(request.consultationId, announcement.id, now);
  }
  return { outcome: 'accepted', announcement, replayed: created.outcome === 'exists' };
}
