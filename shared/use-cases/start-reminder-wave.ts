import { waveIsCurrentAt } from '../domain/reminder-wave.ts';
import type { AnnouncementRepository } from '../ports/announcement-repository.ts';
import type { Clock } from '../ports/clock.ts';
import type { ConsultationRepository } from '../ports/consultation-repository.ts';
import type { RecipientSources } from '../ports/recipient-source.ts';
import type { ReminderBatch, ReminderQueue } from '../ports/reminder-queue.ts';
import type { FanOutProgress, WaveLog } from '../ports/wave-log.ts';
import { findWave } from './find-wave.ts';

export interface StartWavePorts {
  readonly consultations: ConsultationRepository;
  readonly announcements: AnnouncementRepository;
  readonly waveLog: WaveLog;
  readonly reminderQueue: ReminderQueue;
  readonly recipientSources: RecipientSources;
  readonly clock: Clock;
}

export interface FanOutSettings {
  /** Recipients read per Query page. */
  readonly pageSize: number;
  /** Recipients per queue message; with the queue's batch size, what one sender invocation sends. */
  readonly recipientsPerMessage: number;
  /**
   * How long a fan-out holds the wave past its last saved page before another delivery may take it
   * over. Short (a page takes a second or two) so that a retry after a crash or a timeout finds
   * the lease gone and resumes.
   */
  readonly leaseMilliseconds: number;
}

export const defaultFanOutSettings: FanOutSettings = {
  pageSize: 1000,
  recipientsPerMessage: 25,
  leaseMilliseconds: 60_000,
};

export type WaveStartOutcome =
  | { readonly outcome: 'queued'; readonly recipients: number; readonly resumed: boolean }
  | { readonly outcome: 'unknown-wave' | 'too-late' | 'busy' | 'already-queued' };

/**
 * Starts a reminder wave (or an announcement) when its schedule fires: re-derives the wave from the
 * stored calendar, or reads the stored announcement (a wave that no longer derives, because a date
 * moved, is ignored; one delivered after its event is too late), then queues its recipients page by page, saving its place after every page so that a
 * second delivery of the schedule either finds the wave queued, waits for the running fan-out, or
 * goes on from where a crashed one stopped. A page queued twice is harmless: the sender's send
 * records let each (wave, recipient) through once.
 */
export async function startReminderWave(
  ports: StartWavePorts,
  request: { readonly consultationId: string; readonly waveId: string },
  settings: FanOutSettings = defaultFanOutSettings,
): Promise<WaveStartOutcome> {
  const wave = (await findWave(ports, request.consultationId, request.waveId))?.wave;
  if (wave === undefined) return { outcome: 'unknown-wave' };
  const now = ports.clock.now();
  if (!waveIsCurrentAt(wave, now)) return { outcome: 'too-late' };

  const ref = { consultationId: request.consultationId, waveId: wave.id };
  const lease = () => new Date(ports.clock.now().getTime() + settings.leaseMilliseconds);
  const start = await ports.waveLog.begin(ref, wave.kind, now, lease());
  if (start.outcome === 'busy') return { outcome: 'busy' };
  if (start.outcome === 'done') return { outcome: 'already-queued' };

  let progress: FanOutProgress =
    start.outcome === 'resumed' ? start.progress : { sourceIndex: 0, queuedRecipients: 0 };
  while (progress.sourceIndex < wave.recipientSources.length) {
    const sourceName = wave.recipientSources[progress.sourceIndex];
    const source = sourceName === undefined ? undefined : ports.recipientSources[sourceName];
    if (source === undefined) {
      console.warn(
        JSON.stringify({
          level: 'warn',
          message: 'Recipient source not available; skipped',
          source: sourceName,
          ...ref,
        }),
      );
      progress = { sourceIndex: progress.sourceIndex + 1, queuedRecipients: progress.queuedRecipients };
      continue;
    }
    const page = await source.page(request.consultationId, wave, progress.cursor, settings.pageSize);
    const batches: ReminderBatch[] = [];
    for (let index = 0; index < page.recipients.length; index += settings.recipientsPerMessage) {
      batches.push({
        consultationId: request.consultationId,
        waveId: wave.id,
        recipients: page.recipients.slice(index, index + settings.recipientsPerMessage),
      });
    }
    await ports.reminderQueue.enqueue(batches);
    const queuedRecipients = progress.queuedRecipients + page.recipients.length;
    progress =
      page.cursor === undefined
        ? { sourceIndex: progress.sourceIndex + 1, queuedRecipients }
        : { sourceIndex: progress.sourceIndex, cursor: page.cursor, queuedRecipients };
    await ports.waveLog.saveProgress(ref, progress, lease());
  }
  await ports.waveLog.complete(ref, progress, ports.clock.now());
  return { outcome: 'queued', recipients: progress.queuedRecipients, resumed: start.outcome === 'resumed' };
}
