import { Duration, Validations } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { FunctionDefinition } from '../../functions/manifest.ts';
import { firewallRuleNames } from '../../infra/constructs/api-firewall.ts';
import { alarmThresholds } from '../../infra/constructs/operations-monitoring.ts';
import { gatewayProblems } from '../../infra/constructs/problem-gateway-responses.ts';
import { stageConfigs } from '../../infra/stage-config.ts';
import { tableKeys } from '../../shared/adapters/dynamodb/table-definitions.ts';
import { defaultBodyLimitBytes } from '../../shared/http/http-handler.ts';
import {
  apiResourcePaths,
  resourcesOfType,
  type SynthesizedStage,
  synthesizeStage,
} from './synthesize-stage.ts';

// The security and operations properties the production-infrastructure issue lists, on the prod
// stage, with one function of every kind (public, admin, schedule target that mails) and a
// dead-letter queue added the way another construct would add one: one synthesis for the file.
const entry = 'test/infra/fixtures/noop-handler.ts';
const functions: readonly FunctionDefinition[] = [
  {
    name: 'list-open-calls',
    entry,
    description: 'Public read',
    trigger: { kind: 'http', method: 'GET', path: '/v1/consultations/{id}/calls', authorization: 'public' },
    access: [{ kind: 'table', table: 'consultations', mode: 'read' }],
  },
  {
    name: 'submit-contribution',
    entry,
    description: 'Public write on the same path family',
    trigger: { kind: 'http', method: 'POST', path: '/v1/consultations/{id}/calls', authorization: 'public' },
    access: [{ kind: 'table', table: 'consultations', mode: 'read-write' }],
  },
  {
    name: 'extend-deadline',
    entry,
    description: 'Secretariat route',
    trigger: {
      kind: 'http',
      method: 'POST',
      path: '/v1/admin/consultations/{id}/extensions',
      authorization: 'iam',
    },
    access: [{ kind: 'table', table: 'consultations', mode: 'read-write' }],
  },
  {
    name: 'send-reminder-wave',
    entry,
    description: 'Schedule target that mails',
    trigger: { kind: 'schedule-target' },
    access: [{ kind: 'email', mode: 'send' }],
  },
];
const stageConfig = stageConfigs.prod;
const prefix = stageConfig.resourcePrefix;
let synthesized: SynthesizedStage;

beforeAll(() => {
  synthesized = synthesizeStage({
    stage: 'prod',
    bundle: false,
    functions,
    extendStateless: (stack) => {
      const queue = new Queue(stack, 'EmailEventsDeadLetterQueue', {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      Validations.of(queue).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: 'Test fixture: a dead-letter queue another construct adds; it needs none of its own.',
      });
    },
  });
});

afterAll(() => synthesized?.dispose());

const refSchema = z.object({ Ref: z.string() });
const getAttSchema = z.object({ 'Fn::GetAtt': z.tuple([z.string(), z.string()]) });

function logicalIdsOfType(type: string): string[] {
  return resourcesOfType(synthesized.stateless, type).map(([logicalId]) => logicalId);
}

