import {
  ArnFormat,
  CfnOutput,
  CrossStackReferences,
  Duration,
  ReferenceStrength,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import {
  AccessLogField,
  AccessLogFormat,
  AuthorizationType,
  CfnAccount,
  type CorsOptions,
  EndpointType,
  type IResource,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  type RequestValidator,
  RestApi,
  SecurityPolicy,
} from 'aws-cdk-lib/aws-apigateway';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { FunctionDefinition, Trigger } from '../../functions/manifest.ts';
import { type TableKey, tableKeys } from '../../shared/adapters/dynamodb/table-definitions.ts';
import { type QueueKey, queueDefinitions, queueKeys } from '../../shared/adapters/sqs/queue-definitions.ts';
import { runtimeEnvironment, type ScheduleConfig } from '../../shared/config/runtime-config.ts';
import { consultationDefinitions } from '../../shared/domain/definitions/index.ts';
import { defaultBodyLimitBytes } from '../../shared/http/http-handler.ts';
import { ApiFirewall } from '../constructs/api-firewall.ts';
import { ConsultationFunction, type ScheduleAccess } from '../constructs/consultation-function.ts';
import { sesEventDetailTypes } from '../constructs/email-sending.ts';
import { ProblemGatewayResponses } from '../constructs/problem-gateway-responses.ts';
import { ScheduleDeadLetterQueue } from '../constructs/schedule-dead-letter-queue.ts';
import { pascalCase, recordOf } from '../naming.ts';
import { type StageConfig, sandboxEmailSending } from '../stage-config.ts';

export interface StatelessStackProps extends StackProps {
  readonly stageConfig: StageConfig;
  readonly tables: Readonly<Record<TableKey, ITable>>;
  /** Key of the unsubscribe links (from the stateful stack: links already sent must keep working). */
  readonly linkSigningSecret?: ISecret;
  /** Normally `functionManifest`; tests pass other lists to reach every kind of trigger and access. */
  readonly functions: readonly FunctionDefinition[];
  /** How functions with `email` access send: the SES identity and configuration set of the stateful stack. */
  readonly email: EmailSendingTargets;
}

export interface EmailSendingTargets {
  /** ARN of the SES identity that functions with `email` access may send from. */
  readonly identityArn: string;
  readonly configurationSetName: string;
}

type HttpTrigger = Extract<Trigger, { kind: 'http' }>;

/**
 * The code and its entry points, all derived from the function manifest: one function per entry, a
 * regional REST API whose resources and methods are the manifest's http triggers, and, when some
 * function manages schedules or is a schedule target, the schedule group and the role schedules run as.
 */
export class StatelessStack extends Stack {
  readonly api: RestApi;
  readonly functions: readonly ConsultationFunction[];
  readonly firewall: ApiFirewall;
  /** The queues of the shared definitions that some function sends to or consumes. */
  readonly queues: Readonly<Partial<Record<QueueKey, Queue>>>;
  private readonly preflightedPaths = new Set<string>();

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    // Table names and ARNs arrive by export/import: CloudFormation then refuses to delete the
    // stateful stack while this one uses it, which is the point of keeping data apart.
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);
    const { stageConfig } = props;

    const schedules = this.scheduleAccessFor(props.functions, stageConfig);
    const scheduleConfig = this.scheduleConfigFor(props.functions, stageConfig, schedules);
    const { site } = stageConfig;
    const usedQueues = new Set(
      props.functions.flatMap((definition) => [
        ...definition.access.flatMap((access) => (access.kind === 'queue' ? [access.queue] : [])),
        ...(definition.trigger.kind === 'queue' ? [definition.trigger.queue] : []),
      ]),
    );
    const queues: Partial<Record<QueueKey, Queue>> = {};
    for (const key of queueKeys) {
      if (usedQueues.has(key)) queues[key] = this.queueFromDefinition(key, stageConfig);
    }
    this.queues = queues;
    const queueOf = (key: QueueKey): Queue => {
      const queue = queues[key];
      if (queue === undefined) throw new Error(`Queue ${key} was not created`);
      return queue;
    };
    const uses = (definition: FunctionDefinition, kind: string, table?: TableKey) =>
      definition.access.some(
        (access) =>
          access.kind === kind &&
          (table === undefined || (access.kind === 'table' && access.table === table)),
      );
    // Email, schedule, queue and link settings only reach the functions that use them: the others
    // have no use for them (and the link key stays out of every other function's environment).
    const environmentFor = (definition: FunctionDefinition) =>
      runtimeEnvironment({
        tableNames: recordOf(tableKeys, (key) => props.tables[key].tableName),
        calendarUidDomain: stageConfig.calendarUidDomain,
        allowedOrigins: [site.webOrigin],
        publicBaseUrl: site.publicBaseUrl,
        ...(definition.access.some((access) => access.kind === 'email')
          ? {
              email: {
                from: `${site.fromName} <${site.fromAddress}>`,
                replyTo: site.replyTo,
                configurationSetName: props.email.configurationSetName,
              },
            }
          : {}),
        ...(scheduleConfig !== undefined && uses(definition, 'schedules')
          ? { schedules: scheduleConfig }
          : {}),
        // Resolved by CloudFormation at deploy time (a dynamic reference): the value is in no template.
        // Functions that read subscriptions sign or check unsubscribe links.
        ...(props.linkSigningSecret !== undefined && uses(definition, 'table', 'subscriptions')
          ? { linkSigningSecret: props.linkSigningSecret.secretValue.unsafeUnwrap() }
          : {}),
        ...(definition.access.some((access) => access.kind === 'queue' && access.mode === 'send')
          ? {
              queueUrls: Object.fromEntries(
                definition.access.flatMap((access) =>
                  access.kind === 'queue' && access.mode === 'send'
                    ? [[access.queue, queueOf(access.queue).queueUrl]]
                    : [],
                ),
              ),
            }
          : {}),
        ...(definition.trigger.kind === 'queue'
          ? { emailSending: site.emailSending ?? sandboxEmailSending }
          : {}),
      });

    this.functions = props.functions.map(
      (definition) =>
        new ConsultationFunction(this, `${pascalCase(definition.name)}Function`, {
          definition,
          namePrefix: stageConfig.resourcePrefix,
          environment: environmentFor(definition),
          access: {
            tables: props.tables,
            emailIdentityArn: props.email.identityArn,
            emailConfigurationSetName: props.email.configurationSetName,
            schedules,
            queues,
          },
          logRetention: stageConfig.logRetention,
          logRemovalPolicy: stageConfig.removalPolicy,
          logLevel: stageConfig.logLevel,
          powertoolsTracer: stageConfig.powertoolsTracer,
        }),
    );

    if (schedules !== undefined) {
      const targets = this.functions.filter((fn) => fn.definition.trigger.kind === 'schedule-target');
      if (targets.length > 0) {
        schedules.executionRole.addToPrincipalPolicy(
          new PolicyStatement({
            actions: ['lambda:InvokeFunction'],
            resources: targets.map((fn) => fn.function.functionArn),
          }),
        );
      }
    }

    for (const fn of this.functions) {
      const { trigger } = fn.definition;
      if (trigger.kind === 'queue') {
        const definition = queueDefinitions[trigger.queue];
        fn.function.addEventSource(
          new SqsEventSource(queueOf(trigger.queue), {
            batchSize: definition.batchSize,
            maxConcurrency: definition.maximumConcurrency,
            reportBatchItemFailures: true,
          }),
        );
      }
      if (trigger.kind === 'email-events') {
        // The one path of SES events: the configuration set (stateful stack) publishes to the
        // default bus, and this rule hands the events the function records to it.
        new Rule(this, `${pascalCase(fn.definition.name)}Rule`, {
          description: `SES sending events of ${props.email.configurationSetName} (sends, bounces, complaints)`,
          eventPattern: {
            source: ['aws.ses'],
            detailType: [...sesEventDetailTypes],
            detail: { mail: { tags: { 'ses:configuration-set': [props.email.configurationSetName] } } },
          },
          targets: [new LambdaFunction(fn.function, { retryAttempts: 8, maxEventAge: Duration.hours(24) })],
        });
      }
    }

    this.api = this.restApi(stageConfig);
    const requestValidator = this.api.addRequestValidator('RequestValidator', {
      validateRequestParameters: true,
      validateRequestBody: true,
    });
    const cors = corsOptionsFor(props.functions, site.webOrigin);
    for (const fn of this.functions) {
      const { trigger } = fn.definition;
      if (trigger.kind === 'http') {
        this.route(fn, trigger, requestValidator, cors);
      }
    }
    new ProblemGatewayResponses(this, 'ProblemResponses', { api: this.api, allowedOrigin: site.webOrigin });
    this.firewall = new ApiFirewall(this, 'Firewall', {
      namePrefix: stageConfig.resourcePrefix,
      stage: this.api.deploymentStage,
      requestsPerIpPer5Minutes: stageConfig.wafRequestsPerIpPer5Minutes,
      maxBodyBytes: defaultBodyLimitBytes,
    });

    new CfnOutput(this, 'ApiUrl', {
      description: 'Base URL of the REST API stage; routes start with /v1/',
      value: this.api.url,
    });
    if (site.customDomain !== undefined) {
      const domain = this.api.addDomainName('CustomDomain', {
        domainName: site.customDomain.domainName,
        certificate: Certificate.fromCertificateArn(
          this,
          'CustomDomainCertificate',
          site.customDomain.certificateArn,
        ),
        endpointType: EndpointType.REGIONAL,
        securityPolicy: SecurityPolicy.TLS_1_2,
      });
      new CfnOutput(this, 'CustomDomainTarget', {
        description: `Point ${site.customDomain.domainName} here (CNAME, or an alias record in Route 53)`,
        value: domain.domainNameAliasDomainName,
      });
    }
  }

  private restApi(stageConfig: StageConfig): RestApi {
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: stageConfig.logRetention,
      removalPolicy: stageConfig.removalPolicy,
    });
    const api = new RestApi(this, 'Api', {
      restApiName: `${stageConfig.resourcePrefix}-api`,
      description:
        'Consultation engine API: public consultation reads, IAM-signed secretariat administration',
      endpointConfiguration: { types: [EndpointType.REGIONAL] },
      // The account-level role for execution logs is declared below, where its policy can be reviewed.
      cloudWatchRole: false,
      deployOptions: {
        stageName: stageConfig.stage,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: accessLogFormat(),
        // Execution logs at ERROR level, without request or response bodies (they hold personal data).
        loggingLevel: MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        // Stage-level metrics (Count, 4XXError, 5XXError, Latency) are always published; per-method
        // metrics would cost a custom metric per method and are not needed by the alarms.
        metricsEnabled: false,
        tracingEnabled: true,
        throttlingRateLimit: stageConfig.apiThrottling.rateLimit,
        throttlingBurstLimit: stageConfig.apiThrottling.burstLimit,
      },
    });

    // API Gateway writes execution logs with one account-wide role; a log group created up front
    // under the name API Gateway uses gets a retention instead of the default "never expire".
    const pushToCloudWatch = new Role(this, 'ApiGatewayCloudWatchRole', {
      assumedBy: new ServicePrincipal('apigateway.amazonaws.com'),
      description: 'Lets API Gateway write execution logs to CloudWatch Logs (account-wide setting)',
      managedPolicies: [
        ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonAPIGatewayPushToCloudWatchLogs'),
      ],
    });
    // Other APIs in the account may rely on this account-wide role after this stack is gone.
    pushToCloudWatch.applyRemovalPolicy(RemovalPolicy.RETAIN);
    Validations.of(pushToCloudWatch).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason:
        'The account-level API Gateway logging role is the documented use of this AWS managed policy; it is assumable by apigateway.amazonaws.com only and holds nothing else.',
    });
    const account = new CfnAccount(this, 'ApiGatewayAccount', {
      cloudWatchRoleArn: pushToCloudWatch.roleArn,
    });
    const executionLogs = new LogGroup(this, 'ApiExecutionLogs', {
      logGroupName: `API-Gateway-Execution-Logs_${api.restApiId}/${stageConfig.stage}`,
      retention: stageConfig.logRetention,
      removalPolicy: stageConfig.removalPolicy,
    });
    api.deploymentStage.node.addDependency(account, executionLogs);

    return api;
  }

  private route(
    fn: ConsultationFunction,
    trigger: HttpTrigger,
    requestValidator: RequestValidator,
    cors: ReadonlyMap<string, CorsOptions>,
  ): void {
    const parameters = pathParameterNames(trigger.path);
    const resource = this.api.root.resourceForPath(trigger.path);
    const preflight = cors.get(trigger.path);
    if (preflight !== undefined && !this.preflightedPaths.has(trigger.path)) {
      this.preflight(resource, preflight);
      this.preflightedPaths.add(trigger.path);
    }
    const method = resource.addMethod(
      trigger.method,
      new LambdaIntegration(fn.function, { allowTestInvoke: false }),
      {
        authorizationType: trigger.authorization === 'iam' ? AuthorizationType.IAM : AuthorizationType.NONE,
        requestValidator,
        requestParameters:
          parameters.length === 0
            ? undefined
            : Object.fromEntries(parameters.map((name) => [`method.request.path.${name}`, true])),
      },
    );
    if (trigger.authorization === 'public') {
      Validations.of(method).acknowledge(
        {
          id: 'AwsSolutions-APIG4',
          reason: `${trigger.method} ${trigger.path} is public by design: the consultation is open to every stakeholder without an account. Abuse is bounded by the WAF's per-IP rate rule and stage throttling.`,
        },
        {
          id: 'AwsSolutions-COG4',
          reason: `${trigger.method} ${trigger.path} is public by design: the open consultation has no sign-in, so there is no Cognito user pool to authorize against.`,
        },
      );
    } else {
      Validations.of(method).acknowledge({
        id: 'AwsSolutions-COG4',
        reason: `${trigger.method} ${trigger.path} is a secretariat route authorized by IAM (SigV4): its callers are AWS principals of the secretariat, not users of a Cognito user pool.`,
      });
    }
  }

  /**
   * The browser's CORS preflight for a public resource, answered by API Gateway itself (a mock
   * integration, no Lambda): the web form's origin only. Public by nature: a browser sends it
   * without credentials.
   */
  private preflight(resource: IResource, options: CorsOptions): void {
    const method = resource.addCorsPreflight(options);
    Validations.of(method).acknowledge(
      {
        id: 'AwsSolutions-APIG4',
        reason: `CORS preflight (OPTIONS) of ${resource.path}: browsers send it without credentials, and API Gateway answers it with a mock integration that runs no code.`,
      },
      {
        id: 'AwsSolutions-COG4',
        reason: `CORS preflight (OPTIONS) of ${resource.path}: browsers send it without credentials, so no authorizer can apply.`,
      },
    );
  }

  /**
   * What the reconciler needs to create schedules, when this stage has both a reconciler and the
   * `apply-transition` target: the target's ARN is built from its known name (a reference to the
   * function itself would make every function's environment depend on it, that one included).
   */
  private scheduleConfigFor(
    functions: readonly FunctionDefinition[],
    stageConfig: StageConfig,
    schedules: (ScheduleAccess & { deadLetterQueueArn: string }) | undefined,
  ): ScheduleConfig | undefined {
    const target = functions.find(
      (fn) => fn.name === 'apply-transition' && fn.trigger.kind === 'schedule-target',
    );
    if (schedules === undefined || target === undefined) return undefined;
    const functionArn = (name: string) =>
      this.formatArn({
        service: 'lambda',
        resource: 'function',
        resourceName: `${stageConfig.resourcePrefix}-${name}`,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
    return {
      groupPrefix: schedules.groupNamePrefix,
      roleArn: schedules.executionRole.roleArn,
      deadLetterQueueArn: schedules.deadLetterQueueArn,
      transitionTargetArn: functionArn(target.name),
      // By its known name, like the transition target; the scheduler role may invoke both.
      reminderWaveTargetArn: functionArn('start-reminder-wave'),
      personalDataErasureTargetArn: functionArn('erase-consultation-personal-data'),
    };
  }

  /**
   * A queue of the shared definitions with its dead-letter queue, both encrypted and TLS-only. The
   * generic monitoring finds the dead-letter queue through the queue's redrive policy and alarms on it.
   */
  private queueFromDefinition(key: QueueKey, stageConfig: StageConfig): Queue {
    const definition = queueDefinitions[key];
    const deadLetterQueue = new Queue(this, `${pascalCase(key)}DeadLetterQueue`, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(definition.deadLetterRetentionDays),
      removalPolicy: stageConfig.removalPolicy,
    });
    Validations.of(deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: `This is the dead-letter queue of the ${key} queue; a dead-letter queue of its own would only move the question, and an alarm fires on its first message.`,
    });
    return new Queue(this, `${pascalCase(key)}Queue`, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
      deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: definition.maxReceiveCount },
    });
  }

  private scheduleAccessFor(
    functions: readonly FunctionDefinition[],
    stageConfig: StageConfig,
  ): (ScheduleAccess & { deadLetterQueueArn: string }) | undefined {
    const needsSchedules = functions.some(
      (fn) =>
        fn.trigger.kind === 'schedule-target' || fn.access.some((access) => access.kind === 'schedules'),
    );
    if (!needsSchedules) {
      return undefined;
    }
    // One schedule group per consultation, `<prefix>-<consultation id>`; the reconciler creates the
    // group of a consultation added later at run time (within the same prefix).
    const groupNamePrefix = stageConfig.resourcePrefix;
    for (const definition of consultationDefinitions) {
      new ScheduleGroup(this, `ScheduleGroup${pascalCase(definition.id)}`, {
        scheduleGroupName: `${groupNamePrefix}-${definition.id}`,
        removalPolicy: stageConfig.removalPolicy,
      });
    }
    const executionRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
      description: `Assumed by EventBridge Scheduler to invoke the schedule targets of ${groupNamePrefix}-*`,
    });
    const deadLetters = new ScheduleDeadLetterQueue(this, 'ScheduleDeadLetters', {
      namePrefix: stageConfig.resourcePrefix,
      schedulerRole: executionRole,
      removalPolicy: stageConfig.removalPolicy,
    });
    return { groupNamePrefix, executionRole, deadLetterQueueArn: deadLetters.queue.queueArn };
  }
}

