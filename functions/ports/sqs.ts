import { SQSClient } from '@aws-sdk/client-sqs';
import { createSqsReminderQueue } from '../../shared/adapters/sqs/reminder-queue.ts';
import { requireQueueUrl } from '../../shared/config/runtime-config.ts';
import type { PortFactory } from '../lambda-entry.ts';
import { traced } from '../observability.ts';

/**
 * The reminder queue on SQS, for Lambda entry points that send to it (manifest access `queue`, mode
 * `send`). A function's bundle holds the SQS client only if its entry imports this module.
 */
export const reminderQueueInSqs: PortFactory<'reminderQueue'> = (config) =>
  createSqsReminderQueue(traced(new SQSClient({})), requireQueueUrl(config, 'reminders'));