describe('WAF', () => {
  it('associates a regional web ACL with the API stage', () => {
    const [stageId] = logicalIdsOfType('AWS::ApiGateway::Stage');
    const [webAclId] = logicalIdsOfType('AWS::WAFv2::WebACL');
    const associations = resourcesOfType(synthesized.stateless, 'AWS::WAFv2::WebACLAssociation');
    expect(associations).toHaveLength(1);
    const [, association] = associations[0] ?? [];
    expect(getAttSchema.parse(association?.WebACLArn)['Fn::GetAtt']).toEqual([webAclId, 'Arn']);
    expect(JSON.stringify(association?.ResourceArn)).toContain(`"Ref":"${stageId}"`);
    synthesized.stateless.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
    });
  });

  it('blocks a client IP over its rate, declared bodies over the handlers cap, and the common rule set', () => {
    const [, webAcl] = resourcesOfType(synthesized.stateless, 'AWS::WAFv2::WebACL')[0] ?? [];
    const rules = z
      .array(
        z.object({ Name: z.string(), Priority: z.number(), Statement: z.record(z.string(), z.unknown()) }),
      )
      .parse(webAcl?.Rules);
    expect(rules.map((rule) => rule.Name)).toEqual([
      firewallRuleNames.rateLimit,
      firewallRuleNames.bodySize,
      firewallRuleNames.commonRuleSet,
    ]);
    expect(rules[0]?.Statement).toEqual({
      RateBasedStatement: {
        Limit: stageConfig.wafRequestsPerIpPer5Minutes,
        EvaluationWindowSec: 300,
        AggregateKeyType: 'IP',
      },
    });
    expect(rules[1]?.Statement).toMatchObject({
      RegexMatchStatement: { FieldToMatch: { SingleHeader: { Name: 'content-length' } } },
    });
    expect(rules[2]?.Statement).toMatchObject({
      ManagedRuleGroupStatement: {
        VendorName: 'AWS',
        Name: 'AWSManagedRulesCommonRuleSet',
        RuleActionOverrides: [{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }],
      },
    });
    synthesized.stateless.hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([
        Match.objectLike({
          Name: firewallRuleNames.rateLimit,
          Action: {
            Block: { CustomResponse: { ResponseCode: 429, CustomResponseBodyKey: 'tooManyRequests' } },
          },
        }),
        Match.objectLike({
          Name: firewallRuleNames.bodySize,
          Action: {
            Block: { CustomResponse: { ResponseCode: 413, CustomResponseBodyKey: 'contentTooLarge' } },
          },
        }),
      ]),
    });
    const bodies = z
      .record(z.string(), z.object({ Content: z.string(), ContentType: z.string() }))
      .parse(webAcl?.CustomResponseBodies);
    expect(JSON.parse(bodies.contentTooLarge?.Content ?? '')).toMatchObject({
      status: 413,
      detail: `The body may not exceed ${defaultBodyLimitBytes} bytes.`,
    });
    expect(JSON.parse(bodies.tooManyRequests?.Content ?? '')).toMatchObject({ status: 429 });
  });
});

