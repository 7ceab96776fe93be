import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { ReminderBatch, ReminderQueue } from '../../ports/reminder-queue.ts';

/** The reminder queue on SQS: 10 messages per SendMessageBatch, refused entries sent again. */
export function createSqsReminderQueue(client: SQSClient, queueUrl: string): ReminderQueue {
  return {
    async enqueue(batches) {
      for (let start = 0; start < batches.length; start += 10) {
        let entries = batches.slice(start, start + 10).map((batch, index) => ({
          Id: String(index),
          MessageBody: JSON.stringify(batch satisfies ReminderBatch),
        }));
        for (let attempt = 0; entries.length > 0; attempt += 1) {
          if (attempt > 5) throw new Error('SQS refused reminder batches six times');
          if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
          const result = await client.send(
            new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }),
          );
          const failed = new Set((result.Failed ?? []).map((failure) => failure.Id));
          entries = entries.filter((entry) => failed.has(entry.Id));
        }
      }
    },
  };
}
