import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, type RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IRole, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  ApplicationLogLevel,
  Architecture,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type Access, defaultTimeoutSeconds, type FunctionDefinition } from '../../functions/manifest.ts';
import { type TableKey, tableDefinitions } from '../../shared/adapters/dynamodb/table-definitions.ts';
import type { QueueKey } from '../../shared/adapters/sqs/queue-definitions.ts';
import type { LogLevel } from '../stage-config.ts';
import { bundleAliases, bundleDefines, functionBundling } from './function-bundling.ts';

/** The repository root: esbuild's project root, where package-lock.json and every entry live. */
export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Where schedule-managing functions may create schedules, and the role those schedules run as. */
export interface ScheduleAccess {
  /** Schedule groups are `<prefix>-<consultation id>`; schedules are created in them at run time. */
  readonly groupNamePrefix: string;
  /** The role EventBridge Scheduler assumes to invoke targets; passed on CreateSchedule. */
  readonly executionRole: IRole;
}

/** The resources a manifest `access` entry can point at. */
export interface AccessTargets {
  readonly tables: Readonly<Record<TableKey, ITable>>;
  /** ARN of the SES identity that functions with `email` access may send from. */
  readonly emailIdentityArn?: string;
  /** The SES configuration set those sends name: SES authorizes it as a resource of SendEmail too. */
  readonly emailConfigurationSetName?: string;
  readonly schedules?: ScheduleAccess;
  readonly queues?: Readonly<Partial<Record<QueueKey, IQueue>>>;
}

export interface ConsultationFunctionProps {
  readonly definition: FunctionDefinition;
  /** Prefix of the physical function name: `<prefix>-<definition.name>`. */
  readonly namePrefix: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly access: AccessTargets;
  readonly logRetention: RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
  /** Lowest level the function logs; default INFO. */
  readonly logLevel?: LogLevel;
  /** Bundle the Powertools tracer (X-Ray subsegments per SDK call); default off, for a small cold start. */
  readonly powertoolsTracer?: boolean;
}

/** Powertools' settings, by its environment variable names (read by the library itself). */
export const powertoolsServiceName = 'consultation-engine';
export const powertoolsMetricsNamespace = 'ConsultationEngine';

const tableReadActions = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
] as const;
const tableWriteActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
] as const;

const defaultMemoryMb = 512;

/**
 * The house Lambda function for one manifest entry: Node.js 24 on arm64, an ESM bundle built
 * locally by esbuild with the AWS SDK inside (the version tested is the version run), source maps
 * on, its own log group with a retention, X-Ray active tracing, and a role that holds exactly the
 * grants the manifest's `access` list asks for (no AWS managed policies).
 */
export class ConsultationFunction extends Construct {
  readonly definition: FunctionDefinition;
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  /**
   * Where Lambda puts an asynchronous event (a Scheduler delivery) that failed every retry, for
   * functions invoked asynchronously; alarmed on like every dead-letter queue of the app.
   */
  readonly deadLetterQueue: Queue | undefined;

