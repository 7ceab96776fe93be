import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { DeadLetterRecovery } from './operations-monitoring.ts';

export interface ScheduleDeadLetterQueueProps {
  /** Physical name prefix: the queue is `<prefix>-schedule-dead-letters`. */
  readonly namePrefix: string;
  /** The role EventBridge Scheduler assumes; it sends the deliveries it gave up on here. */
  readonly schedulerRole: IRole;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * Where EventBridge Scheduler puts a transition delivery it gave up on (after its retries, up to 24
 * hours): a standard queue (the Scheduler takes no FIFO dead-letter queue), encrypted, refusing
 * plain-HTTP access, kept 14 days. A message here means a transition did not apply on time; a
 * reconcile applies it (catch-up) once the cause is fixed.
 *
 * Its depth alarm is the app's: operations monitoring finds every dead-letter queue (this one by its
 * name) and alarms on its first message to the ops topic, with `deadLetterRecovery` as what to do.
 */
export class ScheduleDeadLetterQueue extends Construct implements DeadLetterRecovery {
  readonly queue: Queue;
  readonly deadLetterRecovery =
    'A transition schedule delivery was dead-lettered: a phase or call transition did not apply. Fix the cause, then POST /v1/admin/consultations/{id}/schedules/reconcile to catch it up (redriving the message is not needed).';

  constructor(scope: Construct, id: string, props: ScheduleDeadLetterQueueProps) {
    super(scope, id);
    this.queue = new Queue(this, 'Queue', {
      queueName: `${props.namePrefix}-schedule-dead-letters`,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: props.removalPolicy,
    });
    this.queue.grantSendMessages(props.schedulerRole);
    Validations.of(this.queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue of the transition schedules (EventBridge Scheduler names it at run time in each schedule’s DeadLetterConfig); a dead-letter queue of a dead-letter queue would only move the same messages once more.',
    });
  }
}