/**
 * Preflight options per path of a public route: the methods the manifest routes on that path, the
 * headers a browser may send, the web form's origin. Admin routes are signed requests from AWS
 * principals, not from a browser, so they get no preflight.
 */
export function corsOptionsFor(
  functions: readonly FunctionDefinition[],
  webOrigin: string,
): Map<string, CorsOptions> {
  const methodsByPath = new Map<string, string[]>();
  for (const { trigger } of functions) {
    if (trigger.kind !== 'http' || trigger.authorization !== 'public') continue;
    methodsByPath.set(trigger.path, [...(methodsByPath.get(trigger.path) ?? []), trigger.method]);
  }
  return new Map(
    [...methodsByPath].map(([path, methods]) => [
      path,
      {
        allowOrigins: [webOrigin],
        allowMethods: [...methods, 'OPTIONS'],
        // Authorization carries a submission's edit token (Bearer), If-Match the version it edits.
        allowHeaders: ['Content-Type', 'Idempotency-Key', 'Authorization', 'If-Match'],
        maxAge: Duration.hours(1),
      },
    ]),
  );
}

/** `/v1/consultations/{id}/calendar.ics` -> `['id']`; a greedy `{proxy+}` yields `proxy`. */
export function pathParameterNames(path: string): string[] {
  return [...path.matchAll(/\{([^}+]+)\+?\}/g)].flatMap((match) =>
    match[1] === undefined ? [] : [match[1]],
  );
}

function accessLogFormat(): AccessLogFormat {
  return AccessLogFormat.custom(
    JSON.stringify({
      requestId: AccessLogField.contextRequestId(),
      extendedRequestId: AccessLogField.contextExtendedRequestId(),
      requestTimeEpoch: AccessLogField.contextRequestTimeEpoch(),
      httpMethod: AccessLogField.contextHttpMethod(),
      resourcePath: AccessLogField.contextResourcePath(),
      path: AccessLogField.contextPath(),
      status: AccessLogField.contextStatus(),
      protocol: AccessLogField.contextProtocol(),
      responseLength: AccessLogField.contextResponseLength(),
      responseLatency: AccessLogField.contextResponseLatency(),
      integrationLatency: AccessLogField.contextIntegrationLatency(),
      integrationStatus: AccessLogField.contextIntegrationStatus(),
      errorMessage: AccessLogField.contextErrorMessage(),
      sourceIp: AccessLogField.contextIdentitySourceIp(),
      userAgent: AccessLogField.contextIdentityUserAgent(),
      userArn: AccessLogField.contextIdentityUserArn(),
      xrayTraceId: AccessLogField.contextXrayTraceId(),
    }),
  );
}