describe('API', () => {
  it('authorizes every method under /v1/admin/ with AWS_IAM and nothing else', () => {
    const paths = apiResourcePaths(synthesized.stateless);
    const methods = resourcesOfType(synthesized.stateless, 'AWS::ApiGateway::Method').map(([, props]) => ({
      path: paths.get(refSchema.parse(props.ResourceId).Ref) ?? '',
      method: props.HttpMethod,
      authorization: props.AuthorizationType,
    }));
    const admin = methods.filter((method) => method.path.startsWith('/v1/admin/'));
    expect(admin).toEqual([
      { path: '/v1/admin/consultations/{id}/extensions', method: 'POST', authorization: 'AWS_IAM' },
    ]);
    for (const method of methods.filter((candidate) => !candidate.path.startsWith('/v1/admin/'))) {
      expect(method.authorization).toBe('NONE');
    }
  });

  it('answers the CORS preflight of public paths for the web form origin only, once per path', () => {
    const preflights = resourcesOfType(synthesized.stateless, 'AWS::ApiGateway::Method').filter(
      ([, props]) => props.HttpMethod === 'OPTIONS',
    );
    expect(preflights).toHaveLength(1);
    const headers = JSON.stringify(preflights[0]?.[1].Integration);
    expect(headers).toContain(
      `"method.response.header.Access-Control-Allow-Origin":"'${stageConfig.site.webOrigin}'"`,
    );
    expect(headers).toContain(`"method.response.header.Access-Control-Allow-Methods":"'GET,POST,OPTIONS'"`);
    // The submission routes' edit token (Authorization: Bearer) and If-Match, and create's Idempotency-Key.
    expect(headers).toContain(
      `"method.response.header.Access-Control-Allow-Headers":"'Content-Type,Idempotency-Key,Authorization,If-Match'"`,
    );
  });

  it('answers every error API Gateway makes itself as application/problem+json, with CORS', () => {
    const responses = resourcesOfType(synthesized.stateless, 'AWS::ApiGateway::GatewayResponse');
    const byType = new Map(responses.map(([, props]) => [props.ResponseType, props]));
    expect([...byType.keys()].sort()).toEqual(
      gatewayProblems.map((problem) => problem.type.responseType).sort(),
    );
    for (const props of byType.values()) {
      expect(props.ResponseParameters).toMatchObject({
        'gatewayresponse.header.Content-Type': "'application/problem+json'",
        'gatewayresponse.header.Access-Control-Allow-Origin': `'${stageConfig.site.webOrigin}'`,
      });
      const template = z.record(z.string(), z.string()).parse(props.ResponseTemplates)['application/json'];
      // What API Gateway renders, with its variables filled in, must be a problem document.
      const rendered = JSON.parse(
        (template ?? '')
          .replace('$context.error.messageString', '"Missing Authentication Token"')
          .replace('$context.requestId', 'c0ffee'),
      );
      const problem = gatewayProblems.find((candidate) => candidate.type.responseType === props.ResponseType);
      expect(rendered).toMatchObject({
        type: problem?.problemType ?? 'about:blank',
        title: expect.any(String),
        requestId: 'c0ffee',
      });
      if (props.StatusCode !== undefined) expect(rendered.status).toBe(Number(props.StatusCode));
    }
    expect(byType.get('MISSING_AUTHENTICATION_TOKEN')).toMatchObject({ StatusCode: '403' });
    expect(JSON.stringify(byType.get('MISSING_AUTHENTICATION_TOKEN'))).toContain(
      '/problems/missing-authentication',
    );
    // The same answers as the local API's SigV4 check, so a client sees one behaviour.
    expect(JSON.stringify(byType.get('INVALID_SIGNATURE'))).toContain('/problems/invalid-signature');
    expect(byType.get('DEFAULT_4XX')).toBeDefined();
    expect(byType.get('DEFAULT_5XX')).toBeDefined();
  });

  it('throttles the stage and logs JSON access records to a log group with a retention', () => {
    const [, stage] = resourcesOfType(synthesized.stateless, 'AWS::ApiGateway::Stage')[0] ?? [];
    expect(stage?.MethodSettings).toEqual([
      expect.objectContaining({
        ThrottlingRateLimit: stageConfig.apiThrottling.rateLimit,
        ThrottlingBurstLimit: stageConfig.apiThrottling.burstLimit,
        DataTraceEnabled: false,
      }),
    ]);
    const accessLog = z
      .object({ DestinationArn: getAttSchema, Format: z.string() })
      .parse(stage?.AccessLogSetting);
    expect(Object.keys(JSON.parse(accessLog.Format))).toEqual(
      expect.arrayContaining(['requestId', 'status', 'sourceIp', 'responseLatency']),
    );
    const destination = accessLog.DestinationArn['Fn::GetAtt'][0];
    expect(synthesized.stateless.toJSON().Resources[destination]).toMatchObject({
      Type: 'AWS::Logs::LogGroup',
      Properties: { RetentionInDays: stageConfig.logRetention },
    });
  });
});

