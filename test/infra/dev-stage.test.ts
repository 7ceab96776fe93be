import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type FunctionDefinition, functionManifest } from '../../functions/manifest.ts';
import { repositoryRoot } from '../../infra/constructs/consultation-function.ts';
import { esbuildOptionsFor, functionBundling } from '../../infra/constructs/function-bundling.ts';
import { stageConfigs } from '../../infra/stage-config.ts';
import {
  type TableDefinition,
  tableDefinitions,
  tableKeys,
} from '../../shared/adapters/dynamodb/table-definitions.ts';
import {
  apiResourcePaths,
  policyActions,
  policyStatements,
  resourcesOfType,
  type SynthesizedStage,
  synthesizeStage,
} from './synthesize-stage.ts';

// The real manifest, bundled for real: one synthesis for the whole file.
const manifest: readonly FunctionDefinition[] = functionManifest;
const stageConfig = stageConfigs.dev;
let synthesized: SynthesizedStage;

beforeAll(() => {
  synthesized = synthesizeStage({ stage: 'dev', bundle: true });
});

afterAll(() => synthesized?.dispose());

function functionLogicalId(name: string): string {
  const match = resourcesOfType(synthesized.stateless, 'AWS::Lambda::Function').find(
    ([, props]) => props.FunctionName === `${stageConfig.resourcePrefix}-${name}`,
  );
  if (match === undefined) throw new Error(`No function named ${name}`);
  return match[0];
}

/** The `index.mjs` CDK bundled for a function, in the cloud assembly. */
function assetBundleOf(name: string): string {
  const [, props] =
    resourcesOfType(synthesized.stateless, 'AWS::Lambda::Function').find(
      ([logicalId]) => logicalId === functionLogicalId(name),
    ) ?? [];
  const s3Key = z.object({ S3Key: z.string() }).parse(props?.Code).S3Key;
  return path.join(synthesized.assembly.directory, `asset.${s3Key.replace(/\.zip$/, '')}`, 'index.mjs');
}

describe('stateful stack (dev)', () => {
  it('creates one table per shared definition', () => {
    synthesized.stateful.resourceCountIs('AWS::DynamoDB::Table', tableKeys.length);
  });

  it.each(tableKeys)(
    'gives table %s the keys, indexes and TTL of its definition, PITR and encryption',
    (key) => {
      const definition: TableDefinition = tableDefinitions[key];
      const keySchema = (partition: { name: string }, sort?: { name: string }) => [
        { AttributeName: partition.name, KeyType: 'HASH' },
        ...(sort === undefined ? [] : [{ AttributeName: sort.name, KeyType: 'RANGE' }]),
      ];
      synthesized.stateful.hasResourceProperties('AWS::DynamoDB::Table', {
        KeySchema: keySchema(definition.partitionKey, definition.sortKey),
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        // SSE on without a key of ours: the AWS managed key aws/dynamodb.
        SSESpecification: { SSEEnabled: true, KMSMasterKeyId: Match.absent() },
        DeletionProtectionEnabled: false,
        GlobalSecondaryIndexes:
          definition.globalSecondaryIndexes.length === 0
            ? Match.absent()
            : definition.globalSecondaryIndexes.map((index) => ({
                IndexName: index.indexName,
                KeySchema: keySchema(index.partitionKey, index.sortKey),
                Projection: { ProjectionType: index.projection === 'keys-only' ? 'KEYS_ONLY' : 'ALL' },
              })),
        TimeToLiveSpecification:
          definition.timeToLiveAttribute === undefined
            ? Match.absent()
            : { AttributeName: definition.timeToLiveAttribute, Enabled: true },
      });
    },
  );

  it('lets CloudFormation name the tables, destroys them with a dev stack, and outputs their names', () => {
    for (const [, table] of Object.entries(synthesized.stateful.findResources('AWS::DynamoDB::Table'))) {
      expect(table).toMatchObject({ DeletionPolicy: 'Delete' });
      expect(table).not.toHaveProperty('Properties.TableName');
    }
    expect(Object.keys(synthesized.stateful.findOutputs('*'))).toEqual(
      expect.arrayContaining(
        tableKeys.map((key) => `${key.charAt(0).toUpperCase()}${key.slice(1)}TableName`),
      ),
    );
  });
});

