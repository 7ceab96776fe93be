import * as z from 'zod';
import { consultationIdSchema } from '../shared/domain/consultation-definition.ts';
import { startReminderWave, type WaveStartOutcome } from '../shared/use-cases/start-reminder-wave.ts';
import { lambdaEntry, type Uses } from './lambda-entry.ts';
import {
  announcementsInDynamoDb,
  consultationsInDynamoDb,
  recipientSourcesInDynamoDb,
  waveLogInDynamoDb,
} from './ports/dynamodb.ts';
import { reminderQueueInSqs } from './ports/sqs.ts';

/** The schedule's Input: which wave of which consultation. */
export const waveStartEventSchema = z.object({
  consultationId: consultationIdSchema,
  waveId: z.string().regex(/^[A-Za-z0-9-]{1,31}$/),
});

export type WaveStartEvent = z.input<typeof waveStartEventSchema>;

export const createHandler =
  (
    dependencies: Uses<'consultations' | 'announcements' | 'waveLog' | 'reminderQueue' | 'recipientSources'>,
  ) =>
  async (event: unknown): Promise<WaveStartOutcome> => {
    // A malformed Input is a deployment bug, not something a retry fixes: fail loudly.
    const request = waveStartEventSchema.parse(event);
    const outcome = await startReminderWave(dependencies, request);
    console.log(JSON.stringify({ level: 'info', message: 'Reminder wave start', ...request, ...outcome }));
    // Another fan-out holds the wave: if it dies, only a later delivery can finish the wave, so
    // this one fails and the at-least-once source (Lambda's async retries, the Scheduler's retry
    // policy) delivers again, by which time the wave is queued or its lease has run out.
    if (outcome.outcome === 'busy')
      throw new Error('The wave is being queued by another delivery; retry later');
    return outcome;
  };

export const handler = lambdaEntry(createHandler, {
  consultations: consultationsInDynamoDb,
  waveLog: waveLogInDynamoDb,
  announcements: announcementsInDynamoDb,
  reminderQueue: reminderQueueInSqs,
  recipientSources: recipientSourcesInDynamoDb,
});
