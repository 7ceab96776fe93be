import { type App, CfnOutput, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { type FunctionDefinition, functionManifest } from '../functions/manifest.ts';
import { deadLetterQueuesIn, OperationsMonitoring } from './constructs/operations-monitoring.ts';
import { StatefulStack } from './stacks/stateful-stack.ts';
import { StatelessStack } from './stacks/stateless-stack.ts';
import { type StageConfig, stageConfigFor } from './stage-config.ts';

export interface ConsultationAppOptions {
  /** Defaults to the function manifest; tests pass other lists. */
  readonly functions?: readonly FunctionDefinition[];
  /** Changes to the stage's config, for tests that reach branches no stage uses yet. */
  readonly stageOverrides?: Partial<StageConfig>;
  /** Adds constructs to the stateless stack before monitoring looks for dead-letter queues (tests). */
  readonly extendStateless?: (stack: StatelessStack) => void;
}

export interface ConsultationApp {
  readonly stageConfig: StageConfig;
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
  readonly monitoring: OperationsMonitoring;
}

/**
 * The whole deployment of one stage, named by the `stage` context value: the stateful stack (data,
 * the SES identity and configuration set) and the stateless stack (functions, API, WAF, alarms and
 * dashboard), checked at synth by cdk-nag's AwsSolutions rules. `infra/app.ts` and the template
 * tests both build the app through here.
 */
export function defineConsultationApp(app: App, options: ConsultationAppOptions = {}): ConsultationApp {
  const stageConfig: StageConfig = {
    ...stageConfigFor((key) => app.node.tryGetContext(key)),
    ...options.stageOverrides,
  };
  const { site } = stageConfig;
  const env = { region: site.region, account: site.account };
  const prefix = stageConfig.resourcePrefix;

  const stateful = new StatefulStack(app, `${prefix}-stateful`, {
    description: `Consultation engine (${stageConfig.stage}): tables, email identity and configuration set`,
    env,
    stageConfig,
    terminationProtection: stageConfig.deletionProtection,
  });
  const stateless = new StatelessStack(app, `${prefix}-stateless`, {
    description: `Consultation engine (${stageConfig.stage}): functions, API, firewall, alarms`,
    env,
    stageConfig,
    tables: stateful.tables,
    linkSigningSecret: stateful.linkSigningSecret,
    functions: options.functions ?? functionManifest,
    email: {
      identityArn: stateful.email.identity.emailIdentityArn,
      configurationSetName: stateful.email.configurationSet.configurationSetName,
    },
  });
  options.extendStateless?.(stateless);

  // Last, so that every dead-letter queue any construct added (in either stack) is alarmed on.
  const monitoring = new OperationsMonitoring(stateless, 'Operations', {
    namePrefix: prefix,
    alarmEmail: site.alarmEmail,
    removalPolicy: stageConfig.removalPolicy,
    apiStage: stateless.api.deploymentStage,
    functions: stateless.functions,
    deadLetterQueues: deadLetterQueuesIn(app),
    emailConfigurationSetName: stateful.email.configurationSet.configurationSetName,
  });
  new CfnOutput(stateless, 'DashboardUrl', {
    description: 'CloudWatch dashboard of this stage',
    value: monitoring.dashboardUrl,
  });
  new CfnOutput(stateless, 'AlarmTopicArn', {
    description: `SNS topic of every alarm; ${site.alarmEmail} must confirm its subscription`,
    value: monitoring.topic.topicArn,
  });

  Tags.of(app).add('project', 'consultation-engine');
  Tags.of(app).add('stage', stageConfig.stage);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { stageConfig, stateful, stateless, monitoring };
}
