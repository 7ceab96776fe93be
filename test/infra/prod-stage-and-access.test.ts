import { App, Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunctionDefinition } from '../../functions/manifest.ts';
import { defineConsultationApp } from '../../infra/consultation-app.ts';
import { stageConfigs } from '../../infra/stage-config.ts';
import { tableKeys } from '../../shared/adapters/dynamodb/table-definitions.ts';
import {
  policyActions,
  policyStatements,
  resourcesOfType,
  type SynthesizedStage,
  synthesizeStage,
} from './synthesize-stage.ts';

// Entries the real manifest does not have yet (an IAM route, a schedule target, email and schedule
// access, read-write table access), on the prod stage, without bundling: one synthesis for the file.
const entry = 'test/infra/fixtures/noop-handler.ts';
const functions: readonly FunctionDefinition[] = [
  {
    name: 'get-open-consultation',
    entry,
    description: 'Public read',
    trigger: { kind: 'http', method: 'GET', path: '/v1/consultations/{id}', authorization: 'public' },
    access: [{ kind: 'table', table: 'consultations', mode: 'read' }],
  },
  {
    name: 'update-consultation',
    entry,
    description: 'Secretariat write that reschedules the calendar',
    trigger: { kind: 'http', method: 'PUT', path: '/v1/admin/consultations/{id}', authorization: 'iam' },
    access: [
      { kind: 'table', table: 'consultations', mode: 'read-write' },
      { kind: 'schedules', mode: 'manage' },
    ],
  },
  {
    name: 'send-reminder-wave',
    entry,
    description: 'Schedule target that mails a reminder wave',
    trigger: { kind: 'schedule-target' },
    access: [{ kind: 'email', mode: 'send' }],
    timeoutSeconds: 120,
  },
];
const stageConfig = stageConfigs.prod;
const prefix = stageConfig.resourcePrefix;
let synthesized: SynthesizedStage;

beforeAll(() => {
  synthesized = synthesizeStage({ stage: 'prod', bundle: false, functions });
});

afterAll(() => synthesized?.dispose());

function functionNamed(functionName: string): [string, Record<string, unknown>] {
  const found = resourcesOfType(synthesized.stateless, 'AWS::Lambda::Function').find(
    ([, candidate]) => candidate.FunctionName === `${prefix}-${functionName}`,
  );
  if (found === undefined) throw new Error(`No function ${functionName}`);
  return found;
}

function roleOf(functionName: string): string {
  const role = functionNamed(functionName)[1].Role;
  if (
    typeof role !== 'object' ||
    role === null ||
    !('Fn::GetAtt' in role) ||
    !Array.isArray(role['Fn::GetAtt'])
  ) {
    throw new Error(`No role for ${functionName}`);
  }
  return String(role['Fn::GetAtt'][0]);
}

/** The statements of the default policy attached to a role. */
function statementsOf(roleLogicalId: string): unknown[] {
  return resourcesOfType(synthesized.stateless, 'AWS::IAM::Policy')
    .filter(([, props]) => JSON.stringify(props.Roles) === JSON.stringify([{ Ref: roleLogicalId }]))
    .flatMap(([, props]) => {
      const document = props.PolicyDocument;
      return typeof document === 'object' &&
        document !== null &&
        'Statement' in document &&
        Array.isArray(document.Statement)
        ? document.Statement
        : [];
    });
}

describe('prod stage', () => {
  it('keeps tables and logs when they leave the stack, and protects tables and the stateful stack', () => {
    for (const table of Object.values(synthesized.stateful.findResources('AWS::DynamoDB::Table'))) {
      expect(table).toMatchObject({
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: { DeletionProtectionEnabled: true },
      });
    }
    synthesized.stateful.resourceCountIs('AWS::DynamoDB::Table', tableKeys.length);
    for (const logGroup of Object.values(synthesized.stateless.findResources('AWS::Logs::LogGroup'))) {
      expect(logGroup).toMatchObject({
        DeletionPolicy: 'Retain',
        Properties: { RetentionInDays: stageConfig.logRetention },
      });
    }
    expect(synthesized.consultationApp.stateful.terminationProtection).toBe(true);
  });

  it('throttles the API stage with the prod numbers', () => {
    synthesized.stateless.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'prod',
      MethodSettings: [
        Match.objectLike({
          ThrottlingRateLimit: stageConfig.apiThrottling.rateLimit,
          ThrottlingBurstLimit: stageConfig.apiThrottling.burstLimit,
        }),
      ],
    });
  });
});

