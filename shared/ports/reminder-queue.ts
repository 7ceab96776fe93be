import type { WaveRecipient } from '../domain/wave-recipient.ts';

/** One queue message: a slice of a wave's recipients for the sender. */
export interface ReminderBatch {
  readonly consultationId: string;
  readonly waveId: string;
  readonly recipients: readonly WaveRecipient[];
}

export interface ReminderQueue {
  /** Sends the batches (10 per SendMessageBatch), retrying entries the queue refused. */
  enqueue(batches: readonly ReminderBatch[]): Promise<void>;
}
