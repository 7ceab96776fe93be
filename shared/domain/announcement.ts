import * as z from 'zod';
import type { Language } from './localized-text.ts';

/**
 * An announcement: a message from the Secretariat to every confirmed subscriber of a consultation,
 * each in their language. It goes out as a wave of its own (`announcement-<id>`), through the same
 * fan-out, send records, suppression list and opt-outs as reminder waves, so it is sent once per
 * recipient whatever the retries. Its texts are stored with it, since unlike a reminder wave it
 * cannot be derived from the calendar.
 */
const line = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^\r\n]*$/, 'A subject is one line');
const paragraphs = z.string().trim().min(1).max(20_000);

function inSixLanguages<T extends z.ZodType>(text: T) {
  return z.strictObject({
    en: text,
    ar: text.optional(),
    es: text.optional(),
    fr: text.optional(),
    ru: text.optional(),
    zh: text.optional(),
  });
}

export const announcementSubjectSchema = inSixLanguages(line).meta({
  description: 'Subject in the six UN languages; English is required and is the fallback.',
});
export const announcementTextSchema = inSixLanguages(paragraphs).meta({
  description:
    'Plain text in the six UN languages (paragraphs separated by blank lines); English is required and is the fallback.',
});

export type AnnouncementSubject = z.output<typeof announcementSubjectSchema>;
export type AnnouncementText = z.output<typeof announcementTextSchema>;

export interface Announcement {
  readonly consultationId: string;
  readonly id: string;
  readonly subject: AnnouncementSubject;
  readonly text: AnnouncementText;
  readonly reason?: string;
  readonly createdAt: string;
  readonly createdBy: string;
  /** SHA-256 of the request's canonical JSON: a retry with the same key must carry the same body. */
  readonly requestSha256: string;
}

export const announcementStates = ['starting', 'queuing', 'sending', 'sent'] as const;
export type AnnouncementState = (typeof announcementStates)[number];

const waveIdPrefix = 'announcement-';

/** `announcement-<16 hex>`: 29 characters, within a wave id's 31 and a schedule name's 64. */
export function announcementWaveId(announcementId: string): string {
  return `${waveIdPrefix}${announcementId}`;
}

/** The announcement a wave id names, or undefined when the wave is not an announcement. */
export function announcementIdOfWave(waveId: string): string | undefined {
  const id = waveId.startsWith(waveIdPrefix) ? waveId.slice(waveIdPrefix.length) : undefined;
  return id !== undefined && /^[0-9a-f]{16}$/.test(id) ? id : undefined;
}

/**
 * How long after its creation an announcement's emails may still go out. The Scheduler retries a
 * start for up to a day and a large wave at the SES sandbox rate takes hours; past this, a batch
 * that comes back (a re-drive, a stuck queue) sends nothing rather than news a week old.
 */
export const announcementLifetimeMilliseconds = 7 * 24 * 3_600_000;

export function localizeAnnouncement(
  text: AnnouncementSubject | AnnouncementText,
  language: Language,
): string {
  return text[language] ?? text.en;
}