describe('stateless stack (dev)', () => {
  it('creates exactly one function per manifest entry, Node.js 24 on arm64, traced, with JSON logs', () => {
    synthesized.stateless.resourceCountIs('AWS::Lambda::Function', manifest.length);
    for (const definition of manifest) {
      synthesized.stateless.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: `${stageConfig.resourcePrefix}-${definition.name}`,
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: Match.anyValue() } },
      });
    }
  });

  it('tells every function the physical name of every table, the link base and CORS origin, and enables source maps', () => {
    const variables = {
      ...Object.fromEntries(
        tableKeys.map((key) => [tableDefinitions[key].tableNameEnv, { 'Fn::ImportValue': Match.anyValue() }]),
      ),
      PUBLIC_BASE_URL: stageConfig.site.publicBaseUrl,
      CORS_ALLOWED_ORIGINS: stageConfig.site.webOrigin,
    };
    for (const definition of manifest) {
      synthesized.stateless.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: `${stageConfig.resourcePrefix}-${definition.name}`,
        Environment: { Variables: Match.objectLike({ ...variables, NODE_OPTIONS: '--enable-source-maps' }) },
      });
    }
  });

  it('gives the email and schedule settings only to the functions whose access includes them', () => {
    for (const definition of manifest) {
      const [, props] =
        resourcesOfType(synthesized.stateless, 'AWS::Lambda::Function').find(
          ([logicalId]) => logicalId === functionLogicalId(definition.name),
        ) ?? [];
      const variables = z
        .object({ Variables: z.record(z.string(), z.unknown()) })
        .parse(props?.Environment).Variables;
      const sends = definition.access.some((access) => access.kind === 'email');
      const manages = definition.access.some((access) => access.kind === 'schedules');
      expect(variables.EMAIL_FROM, definition.name).toEqual(
        sends ? `${stageConfig.site.fromName} <${stageConfig.site.fromAddress}>` : undefined,
      );
      expect('SCHEDULE_GROUP_PREFIX' in variables, definition.name).toBe(manages);
    }
  });

  it('tells the reconcilers where schedules go: group prefix, scheduler role, dead-letter queue, target', () => {
    synthesized.stateless.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: `${stageConfig.resourcePrefix}-change-call-dates`,
      Environment: {
        Variables: Match.objectLike({
          SCHEDULE_GROUP_PREFIX: stageConfig.resourcePrefix,
          SCHEDULER_ROLE_ARN: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SchedulerRole'), 'Arn'] },
          SCHEDULE_DEAD_LETTER_QUEUE_ARN: {
            'Fn::GetAtt': [Match.stringLikeRegexp('^ScheduleDeadLetters'), 'Arn'],
          },
          TRANSITION_TARGET_ARN: {
            'Fn::Join': ['', Match.arrayWith([`:function:${stageConfig.resourcePrefix}-apply-transition`])],
          },
          EMAIL_FROM: `${stageConfig.site.fromName} <${stageConfig.site.fromAddress}>`,
        }),
      },
    });
    synthesized.stateless.hasResourceProperties('AWS::Scheduler::ScheduleGroup', {
      Name: `${stageConfig.resourcePrefix}-wsis-forum-2022`,
    });
  });

  it('bundles every function as an ESM module that loads in Node.js and exports its handler', () => {
    for (const definition of manifest) {
      const bundle = assetBundleOf(definition.name);
      expect(
        readFileSync(bundle, 'utf8').startsWith('import { createRequire as __consultationCreateRequire }'),
      ).toBe(true);
      expect(existsSync(`${bundle}.map`)).toBe(true);
      // A fresh Node.js (the test runner's own, i.e. the pinned 24) imports the bundle as Lambda would.
      const loaded = spawnSync(
        process.execPath,
        [
          '--input-type=module',
          '--eval',
          `const m = await import(${JSON.stringify(pathToFileURL(bundle).href)}); process.stdout.write(typeof m.handler);`,
        ],
        { encoding: 'utf8' },
      );
      expect(loaded.stderr).toBe('');
      expect(loaded.stdout).toBe('function');
    }
  });

  it('bundles exactly what the benchmark bundles: the shared esbuild settings, byte for byte', async () => {
    const benchDirectory = mkdtempSync(path.join(tmpdir(), 'consultation-bench-equality-'));
    try {
      for (const definition of manifest) {
        const outfile = path.join(benchDirectory, definition.name, functionBundling.outputFileName);
        await build({
          ...esbuildOptionsFor(path.join(repositoryRoot, definition.entry), outfile, {
            powertoolsTracer: stageConfig.powertoolsTracer,
          }),
          absWorkingDir: repositoryRoot,
          logLevel: 'silent',
        });
        expect(readFileSync(outfile, 'utf8')).toBe(readFileSync(assetBundleOf(definition.name), 'utf8'));
      }
    } finally {
      rmSync(benchDirectory, { recursive: true, force: true });
    }
  });

  it('bundles the Powertools tracer in dev only (a build-time choice of the stage)', () => {
    expect(stageConfigs.dev.powertoolsTracer).toBe(true);
    expect(stageConfigs.prod.powertoolsTracer).toBe(false);
    for (const definition of manifest) {
      expect(readFileSync(assetBundleOf(definition.name), 'utf8')).toContain('AWSXRay');
    }
  });

  it('gives every log group a retention, and every function its own log group', () => {
    const logGroups = resourcesOfType(synthesized.stateless, 'AWS::Logs::LogGroup');
    for (const [, props] of logGroups) {
      expect(props.RetentionInDays).toBe(stageConfig.logRetention);
    }
    const logGroupIds = new Set(logGroups.map(([logicalId]) => logicalId));
    for (const [, props] of resourcesOfType(synthesized.stateless, 'AWS::Lambda::Function')) {
      const { Ref } = z
        .object({ LogGroup: z.object({ Ref: z.string() }) })
        .parse(props.LoggingConfig).LogGroup;
      expect(logGroupIds.has(Ref)).toBe(true);
    }
  });

  it('routes each http trigger to its function with the method and authorization of the manifest', () => {
    const paths = apiResourcePaths(synthesized.stateless);
    const methods = resourcesOfType(synthesized.stateless, 'AWS::ApiGateway::Method')
      .filter(([, props]) => props.HttpMethod !== 'OPTIONS')
      .map(([, props]) => {
        const resourceId = z.object({ Ref: z.string() }).parse(props.ResourceId).Ref;
        const integration = z.object({ Type: z.string(), Uri: z.unknown() }).parse(props.Integration);
        return {
          route: `${String(props.HttpMethod)} ${paths.get(resourceId)}`,
          authorization: props.AuthorizationType,
          integrationType: integration.Type,
          uri: JSON.stringify(integration.Uri),
        };
      });
    const httpTriggers = manifest.flatMap((definition) =>
      definition.trigger.kind === 'http' ? [{ definition, trigger: definition.trigger }] : [],
    );
    expect(methods.map((method) => method.route).sort()).toEqual(
      httpTriggers.map(({ trigger }) => `${trigger.method} ${trigger.path}`).sort(),
    );
    for (const { definition, trigger } of httpTriggers) {
      const method = methods.find((candidate) => candidate.route === `${trigger.method} ${trigger.path}`);
      expect(method?.authorization).toBe(trigger.authorization === 'iam' ? 'AWS_IAM' : 'NONE');
      expect(method?.integrationType).toBe('AWS_PROXY');
      expect(method?.uri).toContain(`"${functionLogicalId(definition.name)}"`);
    }
  });

  it('declares path parameters as required and validates requests', () => {
    synthesized.stateless.hasResourceProperties('AWS::ApiGateway::RequestValidator', {
      ValidateRequestBody: true,
      ValidateRequestParameters: true,
    });
    for (const definition of manifest) {
      const { trigger } = definition;
      if (trigger.kind !== 'http') continue;
      const parameters = [...trigger.path.matchAll(/\{([^}+]+)\+?\}/g)].map((match) => match[1]);
      if (parameters.length === 0) continue;
      synthesized.stateless.hasResourceProperties('AWS::ApiGateway::Method', {
        HttpMethod: trigger.method,
        RequestValidatorId: { Ref: Match.anyValue() },
        RequestParameters: Object.fromEntries(
          parameters.map((name) => [`method.request.path.${name}`, true]),
        ),
      });
    }
  });

  it('serves a regional API whose stage logs JSON access records, traces, and throttles', () => {
    synthesized.stateless.hasResourceProperties('AWS::ApiGateway::RestApi', {
      EndpointConfiguration: { Types: ['REGIONAL'] },
    });
    const [stage] = resourcesOfType(synthesized.stateless, 'AWS::ApiGateway::Stage');
    const props = stage?.[1] ?? {};
    expect(props).toMatchObject({
      StageName: 'dev',
      TracingEnabled: true,
      MethodSettings: [
        {
          HttpMethod: '*',
          ResourcePath: '/*',
          LoggingLevel: 'ERROR',
          DataTraceEnabled: false,
          ThrottlingRateLimit: stageConfig.apiThrottling.rateLimit,
          ThrottlingBurstLimit: stageConfig.apiThrottling.burstLimit,
        },
      ],
    });
    const accessLog = z
      .object({ DestinationArn: z.unknown(), Format: z.string() })
      .parse(props.AccessLogSetting);
    expect(JSON.parse(accessLog.Format)).toMatchObject({
      requestId: '$context.requestId',
      status: '$context.status',
    });
  });

  it('outputs the API URL', () => {
    synthesized.stateless.hasOutput('ApiUrl', { Value: Match.anyValue() });
  });
});

