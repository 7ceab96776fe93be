import type { Announcement } from '../domain/announcement.ts';

export interface StoredAnnouncement extends Announcement {
  /** When its start was handed to the Scheduler; absent until then (a crash in between). */
  readonly startScheduledAt?: string;
}

export interface AnnouncementRepository {
  /**
   * Stores the announcement unless one with its id exists: answers `created`, or the one stored
   * first (a retried POST with the same Idempotency-Key derives the same id).
   */
  create(
    announcement: Announcement,
  ): Promise<
    { readonly outcome: 'created' } | { readonly outcome: 'exists'; readonly existing: StoredAnnouncement }
  >;
  find(consultationId: string, announcementId: string): Promise<StoredAnnouncement | undefined>;
  markStartScheduled(consultationId: string, announcementId: string, at: Date): Promise<void>;
}
