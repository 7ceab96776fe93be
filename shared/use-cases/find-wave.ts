import { announcementIdOfWave } from '../domain/announcement.ts';
import { announcementWave, findReminderWave, type ReminderWave } from '../domain/reminder-wave.ts';
import type { AnnouncementRepository } from '../ports/announcement-repository.ts';
import type { ConsultationRepository, StoredConsultation } from '../ports/consultation-repository.ts';

export interface WavePorts {
  readonly consultations: ConsultationRepository;
  readonly announcements: AnnouncementRepository;
}

/**
 * The wave a schedule or a queued batch names, as it stands now: an announcement's from its stored
 * texts (`announcement-<id>`), a reminder wave re-derived from the stored calendar (a wave that no
 * longer derives, because a date moved, is not found).
 */
export async function findWave(
  ports: WavePorts,
  consultationId: string,
  waveId: string,
): Promise<{ readonly stored: StoredConsultation; readonly wave: ReminderWave } | undefined> {
  const stored = await ports.consultations.find(consultationId);
  if (stored === undefined) return undefined;
  const announcementId = announcementIdOfWave(waveId);
  if (announcementId !== undefined) {
    const announcement = await ports.announcements.find(consultationId, announcementId);
    return announcement === undefined ? undefined : { stored, wave: announcementWave(announcement) };
  }
  const wave = findReminderWave(stored.definition, waveId);
  return wave === undefined ? undefined : { stored, wave };
}
