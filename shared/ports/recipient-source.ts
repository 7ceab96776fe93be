import type { RecipientSourceName, ReminderWave } from '../domain/reminder-wave.ts';
import type { WaveRecipient } from '../domain/wave-recipient.ts';

export interface RecipientPage {
  readonly recipients: readonly WaveRecipient[];
  /** Opaque position of the next page; absent on the last page. */
  readonly cursor?: string;
}

/**
 * Where a wave's recipients come from, one Query page at a time (never a Scan): the fan-out keeps
 * the cursor between pages, so a fan-out that stops half-way resumes where it was.
 */
export interface RecipientSource {
  page(
    consultationId: string,
    wave: ReminderWave,
    cursor: string | undefined,
    limit: number,
  ): Promise<RecipientPage>;
}

/**
 * The sources by name. `confirmed-subscribers` is the subscriptions table; `draft-holders` (every
 * submitter with an unsubmitted draft in the wave's calls, with those drafts) is the submissions
 * table. Both are composed for Lambda and the local runtime; a source missing from a composition
 * is skipped by the wave, which says so in the log.
 */
export type RecipientSources = Readonly<Partial<Record<RecipientSourceName, RecipientSource>>>;
