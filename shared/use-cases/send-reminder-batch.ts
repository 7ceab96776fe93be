import { randomUUID } from 'node:crypto';
import { chooseDeadlineReminder, type DeadlineReminderChoice } from '../domain/deadline-reminder-choice.ts';
import { renderReminderEmail } from '../domain/email/reminder-email.ts';
import { addressKey, normalizeEmailAddress } from '../domain/email-address.ts';
import { signUnsubscribeToken } from '../domain/link-tokens.ts';
import { type ReminderWave, waveIsCurrentAt } from '../domain/reminder-wave.ts';
import type { WaveRecipient } from '../domain/wave-recipient.ts';
import type { AnnouncementRepository } from '../ports/announcement-repository.ts';
import type { Clock } from '../ports/clock.ts';
import type { ConsultationRepository, StoredConsultation } from '../ports/consultation-repository.ts';
import { type Mailer, MailerError } from '../ports/mailer.ts';
import type { ReminderBatch } from '../ports/reminder-queue.ts';
import type { SendPacer } from '../ports/send-pacer.ts';
import type { SendRecord, SendRecords, WaveRef } from '../ports/send-records.ts';
import type { SubmissionStanding, SubmitterStandings } from '../ports/submitter-standings.ts';
import type { SubscriptionRepository } from '../ports/subscription-repository.ts';
import type { SuppressionList } from '../ports/suppression-list.ts';
import { listUnsubscribeHeaders, unsubscribeLink } from './email-links.ts';
import { findWave } from './find-wave.ts';

export interface SendRemindersPorts {
  readonly consultations: ConsultationRepository;
  readonly announcements: AnnouncementRepository;
  readonly sendRecords: SendRecords;
  readonly suppressions: SuppressionList;
  readonly subscriptions: SubscriptionRepository;
  readonly submitterStandings: SubmitterStandings;
  readonly mailer: Mailer;
  readonly pacer: SendPacer;
  readonly clock: Clock;
}

export interface SendReminderSettings {
  readonly publicBaseUrl: string;
  readonly linkSigningSecret: string;
  readonly calendarUidDomain: string;
  /**
   * How long after a claim an unconfirmed `sending` record is left alone. SES reports an accepted
   * email with a Send event within seconds; only well after that may another attempt conclude that
   * SES never took the email and send it.
   */
  readonly sendingGraceMilliseconds: number;
  /** Tries per recipient within one invocation when SES throttles or fails, before giving it back. */
  readonly triesPerRecipient: number;
  /** Recipients worked on at once (the pacer still spaces the SES calls). */
  readonly concurrency: number;
  /**
   * The time the invocation has left (Lambda's `getRemainingTimeInMillis`). When it is below
   * `stopBeforeMilliseconds`, no recipient is claimed or sent any more: the rest go back to the
   * queue unclaimed, so an invocation ends by itself before its timeout, whatever the send rate,
   * instead of being stopped with recipients held in `sending`. Unset: no limit.
   */
  readonly timeLeftMilliseconds?: () => number;
  /**
   * Room kept for the sends under way (SES's request timeout is 15 s), their records, and the
   * workers already waiting for a send slot: `concurrency` slots take 32 s at the SES sandbox's
   * 1 email/s shared by two senders.
   */
  readonly stopBeforeMilliseconds: number;
}

export const defaultSendReminderSettings = {
  sendingGraceMilliseconds: 15 * 60_000,
  triesPerRecipient: 4,
  concurrency: 16,
  stopBeforeMilliseconds: 60_000,
} as const;

function outOfTime(settings: SendReminderSettings): boolean {
  return (
    settings.timeLeftMilliseconds !== undefined &&
    settings.timeLeftMilliseconds() < settings.stopBeforeMilliseconds
  );
}

type RecipientOutcome = 'final' | 'retry';

export interface BatchOutcome {
  /** `retry`: some recipient is not final yet; the queue must deliver the message again. */
  readonly outcome: 'done' | 'retry';
  readonly sent: number;
}

/**
 * Sends one queued batch of a wave: each recipient at most once, whatever the number of times the
 * batch arrives. See `SendRecords` for the states. Errors other than the mail service's are let
 * through: the invocation fails and the queue delivers the whole batch again, which the records
 * make harmless.
 */
export async function sendReminderBatch(
  ports: SendRemindersPorts,
  batch: ReminderBatch,
  settings: SendReminderSettings,
): Promise<BatchOutcome> {
  const found = await findWave(ports, batch.consultationId, batch.waveId);
  if (found === undefined || !waveIsCurrentAt(found.wave, ports.clock.now())) {
    // The calendar changed after the fan-out (or the batch is hopelessly late): nothing to send.
    return { outcome: 'done', sent: 0 };
  }
  const { stored, wave } = found;
  const ref: WaveRef = { consultationId: batch.consultationId, waveId: wave.id };
  const recipients = new Map<string, WaveRecipient>();
  for (const recipient of batch.recipients) recipients.set(addressKey(recipient.email), recipient);
  const keys = [...recipients.keys()];
  const noStandings: ReadonlyMap<string, readonly SubmissionStanding[]> = new Map();
  const [records, suppressed, optedOut, standings] = await Promise.all([
    ports.sendRecords.getMany(ref, keys),
    ports.suppressions.suppressedAmong(keys),
    ports.subscriptions.optedOutAmong(batch.consultationId, keys),
    // Read now, not at fan-out: a submission sent or a draft started since then counts.
    wave.kind === 'deadline'
      ? ports.submitterStandings.among(batch.consultationId, wave.calls, keys)
      : Promise.resolve(noStandings),
  ]);

  let sent = 0;
  const work = [...recipients.entries()];
  const outcomes: RecipientOutcome[] = [];
  const worker = async () => {
    for (let next = work.shift(); next !== undefined; next = work.shift()) {
      if (outOfTime(settings)) {
        // Left unclaimed, for the next delivery of the message.
        outcomes.push('retry');
        continue;
      }
      const [key, queued] = next;
      const choice: DeadlineReminderChoice | undefined =
        wave.kind === 'deadline'
          ? chooseDeadlineReminder(wave.calls, queued, standings.get(key) ?? [])
          : undefined;
      const outcome = await sendToRecipient(ports, settings, {
        ref,
        stored,
        wave: choice?.kind === 'send' && wave.kind === 'deadline' ? { ...wave, calls: choice.calls } : wave,
        key,
        recipient: choice?.kind === 'send' ? choice.recipient : queued,
        alreadySubmitted: choice?.kind === 'already-submitted',
        record: records.get(key),
        suppressed: suppressed.has(key),
        optedOut: optedOut.has(key),
        onSent: () => {
          sent += 1;
        },
      });
      outcomes.push(outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.min(settings.concurrency, work.length) }, worker));
  return { outcome: outcomes.includes('retry') ? 'retry' : 'done', sent };
}