  constructor(scope: Construct, id: string, props: ConsultationFunctionProps) {
    super(scope, id);
    const { definition } = props;
    this.definition = definition;
    const functionName = `${props.namePrefix}-${definition.name}`;

    // Named by CloudFormation, not `/aws/lambda/<name>`: a prod log group outlives its stack
    // (RETAIN), and a fixed name would then block the stack from being created again.
    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });

    // An own role instead of the default one, which would carry the AWS managed
    // AWSLambdaBasicExecutionRole (logs on every log group of the account).
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${functionName}: ${definition.description}`,
    });
    this.logGroup.grantWrite(this.role);

    // EventBridge Scheduler invokes its Lambda targets asynchronously: after Lambda's own two
    // retries the event would be dropped without a trace, so it lands here instead.
    this.deadLetterQueue =
      definition.trigger.kind === 'schedule-target'
        ? new Queue(this, 'DeadLetterQueue', {
            encryption: QueueEncryption.SQS_MANAGED,
            enforceSSL: true,
            retentionPeriod: Duration.days(14),
            removalPolicy: props.logRemovalPolicy,
          })
        : undefined;
    if (this.deadLetterQueue !== undefined) {
      Validations.of(this.deadLetterQueue).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: `This queue is the dead-letter queue of ${functionName}'s asynchronous invocations; a dead-letter queue needs none of its own, and an alarm fires on its first message.`,
      });
    }
    const logLevel = props.logLevel ?? 'INFO';

    this.function = new NodejsFunction(this, 'Function', {
      functionName,
      description: definition.description,
      entry: path.join(repositoryRoot, definition.entry),
      handler: 'handler',
      projectRoot: repositoryRoot,
      depsLockFilePath: path.join(repositoryRoot, 'package-lock.json'),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: definition.memoryMb ?? defaultMemoryMb,
      timeout: Duration.seconds(definition.timeoutSeconds ?? defaultTimeoutSeconds),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      // Lambda drops records below the level before they reach CloudWatch (and cost anything).
      applicationLogLevelV2: ApplicationLogLevel[logLevel],
      systemLogLevelV2: SystemLogLevel.WARN,
      tracing: Tracing.ACTIVE,
      deadLetterQueue: this.deadLetterQueue,
      environment: {
        ...props.environment,
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: powertoolsServiceName,
        POWERTOOLS_METRICS_NAMESPACE: powertoolsMetricsNamespace,
        POWERTOOLS_LOG_LEVEL: logLevel,
        // Responses hold personal data (a submitter's answers): traces keep timings, not bodies.
        POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
      },
      bundling: {
        format: OutputFormat.ESM,
        target: functionBundling.target,
        mainFields: [...functionBundling.mainFields],
        banner: functionBundling.banner,
        minify: functionBundling.minify,
        sourceMap: functionBundling.sourcemap,
        sourcesContent: functionBundling.sourcesContent,
        externalModules: [...functionBundling.external],
        define: bundleDefines({ powertoolsTracer: props.powertoolsTracer ?? false }),
        esbuildArgs: {
          '--alias': Object.entries(bundleAliases()).map(([from, to]) => `${from}=${to}`),
        },
        forceDockerBundling: false,
      },
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions, so AWS requires Resource "*" for them. No other statement of this role names Resource "*" (the template tests check it).',
    });

    for (const access of definition.access) {
      this.grant(access, props.access);
    }
  }

  /**
   * Item actions on the table, Query on each of its indexes named in the shared definition: no
   * `/index/*` wildcard, and no Scan at all (the design keeps every request and reminder path on a
   * Query or GetItem, and the role enforces it in AWS).
   */
  private grantTable(key: TableKey, mode: 'read' | 'read-write', table: ITable): void {
    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: mode === 'read' ? [...tableReadActions] : [...tableReadActions, ...tableWriteActions],
        resources: [table.tableArn],
      }),
    );
    const indexArns = tableDefinitions[key].globalSecondaryIndexes.map(
      (index) => `${table.tableArn}/index/${index.indexName}`,
    );
    if (indexArns.length > 0) {
      this.function.addToRolePolicy(
        new PolicyStatement({ actions: ['dynamodb:Query'], resources: indexArns }),
      );
    }
  }

  private grant(access: Access, targets: AccessTargets): void {
    switch (access.kind) {
      case 'table': {
        this.grantTable(access.table, access.mode, targets.tables[access.table]);
        return;
      }
      case 'email': {
        if (targets.emailIdentityArn === undefined) {
          throw new Error(
            `Function ${this.definition.name} needs email access, but no SES identity was given to it.`,
          );
        }
        const configurationSetArns =
          targets.emailConfigurationSetName === undefined
            ? []
            : [
                Stack.of(this).formatArn({
                  service: 'ses',
                  resource: 'configuration-set',
                  resourceName: targets.emailConfigurationSetName,
                }),
              ];
        this.function.addToRolePolicy(
          new PolicyStatement({
            actions: ['ses:SendEmail', 'ses:SendRawEmail'],
            resources: [targets.emailIdentityArn, ...configurationSetArns],
          }),
        );
        return;
      }
      case 'queue': {
        const queue = targets.queues?.[access.queue];
        if (queue === undefined) {
          throw new Error(
            `Function ${this.definition.name} uses queue ${access.queue}, which was not given to it.`,
          );
        }
        if (access.mode === 'send') queue.grantSendMessages(this.function);
        else queue.grantConsumeMessages(this.function);
        return;
      }
      case 'schedules': {
        const schedules = targets.schedules;
        if (schedules === undefined) {
          throw new Error(
            `Function ${this.definition.name} manages schedules, but no schedule group was given to it.`,
          );
        }
        const stack = Stack.of(this);
        const groups = `${schedules.groupNamePrefix}-*`;
        const schedulesInGroup = stack.formatArn({
          service: 'scheduler',
          resource: 'schedule',
          resourceName: `${groups}/*`,
        });
        const scheduleGroups = stack.formatArn({
          service: 'scheduler',
          resource: 'schedule-group',
          resourceName: groups,
        });
        // IAM evaluates ListSchedules against the account's schedule ARN pattern, not a group; it
        // answers names only, and the reconciler always passes its own GroupName.
        const anySchedule = stack.formatArn({
          service: 'scheduler',
          resource: 'schedule',
          resourceName: '*/*',
        });
        this.function.addToRolePolicy(
          new PolicyStatement({
            actions: [
              'scheduler:CreateSchedule',
              'scheduler:UpdateSchedule',
              'scheduler:DeleteSchedule',
              'scheduler:GetSchedule',
            ],
            resources: [schedulesInGroup],
          }),
        );
        this.function.addToRolePolicy(
          new PolicyStatement({
            actions: ['scheduler:GetScheduleGroup', 'scheduler:CreateScheduleGroup'],
            resources: [scheduleGroups],
          }),
        );
        this.function.addToRolePolicy(
          new PolicyStatement({ actions: ['scheduler:ListSchedules'], resources: [anySchedule] }),
        );
        this.function.addToRolePolicy(
          new PolicyStatement({
            actions: ['iam:PassRole'],
            resources: [schedules.executionRole.roleArn],
            conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
          }),
        );
        const nagArn = (resource: string) =>
          `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:${nagRegion(stack)}:<AWS::AccountId>:${resource}]`;
        Validations.of(this.role).acknowledge(
          {
            id: nagArn(`schedule/${groups}/*`),
            reason: `Schedule names derive from calendar data at run time (deterministic per transition or reminder wave); the wildcard is confined to the stage's schedule groups, ${groups}, one per consultation.`,
          },
          {
            id: nagArn(`schedule-group/${groups}`),
            reason: `One schedule group per consultation, ${groups}: the reconciler reads its group and creates it for a consultation added at run time; nothing outside the stage prefix.`,
          },
          {
            id: nagArn('schedule/*/*'),
            reason:
              'scheduler:ListSchedules only, which IAM evaluates against the account-wide schedule ARN pattern; it returns schedule names and states, and the reconciler always filters by its own GroupName.',
          },
        );
        return;
      }
    }
  }
}

/** How cdk-nag spells the stack's region inside a flattened ARN. */
function nagRegion(stack: Stack): string {
  return Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
}