describe('IAM and cdk-nag (dev)', () => {
  it('grants no wildcard action in either stack', () => {
    const actions = [...policyActions(synthesized.stateful), ...policyActions(synthesized.stateless)];
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((action) => action.includes('*'))).toEqual([]);
  });

  it('names Resource "*" only for the X-Ray actions, which have no resource-level permissions', () => {
    const onEveryResource = policyStatements(synthesized.stateless).filter((statement) =>
      statement.resources.includes('*'),
    );
    expect(onEveryResource.length).toBe(manifest.length);
    for (const statement of onEveryResource) {
      expect(statement.actions).toEqual(['xray:PutTraceSegments', 'xray:PutTelemetryRecords']);
    }
  });

  it('grants no Scan: every table read is a Query or a GetItem', () => {
    expect(policyActions(synthesized.stateless)).not.toContain('dynamodb:Scan');
  });

  it('leaves no unacknowledged AwsSolutions finding (errors or warnings) in the synth report', () => {
    const violations = synthesized.validationReport.pluginReports.flatMap((report) =>
      report.violations.map((violation) => `${report.pluginName}: ${violation.ruleName}`),
    );
    expect(violations).toEqual([]);
  });

  it('passes the AwsSolutions rules when run directly over the app', () => {
    const report = new AwsSolutionsChecks().validateScope(synthesized.app);
    expect(report.violations.map((violation) => violation.ruleName)).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('raises no warning or error annotation on either stack', () => {
    for (const stack of [synthesized.consultationApp.stateful, synthesized.consultationApp.stateless]) {
      const annotations = Annotations.fromStack(stack);
      expect(annotations.findError('*', Match.anyValue())).toEqual([]);
      expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
    }
  });
});

describe('reminders and email delivery (dev)', () => {
  it('creates the reminder queue with a dead-letter queue, encrypted, alarmed on its first message', () => {
    const redriven = resourcesOfType(synthesized.stateless, 'AWS::SQS::Queue').filter(
      ([, props]) => props.RedrivePolicy !== undefined,
    );
    expect(redriven).toHaveLength(1);
    synthesized.stateless.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: 1800,
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: 8 },
    });
    const deadLetterArn = JSON.stringify(redriven[0]?.[1].RedrivePolicy);
    const [deadLetterId] =
      resourcesOfType(synthesized.stateless, 'AWS::SQS::Queue').find(([id]) =>
        deadLetterArn.includes(`"${id}"`),
      ) ?? [];
    expect(deadLetterId).toBeDefined();
    // Found by the generic dead-letter monitoring, like every other dead-letter queue of the app.
    const depthAlarms = resourcesOfType(synthesized.stateless, 'AWS::CloudWatch::Alarm').filter(
      ([, props]) =>
        props.MetricName === 'ApproximateNumberOfMessagesVisible' &&
        JSON.stringify(props.Dimensions).includes(`"${deadLetterId}"`),
    );
    expect(depthAlarms).toHaveLength(1);
    expect(depthAlarms[0]?.[1]).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
  });

  it('drives the sender with partial batch failures and a maximum concurrency', () => {
    synthesized.stateless.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: Match.stringLikeRegexp('^SendReminders') },
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 2 },
    });
  });

  it('publishes SES sends, bounces and complaints to EventBridge and routes them to the email-events function', () => {
    // The stateful stack's configuration set publishes to the default bus...
    synthesized.stateful.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        Enabled: true,
        MatchingEventTypes: Match.arrayWith(['send', 'bounce', 'complaint']),
        EventBridgeDestination: Match.anyValue(),
      }),
    });
    // ...and the stateless stack's rule takes that set's events to record-email-events.
    synthesized.stateless.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.ses'],
        'detail-type': ['Email Sent', 'Email Bounced', 'Email Complaint Received'],
        detail: { mail: { tags: { 'ses:configuration-set': [Match.anyValue()] } } },
      },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RecordEmailEvents'), 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 86_400 },
        }),
      ],
    });
  });

  it('lets the Scheduler invoke every schedule target, and tells the reconciler their ARNs', () => {
    const schedulerRole = resourcesOfType(synthesized.stateless, 'AWS::IAM::Role').find(([, props]) =>
      JSON.stringify(props.AssumeRolePolicyDocument).includes('scheduler.amazonaws.com'),
    );
    const policies = JSON.stringify(
      resourcesOfType(synthesized.stateless, 'AWS::IAM::Policy').filter(([, props]) =>
        JSON.stringify(props.Roles).includes(`"${schedulerRole?.[0]}"`),
      ),
    );
    expect(policies).toContain('lambda:InvokeFunction');
    expect(policies).toMatch(/ApplyTransitionFunction/);
    expect(policies).toMatch(/StartReminderWaveFunction/);
    expect(policies).toMatch(/EraseConsultationPersonalDataFunction/);
    const [, reconciler] =
      resourcesOfType(synthesized.stateless, 'AWS::Lambda::Function').find(
        ([, props]) => props.FunctionName === `${stageConfig.resourcePrefix}-reconcile-schedules`,
      ) ?? [];
    const environment = JSON.stringify(reconciler?.Environment);
    expect(environment).toContain('TRANSITION_TARGET_ARN');
    expect(environment).toContain(`function:${stageConfig.resourcePrefix}-apply-transition`);
    expect(environment).toContain('REMINDER_WAVE_TARGET_ARN');
    expect(environment).toContain(`function:${stageConfig.resourcePrefix}-start-reminder-wave`);
    expect(environment).toContain('PERSONAL_DATA_ERASURE_TARGET_ARN');
    expect(environment).toContain(`function:${stageConfig.resourcePrefix}-erase-consultation-personal-data`);
  });

  it('lets create-announcement start its wave through a one-time schedule: target, role to pass, schedule rights', () => {
    const [logicalId, announcer] =
      resourcesOfType(synthesized.stateless, 'AWS::Lambda::Function').find(
        ([, props]) => props.FunctionName === `${stageConfig.resourcePrefix}-create-announcement`,
      ) ?? [];
    const environment = JSON.stringify(announcer?.Environment);
    expect(environment).toContain('REMINDER_WAVE_TARGET_ARN');
    expect(environment).toContain(`function:${stageConfig.resourcePrefix}-start-reminder-wave`);
    expect(environment).toContain('SCHEDULER_ROLE_ARN');
    const roleId = z.object({ 'Fn::GetAtt': z.tuple([z.string(), z.literal('Arn')]) }).parse(announcer?.Role)[
      'Fn::GetAtt'
    ][0];
    const policies = JSON.stringify(
      resourcesOfType(synthesized.stateless, 'AWS::IAM::Policy').filter(([, props]) =>
        JSON.stringify(props.Roles).includes(`"${roleId}"`),
      ),
    );
    expect(logicalId).toBeDefined();
    expect(policies).toContain('scheduler:CreateSchedule');
    expect(policies).toContain('iam:PassRole');
    expect(policies).toContain('dynamodb:PutItem');
    // It starts the wave; it neither sends email nor reads the subscribers itself.
    expect(policies).not.toContain('ses:SendEmail');
    expect(policies).not.toContain('sqs:SendMessage');
  });

  it('keeps the unsubscribe-link key in the stateful stack and gives it to functions by dynamic reference', () => {
    synthesized.stateful.resourceCountIs('AWS::SecretsManager::Secret', 1);
    const [, sender] =
      resourcesOfType(synthesized.stateless, 'AWS::Lambda::Function').find(
        ([, props]) => props.FunctionName === `${stageConfig.resourcePrefix}-send-reminders`,
      ) ?? [];
    expect(JSON.stringify(sender?.Environment)).toContain('{{resolve:secretsmanager:');
  });
});
