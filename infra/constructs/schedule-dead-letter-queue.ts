import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

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
 * plain-HTTP access, kept 14 days, with an alarm as soon as one message waits. A message here means
 * a transition did not apply on time; a reconcile applies it (catch-up) once the cause is fixed.
 */
export class ScheduleDeadLetterQueue extends Construct {
  readonly queue: Queue;
  readonly alarm: Alarm;

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

    this.alarm = new Alarm(this, 'DepthAlarm', {
      alarmName: `${props.namePrefix}-schedule-dead-letters`,
      alarmDescription:
        'A transition schedule delivery was dead-lettered: a phase or call transition did not apply. Fix the cause, then POST /v1/admin/consultations/{id}/schedules/reconcile to catch it up.',
      metric: this.queue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
