import { Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { Stage } from 'aws-cdk-lib/aws-apigateway';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { type IQueue, Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';
import { pascalCase } from '../naming.ts';
import type { ConsultationFunction } from './consultation-function.ts';
import { EncryptedTopic } from './encrypted-topic.ts';

/** Thresholds of the alarms; the README's Deploy section explains each. */
export const alarmThresholds = {
  /** API Gateway 5xx answers in 5 minutes: any is a bug or an outage worth a look. */
  apiServerErrors: 1,
  /** p99 latency of the API stage, over 3 of 3 five-minute periods. */
  apiP99LatencyMs: 3000,
  /** Lambda errors per function in 5 minutes. */
  functionErrors: 1,
  /** Lambda throttles per function in 5 minutes: requests turned away for lack of concurrency. */
  functionThrottles: 1,
  /** Messages waiting in a dead-letter queue: every one is an event that was not processed. */
  deadLetterMessages: 0,
  /** SES pauses an account near 5% bounces and 0.1% complaints; these alarm at half of that or less. */
  sesBounceRate: 0.02,
  sesComplaintRate: 0.0005,
} as const;

export interface OperationsMonitoringProps {
  readonly namePrefix: string;
  readonly alarmEmail: string;
  readonly removalPolicy: RemovalPolicy;
  readonly apiStage: Stage;
  readonly functions: readonly ConsultationFunction[];
  /** Every dead-letter queue of the app: see `deadLetterQueuesIn`. */
  readonly deadLetterQueues: readonly IQueue[];
  /** The SES configuration set whose reputation metrics are alarmed on. */
  readonly emailConfigurationSetName?: string;
}

/**
 * The first sign of trouble reaches a person: every alarm notifies an encrypted SNS topic with the
 * ops email subscribed (on alarm and on recovery), and one dashboard shows the API, the functions,
 * the dead-letter queues and SES reputation side by side.
 */
export class OperationsMonitoring extends Construct {
  readonly topic: ITopic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;
  readonly dashboardUrl: string;

  constructor(scope: Construct, id: string, props: OperationsMonitoringProps) {
    super(scope, id);
    const alarmTopic = new EncryptedTopic(this, 'Alarms', {
      displayName: `${props.namePrefix} alarms`,
      description: 'CloudWatch alarms of the consultation engine',
      publishers: [new ServicePrincipal('cloudwatch.amazonaws.com')],
      removalPolicy: props.removalPolicy,
    });
    this.topic = alarmTopic.topic;
    alarmTopic.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const fiveMinutes = Duration.minutes(5);

    const api = {
      serverErrors: props.apiStage.metricServerError({ period: fiveMinutes, statistic: 'Sum' }),
      clientErrors: props.apiStage.metricClientError({ period: fiveMinutes, statistic: 'Sum' }),
      requests: props.apiStage.metricCount({ period: fiveMinutes, statistic: 'Sum' }),
      p99Latency: props.apiStage.metricLatency({ period: fiveMinutes, statistic: 'p99' }),
      p50Latency: props.apiStage.metricLatency({ period: fiveMinutes, statistic: 'p50' }),
    };
    this.alarm('ApiServerErrors', {
      metric: api.serverErrors,
      threshold: alarmThresholds.apiServerErrors,
      description: 'The API answered 5xx: a handler failed or API Gateway could not reach it.',
    });
    this.alarm('ApiP99Latency', {
      metric: api.p99Latency,
      threshold: alarmThresholds.apiP99LatencyMs,
      evaluationPeriods: 3,
      description: `The slowest 1% of API requests took over ${alarmThresholds.apiP99LatencyMs} ms for 15 minutes.`,
    });

    for (const fn of props.functions) {
      const name = pascalCase(fn.definition.name);
      this.alarm(`${name}Errors`, {
        metric: fn.function.metricErrors({ period: fiveMinutes, statistic: 'Sum' }),
        threshold: alarmThresholds.functionErrors,
        description: `${fn.function.node.id}: ${fn.definition.name} threw (see its log group).`,
      });
      this.alarm(`${name}Throttles`, {
        metric: fn.function.metricThrottles({ period: fiveMinutes, statistic: 'Sum' }),
        threshold: alarmThresholds.functionThrottles,
        description: `${fn.definition.name} was throttled: invocations refused for lack of concurrency.`,
      });
    }

    for (const queue of props.deadLetterQueues) {
      this.alarm(`${pascalCase(queue.node.path)}Depth`, {
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: 'Maximum' }),
        threshold: alarmThresholds.deadLetterMessages,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        description: `Dead-letter queue ${queue.node.path} holds messages: events that failed every retry. ${
          deadLetterRecoveryOf(queue) ?? 'Inspect, fix, then redrive.'
        }`,
      });
    }

    const reputation =
      props.emailConfigurationSetName === undefined
        ? undefined
        : {
            bounceRate: sesReputationMetric('Reputation.BounceRate', props.emailConfigurationSetName),
            complaintRate: sesReputationMetric('Reputation.ComplaintRate', props.emailConfigurationSetName),
          };
    if (reputation !== undefined) {
      this.alarm('SesBounceRate', {
        metric: reputation.bounceRate,
        threshold: alarmThresholds.sesBounceRate,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        description: `SES bounce rate above ${alarmThresholds.sesBounceRate * 100}% (SES reviews accounts at 5%): stop reminder waves and clean the list.`,
      });
      this.alarm('SesComplaintRate', {
        metric: reputation.complaintRate,
        threshold: alarmThresholds.sesComplaintRate,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        description: `SES complaint rate above ${alarmThresholds.sesComplaintRate * 100}% (SES reviews accounts at 0.1%): check what was sent and to whom.`,
      });
    }

    const dashboardName = props.namePrefix;
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName,
      defaultInterval: Duration.days(1),
    });
    const functionMetrics = (pick: (fn: ConsultationFunction) => IMetric) => props.functions.map(pick);
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# ${props.namePrefix}\nAPI, functions, dead-letter queues and email reputation. Alarms notify ${props.alarmEmail}.`,
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24, height: 4 }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'API requests and errors (5 min)',
        left: [api.requests],
        right: [api.clientErrors, api.serverErrors],
        width: 12,
      }),
      new GraphWidget({ title: 'API latency (ms)', left: [api.p50Latency, api.p99Latency], width: 12 }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Function errors',
        left: functionMetrics((fn) =>
          fn.function.metricErrors({ period: fiveMinutes, label: fn.definition.name }),
        ),
        width: 8,
      }),
      new GraphWidget({
        title: 'Function throttles',
        left: functionMetrics((fn) =>
          fn.function.metricThrottles({ period: fiveMinutes, label: fn.definition.name }),
        ),
        width: 8,
      }),
      new GraphWidget({
        title: 'Function duration p99 (ms)',
        left: functionMetrics((fn) =>
          fn.function.metricDuration({ period: fiveMinutes, statistic: 'p99', label: fn.definition.name }),
        ),
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Dead-letter queues: messages waiting',
        left: props.deadLetterQueues.map((queue) =>
          queue.metricApproximateNumberOfMessagesVisible({
            period: fiveMinutes,
            statistic: 'Maximum',
            label: queue.node.path,
          }),
        ),
        width: 12,
      }),
      new GraphWidget({
        title: 'SES reputation (rate, 0-1)',
        left: reputation === undefined ? [] : [reputation.bounceRate, reputation.complaintRate],
        width: 12,
      }),
    );
    const region = Stack.of(this).region;
    this.dashboardUrl = `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards:name=${dashboardName}`;
  }

  private alarm(
    id: string,
    options: {
      metric: IMetric;
      threshold: number;
      description: string;
      evaluationPeriods?: number;
      comparisonOperator?: ComparisonOperator;
    },
  ): void {
    const alarm = new Alarm(this, id, {
      metric: options.metric,
      threshold: options.threshold,
      evaluationPeriods: options.evaluationPeriods ?? 1,
      comparisonOperator: options.comparisonOperator ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // No data is no trouble: a quiet night has no requests, no errors and no bounces.
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: options.description,
    });
    const notify = new SnsAction(this.topic);
    alarm.addAlarmAction(notify);
    alarm.addOkAction(notify);
    this.alarms.push(alarm);
  }
}

