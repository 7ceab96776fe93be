import * as z from 'zod';
import { consultationIdSchema } from '../domain/consultation-definition.ts';
import { instantSchema } from '../domain/instant.ts';

/**
 * The event every transition schedule delivers to the `apply-transition` function: the schedule's
 * Input, fixed when the reconciler wrote it, plus the Scheduler's context attributes (filled in by
 * the service at each delivery) for the logs.
 */
export const transitionDeliverySchema = z.strictObject({
  consultationId: consultationIdSchema,
  transitionId: z.string().min(1).max(30),
  scheduledAt: instantSchema.meta({ description: 'The instant the schedule was written for.' }),
  scheduleArn: z.string().optional(),
  executionId: z.string().optional(),
  attempt: z.string().optional(),
});

export type TransitionDelivery = z.output<typeof transitionDeliverySchema>;

/** The Input template of a schedule: the fixed fields and the context attributes to fill in. */
export function transitionDeliveryTemplate(
  fields: Pick<TransitionDelivery, 'consultationId' | 'transitionId' | 'scheduledAt'>,
): string {
  return JSON.stringify({
    consultationId: fields.consultationId,
    transitionId: fields.transitionId,
    scheduledAt: fields.scheduledAt,
    scheduleArn: '<aws.scheduler.schedule-arn>',
    executionId: '<aws.scheduler.execution-id>',
    attempt: '<aws.scheduler.attempt-number>',
  });
}