interface RecipientWork {
  readonly ref: WaveRef;
  readonly stored: StoredConsultation;
  readonly wave: ReminderWave;
  readonly key: string;
  readonly recipient: WaveRecipient;
  readonly record: SendRecord | undefined;
  readonly suppressed: boolean;
  readonly optedOut: boolean;
  /** A deadline wave whose every call already has the recipient's submission: nothing is due. */
  readonly alreadySubmitted: boolean;
  readonly onSent: () => void;
}

async function sendToRecipient(
  ports: SendRemindersPorts,
  settings: SendReminderSettings,
  work: RecipientWork,
): Promise<RecipientOutcome> {
  const { ref, key, record } = work;
  const now = ports.clock.now();
  if (record !== undefined && record.state !== 'pending' && record.state !== 'sending') return 'final';
  if (record === undefined || record.state === 'pending') {
    if (work.suppressed || work.optedOut) {
      await ports.sendRecords.skip(ref, key, work.suppressed ? 'suppressed' : 'unsubscribed', now);
      return 'final';
    }
    if (work.alreadySubmitted) {
      await ports.sendRecords.skip(ref, key, 'already-submitted', now);
      return 'final';
    }
  }
  if (record?.state === 'sending') {
    const claimedAt = Date.parse(record.claimedAt ?? '');
    // Another attempt is sending, or crashed without knowing whether SES took the email; SES's Send
    // event settles it. Only long after the claim is it safe to conclude that SES never got it.
    if (!(now.getTime() >= claimedAt + settings.sendingGraceMilliseconds)) return 'retry';
  }
  const attempt = randomUUID();
  if (!(await ports.sendRecords.claim(ref, key, attempt, now, record))) return 'retry';

  const email = normalizeEmailAddress(work.recipient.email);
  const token = signUnsubscribeToken(settings.linkSigningSecret, {
    consultationId: ref.consultationId,
    addressKey: key,
  });
  const unsubscribeUrl = unsubscribeLink(settings.publicBaseUrl, token, work.recipient.language);
  const content = renderReminderEmail({
    definition: work.stored.definition,
    definitionVersion: work.stored.version,
    definitionUpdatedAt: new Date(work.stored.updatedAt),
    uidDomain: settings.calendarUidDomain,
    wave: work.wave,
    recipient: work.recipient,
    unsubscribeUrl,
  });

  for (let tryNumber = 1; tryNumber <= settings.triesPerRecipient; tryNumber += 1) {
    await ports.pacer.take();
    if (outOfTime(settings)) {
      // The wait for a slot took the time left: give the claim back rather than send unrecorded.
      await ports.sendRecords.release(ref, key, attempt);
      return 'retry';
    }
    try {
      const { messageId } = await ports.mailer.send({
        to: [email],
        replyTo: [work.stored.definition.contactEmail],
        subject: content.subject,
        html: content.html,
        text: content.text,
        headers: listUnsubscribeHeaders(unsubscribeUrl, work.stored.definition.contactEmail, token),
        ...(content.attachments === undefined ? {} : { attachments: content.attachments }),
        tags: { consultation: ref.consultationId, wave: ref.waveId },
      });
      work.onSent();
      await ports.sendRecords.markSent(ref, key, attempt, messageId, ports.clock.now());
      return 'final';
    } catch (error) {
      if (!(error instanceof MailerError)) throw error;
      // The address key, never the address: logs hold no personal data.
      console.warn(
        JSON.stringify({
          level: 'warn',
          message: 'SES did not take a reminder',
          kind: error.kind,
          error: error.message,
          cause: error.cause instanceof Error ? `${error.cause.name}: ${error.cause.message}` : undefined,
          ...ref,
          addressKey: key,
          tryNumber,
        }),
      );
      switch (error.kind) {
        case 'rejected':
          await ports.sendRecords.fail(ref, key, attempt, error.message, ports.clock.now());
          return 'final';
        case 'unknown-outcome':
          // SES may have the email: leave the claim for SES's Send event (or the grace period).
          return 'retry';
        case 'throttled':
          ports.pacer.slowDown(backoffMilliseconds(tryNumber));
          break;
        case 'refused':
          await new Promise((resolve) => setTimeout(resolve, backoffMilliseconds(tryNumber)));
          break;
      }
    }
  }
  await ports.sendRecords.release(ref, key, attempt);
  return 'retry';
}

/** Exponential backoff with full jitter: up to 100 ms, 200 ms, 400 ms … capped at 5 s. */
function backoffMilliseconds(tryNumber: number): number {
  return Math.random() * Math.min(5000, 100 * 2 ** (tryNumber - 1));
}