/**
 * SES publishes a configuration set's reputation (with reputation metrics on) under the
 * `ses:configuration-set` dimension, as a rate from 0 to 1.
 */
function sesReputationMetric(metricName: string, configurationSetName: string): Metric {
  return new Metric({
    namespace: 'AWS/SES',
    metricName,
    dimensionsMap: { 'ses:configuration-set': configurationSetName },
    statistic: 'Maximum',
    period: Duration.minutes(15),
  });
}

/**
 * A construct that owns a dead-letter queue and knows how to recover from its messages better than
 * "inspect, fix, then redrive" says so here; its queue's alarm then tells the person paged.
 */
export interface DeadLetterRecovery {
  readonly deadLetterRecovery: string;
}

function deadLetterRecoveryOf(queue: IQueue): string | undefined {
  const owner: unknown = queue.node.scope;
  return typeof owner === 'object' &&
    owner !== null &&
    'deadLetterRecovery' in owner &&
    typeof owner.deadLetterRecovery === 'string'
    ? owner.deadLetterRecovery
    : undefined;
}

const deadLetterName = /dead-?letter|dlq/i;

/**
 * Every dead-letter queue under `scope` (the whole app), found by what makes a queue one rather than
 * by a list someone must keep: the redrive target of another queue, the dead-letter queue of a Lambda
 * function, or a queue whose construct path calls it one (e.g. the Scheduler's dead-letter queue,
 * which schedules created at run time point at).
 */
export function deadLetterQueuesIn(scope: IConstruct): Queue[] {
  const constructs = scope.node.findAll();
  const referenced = new Set<IQueue>();
  for (const construct of constructs) {
    if (construct instanceof Queue && construct.deadLetterQueue !== undefined) {
      referenced.add(construct.deadLetterQueue.queue);
    }
    if (construct instanceof LambdaFunction && construct.deadLetterQueue !== undefined) {
      referenced.add(construct.deadLetterQueue);
    }
  }
  return constructs.filter(
    (construct): construct is Queue =>
      construct instanceof Queue && (referenced.has(construct) || deadLetterName.test(construct.node.path)),
  );
}