describe('logs and data', () => {
  it('gives every log group of both stacks a retention', () => {
    const logGroups = [
      ...resourcesOfType(synthesized.stateful, 'AWS::Logs::LogGroup'),
      ...resourcesOfType(synthesized.stateless, 'AWS::Logs::LogGroup'),
    ];
    // One per function, the access logs and the execution logs.
    expect(logGroups.length).toBe(functions.length + 2);
    for (const [, props] of logGroups) expect(props.RetentionInDays).toBe(stageConfig.logRetention);
  });

  it('keeps point-in-time recovery, deletion protection and retention on every table', () => {
    const tables = synthesized.stateful.findResources('AWS::DynamoDB::Table');
    expect(Object.keys(tables)).toHaveLength(tableKeys.length);
    for (const table of Object.values(tables)) {
      expect(table).toMatchObject({
        DeletionPolicy: 'Retain',
        Properties: {
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
          SSESpecification: { SSEEnabled: true },
        },
      });
    }
  });

  it('logs at the stage level through Powertools and Lambda, without capturing responses', () => {
    for (const [, props] of resourcesOfType(synthesized.stateless, 'AWS::Lambda::Function')) {
      expect(props.LoggingConfig).toMatchObject({
        LogFormat: 'JSON',
        ApplicationLogLevel: stageConfig.logLevel,
        SystemLogLevel: 'WARN',
      });
      expect(props.Environment).toMatchObject({
        Variables: {
          POWERTOOLS_LOG_LEVEL: stageConfig.logLevel,
          POWERTOOLS_SERVICE_NAME: 'consultation-engine',
          POWERTOOLS_METRICS_NAMESPACE: 'ConsultationEngine',
          POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
        },
      });
    }
  });
});

describe('email', () => {
  it('sends from the sender domain with one configuration set, whose one event path is EventBridge', () => {
    synthesized.stateful.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: stageConfig.site.senderDomain,
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: Match.anyValue() } },
    });
    synthesized.stateful.hasResourceProperties('AWS::SES::ConfigurationSet', {
      Name: `${prefix}-email`,
      ReputationOptions: { ReputationMetricsEnabled: true },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
    });
    // One configuration set and one event destination in the whole app, both in the stateful stack.
    synthesized.stateful.resourceCountIs('AWS::SES::ConfigurationSet', 1);
    synthesized.stateless.resourceCountIs('AWS::SES::ConfigurationSet', 0);
    synthesized.stateless.resourceCountIs('AWS::SES::ConfigurationSetEventDestination', 0);
    const destinations = resourcesOfType(synthesized.stateful, 'AWS::SES::ConfigurationSetEventDestination');
    expect(destinations).toHaveLength(1);
    const eventDestination = z
      .object({
        Enabled: z.literal(true),
        MatchingEventTypes: z.array(z.string()),
        EventBridgeDestination: z.object({ EventBusArn: z.unknown() }),
      })
      .parse(z.object({ EventDestination: z.unknown() }).parse(destinations[0]?.[1]).EventDestination);
    expect(eventDestination.MatchingEventTypes.sort()).toEqual(['bounce', 'complaint', 'send']);
    expect(JSON.stringify(eventDestination.EventBridgeDestination.EventBusArn)).toContain(
      ':event-bus/default',
    );
    // No SNS topic for SES events: nothing would read it.
    synthesized.stateful.resourceCountIs('AWS::SNS::Topic', 0);
  });

  it('outputs the DKIM records and what to verify in SES', () => {
    const outputs = synthesized.stateful.findOutputs('*');
    expect(Object.keys(outputs)).toEqual(
      expect.arrayContaining(['SesToVerify', 'SesDkimRecord1', 'SesDkimRecord2', 'SesDkimRecord3']),
    );
    expect(JSON.stringify(outputs.SesToVerify)).toContain(stageConfig.site.senderDomain);
    expect(JSON.stringify(outputs.SesToVerify)).toContain('sandbox');
  });
});

