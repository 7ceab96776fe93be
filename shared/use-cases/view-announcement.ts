import { type AnnouncementState, announcementWaveId } from '../domain/announcement.ts';
import type { AnnouncementRepository, StoredAnnouncement } from '../ports/announcement-repository.ts';
import type { DeliveryFigures, SendRecords } from '../ports/send-records.ts';
import type { WaveLog } from '../ports/wave-log.ts';

export interface ViewAnnouncementPorts {
  readonly announcements: AnnouncementRepository;
  readonly sendRecords: SendRecords;
  readonly waveLog: WaveLog;
}

export interface AnnouncementView {
  readonly announcement: StoredAnnouncement;
  readonly waveId: string;
  readonly state: AnnouncementState;
  readonly queuedRecipients: number;
  readonly figures: DeliveryFigures;
}

/**
 * An announcement with where it stands: its fan-out (the wave log) and its delivery figures (the
 * send records of its wave, the same figures as a reminder wave's). It is `sent` once every
 * recipient queued has a final record.
 */
export async function viewAnnouncement(
  ports: ViewAnnouncementPorts,
  consultationId: string,
  announcementId: string,
): Promise<AnnouncementView | undefined> {
  const announcement = await ports.announcements.find(consultationId, announcementId);
  if (announcement === undefined) return undefined;
  const wave = { consultationId, waveId: announcementWaveId(announcementId) };
  const [fanOut, figures] = await Promise.all([ports.waveLog.find(wave), ports.sendRecords.figures(wave)]);
  const queuedRecipients = fanOut?.queuedRecipients ?? 0;
  const state: AnnouncementState =
    fanOut === undefined
      ? 'starting'
      : fanOut.status === 'fanning-out'
        ? 'queuing'
        : figures.inProgress === 0 && figures.recipients >= queuedRecipients
          ? 'sent'
          : 'sending';
  return { announcement, waveId: wave.waveId, state, queuedRecipients, figures };
}
