/**
 * The one definition of every SQS queue: CDK creates the queues (each with its dead-letter queue)
 * from it, the local runtime creates the same queues in fauxqs and drives their consumers with
 * Lambda's event-source behaviour from it. Pure data: no SDK import.
 */
export interface QueueDefinition {
  readonly purpose: string;
  /**
   * How long a received message stays invisible. AWS recommends at least six times the consuming
   * function's timeout, so a batch is never handed to a second invocation while the first still runs.
   */
  readonly visibilityTimeoutSeconds: number;
  /** Receives after which a message moves to the dead-letter queue. */
  readonly maxReceiveCount: number;
  /** Messages handed to one invocation (Lambda's SQS batch size, at most 10 for these settings). */
  readonly batchSize: number;
  /** Concurrent invocations the event source may run at most (Lambda's maximum concurrency, >= 2). */
  readonly maximumConcurrency: number;
  /** How long the dead-letter queue keeps messages for the Secretariat to look at. */
  readonly deadLetterRetentionDays: number;
  /** Environment variable through which a function learns the queue URL. */
  readonly queueUrlEnv: string;
}

export const queueDefinitions = {
  /**
   * Batches of reminder recipients of one wave, from the wave fan-out to the sender. A message holds
   * up to `recipientsPerMessage` recipients (see the fan-out), so one invocation sends at most
   * batchSize × that many emails: a few seconds at production rates, a few minutes in the SES sandbox.
   */
  reminders: {
    purpose: 'Batches of reminder recipients waiting to be sent',
    visibilityTimeoutSeconds: 1800,
    maxReceiveCount: 8,
    batchSize: 10,
    maximumConcurrency: 2,
    deadLetterRetentionDays: 14,
    queueUrlEnv: 'REMINDER_QUEUE_URL',
  },
} as const satisfies Record<string, QueueDefinition>;

export type QueueKey = keyof typeof queueDefinitions;

export const queueKeys = Object.keys(queueDefinitions) as QueueKey[];

/** Physical queue name, e.g. `consultation-local-reminders`; its dead-letter queue adds `-dlq`. */
export function physicalQueueName(prefix: string, queue: QueueKey): string {
  return `${prefix}-${queue}`;
}