describe('alarms and dashboard', () => {
  const alarms = () =>
    resourcesOfType(synthesized.stateless, 'AWS::CloudWatch::Alarm').map(([, props]) => props);
  const alarmTopicId = () => {
    const topics = resourcesOfType(synthesized.stateless, 'AWS::SNS::Topic');
    expect(topics).toHaveLength(1);
    return topics[0]?.[0] ?? '';
  };

  it('sends every alarm, and its recovery, to the ops topic, which the alarm email is subscribed to', () => {
    const topic = alarmTopicId();
    expect(alarms().length).toBeGreaterThan(0);
    for (const alarm of alarms()) {
      expect(alarm.AlarmActions).toEqual([{ Ref: topic }]);
      expect(alarm.OKActions).toEqual([{ Ref: topic }]);
      expect(alarm.TreatMissingData).toBe('notBreaching');
    }
    synthesized.stateless.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: stageConfig.site.alarmEmail,
      TopicArn: { Ref: topic },
    });
    synthesized.stateless.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
  });

  it('alarms on API 5xx and p99 latency of the stage', () => {
    const [stageId] = logicalIdsOfType('AWS::ApiGateway::Stage');
    const apiAlarms = alarms().filter((alarm) => alarm.Namespace === 'AWS/ApiGateway');
    expect(apiAlarms).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ MetricName: '5XXError', Threshold: alarmThresholds.apiServerErrors }),
        expect.objectContaining({
          MetricName: 'Latency',
          ExtendedStatistic: 'p99',
          Threshold: alarmThresholds.apiP99LatencyMs,
        }),
      ]),
    );
    for (const alarm of apiAlarms) {
      expect(alarm.Dimensions).toEqual(expect.arrayContaining([{ Name: 'Stage', Value: { Ref: stageId } }]));
    }
  });

  it('alarms on errors and throttles of every function', () => {
    const functionIds = logicalIdsOfType('AWS::Lambda::Function');
    expect(functionIds).toHaveLength(functions.length);
    for (const metricName of ['Errors', 'Throttles']) {
      const watched = alarms()
        .filter((alarm) => alarm.Namespace === 'AWS/Lambda' && alarm.MetricName === metricName)
        .map((alarm) => JSON.stringify(alarm.Dimensions));
      expect(watched).toHaveLength(functions.length);
      for (const id of functionIds)
        expect(watched.some((dimensions) => dimensions.includes(`"${id}"`))).toBe(true);
    }
  });

  it('alarms on every dead-letter queue of the app as soon as it holds a message', () => {
    const queues = logicalIdsOfType('AWS::SQS::Queue');
    // The schedule target's own dead-letter queue (failed asynchronous invocations), the Scheduler's
    // dead-letter queue (deliveries it gave up on), and the one another construct added.
    expect(queues).toHaveLength(3);
    const depthAlarms = alarms().filter((alarm) => alarm.MetricName === 'ApproximateNumberOfMessagesVisible');
    expect(depthAlarms).toHaveLength(3);
    for (const queue of queues) {
      expect(depthAlarms.some((alarm) => JSON.stringify(alarm.Dimensions).includes(`"${queue}"`))).toBe(true);
    }
    for (const alarm of depthAlarms) {
      expect(alarm).toMatchObject({
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        Statistic: 'Maximum',
      });
    }
  });

  it('alarms on the SES bounce rate above 2% and complaint rate above 0.05% of the configuration set', () => {
    const ses = alarms().filter((alarm) => alarm.Namespace === 'AWS/SES');
    const dimension = [{ Name: 'ses:configuration-set', Value: expect.anything() }];
    expect(ses).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          MetricName: 'Reputation.BounceRate',
          Threshold: 0.02,
          ComparisonOperator: 'GreaterThanThreshold',
          Dimensions: dimension,
        }),
        expect.objectContaining({
          MetricName: 'Reputation.ComplaintRate',
          Threshold: 0.0005,
          ComparisonOperator: 'GreaterThanThreshold',
          Dimensions: dimension,
        }),
      ]),
    );
  });

  it('builds one dashboard and outputs its URL, the API URL and the alarm topic', () => {
    synthesized.stateless.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    synthesized.stateless.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: prefix });
    const outputs = synthesized.stateless.findOutputs('*');
    expect(outputs.DashboardUrl?.Value).toBe(
      `https://${stageConfig.site.region}.console.aws.amazon.com/cloudwatch/home?region=${stageConfig.site.region}#dashboards:name=${prefix}`,
    );
    expect(outputs.ApiUrl).toBeDefined();
    expect(outputs.AlarmTopicArn).toBeDefined();
  });

  it('leaves no unacknowledged cdk-nag finding with all of it in place', () => {
    expect(synthesized.validationReport.pluginReports.flatMap((report) => report.violations)).toEqual([]);
  });
});