describe('routes and access derived from the manifest', () => {
  it('authorizes iam routes with AWS_IAM and public routes with NONE, and gives schedule targets no route', () => {
    synthesized.stateless.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'PUT',
      AuthorizationType: 'AWS_IAM',
    });
    synthesized.stateless.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      AuthorizationType: 'NONE',
    });
    // The public route's path also answers the CORS preflight; the admin route gets none.
    synthesized.stateless.resourceCountIs('AWS::ApiGateway::Method', 3);
    synthesized.stateless.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'OPTIONS',
      AuthorizationType: 'NONE',
      Integration: Match.objectLike({ Type: 'MOCK' }),
    });
    synthesized.stateless.resourceCountIs('AWS::Lambda::Function', functions.length);
    synthesized.stateless.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: `${prefix}-send-reminder-wave`,
      Timeout: 120,
    });
  });

  it('grants table reads without writes or Scan, and read-write with writes, to the table and its index', () => {
    const reader = JSON.stringify(statementsOf(roleOf('get-open-consultation')));
    expect(reader).toContain('dynamodb:GetItem');
    expect(reader).toContain('/index/byKind');
    expect(reader).not.toContain('dynamodb:PutItem');
    expect(reader).not.toContain('dynamodb:Scan');
    const writer = JSON.stringify(statementsOf(roleOf('update-consultation')));
    expect(writer).toContain('dynamodb:PutItem');
    expect(writer).toContain('dynamodb:ConditionCheckItem');
  });

  it('scopes schedule management to the stage’s schedule groups and passes only the scheduler role', () => {
    const statements = statementsOf(roleOf('update-consultation'));
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Action: [
            'scheduler:CreateSchedule',
            'scheduler:UpdateSchedule',
            'scheduler:DeleteSchedule',
            'scheduler:GetSchedule',
          ],
          Resource: {
            'Fn::Join': ['', expect.arrayContaining([`:schedule/${prefix}-*/*`])],
          },
        }),
        expect.objectContaining({
          Action: ['scheduler:GetScheduleGroup', 'scheduler:CreateScheduleGroup'],
          Resource: { 'Fn::Join': ['', expect.arrayContaining([`:schedule-group/${prefix}-*`])] },
        }),
        expect.objectContaining({
          Action: 'iam:PassRole',
          Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
        }),
      ]),
    );
    // One group per consultation.
    synthesized.stateless.hasResourceProperties('AWS::Scheduler::ScheduleGroup', {
      Name: `${prefix}-wsis-forum-2022`,
    });
  });

  it('lets the scheduler role invoke only the schedule targets', () => {
    const schedulerRole = resourcesOfType(synthesized.stateless, 'AWS::IAM::Role').find(([, props]) =>
      JSON.stringify(props.AssumeRolePolicyDocument).includes('scheduler.amazonaws.com'),
    );
    expect(schedulerRole).toBeDefined();
    const statements = JSON.stringify(statementsOf(schedulerRole?.[0] ?? ''));
    expect(statements).toContain('lambda:InvokeFunction');
    expect(statements).toContain(`"${functionNamed('send-reminder-wave')[0]}"`);
    expect(statements).not.toContain(`"${functionNamed('update-consultation')[0]}"`);
  });

  it('gives the scheduler an encrypted, TLS-only dead-letter queue it may send to, with a depth alarm', () => {
    synthesized.stateless.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: `${prefix}-schedule-dead-letters`,
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 86_400,
    });
    synthesized.stateless.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      }),
    });
    // Found by the app's generic dead-letter alarms: alarmed on its first message, to the ops topic.
    const [queueId] =
      resourcesOfType(synthesized.stateless, 'AWS::SQS::Queue').find(
        ([, props]) => props.QueueName === `${prefix}-schedule-dead-letters`,
      ) ?? [];
    const depthAlarms = resourcesOfType(synthesized.stateless, 'AWS::CloudWatch::Alarm').filter(
      ([, props]) =>
        props.MetricName === 'ApproximateNumberOfMessagesVisible' &&
        JSON.stringify(props.Dimensions).includes(`"${queueId}"`),
    );
    expect(depthAlarms).toHaveLength(1);
    expect(depthAlarms[0]?.[1]).toMatchObject({
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: expect.stringMatching(/^OperationsAlarms/) }],
      AlarmDescription: expect.stringContaining('/schedules/reconcile'),
    });
    const schedulerRole = resourcesOfType(synthesized.stateless, 'AWS::IAM::Role').find(([, props]) =>
      JSON.stringify(props.AssumeRolePolicyDocument).includes('scheduler.amazonaws.com'),
    );
    expect(JSON.stringify(statementsOf(schedulerRole?.[0] ?? ''))).toContain('sqs:SendMessage');
  });

  it('lets email senders send from the stage identity with its configuration set only', () => {
    const sending = statementsOf(roleOf('send-reminder-wave')).filter((statement) =>
      JSON.stringify(statement).includes('ses:'),
    );
    expect(sending).toHaveLength(1);
    expect(sending[0]).toMatchObject({ Action: ['ses:SendEmail', 'ses:SendRawEmail'] });
    const resources = JSON.stringify(sending[0]);
    // The identity and the configuration set of the stateful stack, by import: nothing else.
    expect(resources).toMatch(/:identity\/",\{"Fn::ImportValue":"[^"]*EmailSenderDomain/);
    expect(resources).toMatch(/:configuration-set\/",\{"Fn::ImportValue":"[^"]*EmailConfigurationSet/);
    expect(resources).not.toContain('"*"');
    for (const reader of ['get-open-consultation', 'update-consultation']) {
      expect(JSON.stringify(statementsOf(roleOf(reader)))).not.toContain('ses:');
    }
  });

  it('gives the sender, and only the sender, its from-address, reply-to and configuration set', () => {
    const site = stageConfig.site;
    expect(functionNamed('send-reminder-wave')[1].Environment).toEqual({
      Variables: expect.objectContaining({
        EMAIL_FROM: `${site.fromName} <${site.fromAddress}>`,
        EMAIL_REPLY_TO: site.replyTo,
        EMAIL_CONFIGURATION_SET: { 'Fn::ImportValue': expect.stringContaining('EmailConfigurationSet') },
        CORS_ALLOWED_ORIGINS: site.webOrigin,
      }),
    });
    for (const other of ['get-open-consultation', 'update-consultation']) {
      expect(JSON.stringify(functionNamed(other)[1].Environment)).not.toContain('EMAIL_');
    }
  });

  it('sends the failed asynchronous invocations of schedule targets to an encrypted dead-letter queue', () => {
    const [, target] = functionNamed('send-reminder-wave');
    expect(target.DeadLetterConfig).toEqual({ TargetArn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } });
    for (const other of ['get-open-consultation', 'update-consultation']) {
      expect(functionNamed(other)[1].DeadLetterConfig).toBeUndefined();
    }
    synthesized.stateless.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
  });

  it('grants no wildcard action and leaves no unacknowledged cdk-nag finding', () => {
    const actions = [...policyActions(synthesized.stateful), ...policyActions(synthesized.stateless)];
    expect(actions.filter((action) => action.includes('*'))).toEqual([]);
    for (const statement of policyStatements(synthesized.stateless)) {
      if (statement.resources.includes('*')) {
        expect(statement.actions).toEqual(['xray:PutTraceSegments', 'xray:PutTelemetryRecords']);
      }
    }
    expect(synthesized.validationReport.pluginReports.flatMap((report) => report.violations)).toEqual([]);
  });
});

describe('app definition', () => {
  it('rejects a stage other than dev and prod', () => {
    const app = new App({ context: { stage: 'qa' } });
    expect(() => defineConsultationApp(app)).toThrow(/Unknown stage "qa".*-c stage=dev or -c stage=prod/);
  });

  it('runs the AwsSolutions checks at synth: an unacknowledged finding stops it', () => {
    const app = new App({ context: { stage: 'dev', 'aws:cdk:bundling-stacks': [] } });
    const { stateful } = defineConsultationApp(app, { functions: functions.slice(0, 1) });
    new Bucket(Stack.of(stateful), 'UncheckedBucket');
    expect(() => app.synth()).toThrow(/AwsSolutions-S1/);
  });
});
