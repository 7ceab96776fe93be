import { type App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { type FunctionDefinition, functionManifest } from '../functions/manifest.ts';
import { StatefulStack } from './stacks/stateful-stack.ts';
import { StatelessStack } from './stacks/stateless-stack.ts';
import { type StageConfig, stageConfigFor } from './stage-config.ts';

export interface ConsultationAppOptions {
  /** Defaults to the function manifest; tests pass other lists. */
  readonly functions?: readonly FunctionDefinition[];
  /** Changes to the stage's config, for tests that reach branches no stage uses yet. */
  readonly stageOverrides?: Partial<StageConfig>;
}

export interface ConsultationApp {
  readonly stageConfig: StageConfig;
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
}

/**
 * The whole deployment of one stage, named by the `stage` context value: the stateful stack (data)
 * and the stateless stack (functions and API), checked at synth by cdk-nag's AwsSolutions rules.
 * `infra/app.ts` and the template tests both build the app through here.
 */
export function defineConsultationApp(app: App, options: ConsultationAppOptions = {}): ConsultationApp {
  const stageConfig: StageConfig = {
    ...stageConfigFor(app.node.tryGetContext('stage')),
    ...options.stageOverrides,
  };
  const env = { region: stageConfig.region, account: stageConfig.account };
  const prefix = stageConfig.resourcePrefix;

  const stateful = new StatefulStack(app, `${prefix}-stateful`, {
    description: `Consultation engine (${stageConfig.stage}): tables`,
    env,
    stageConfig,
    terminationProtection: stageConfig.deletionProtection,
  });
  const stateless = new StatelessStack(app, `${prefix}-stateless`, {
    description: `Consultation engine (${stageConfig.stage}): functions and API`,
    env,
    stageConfig,
    tables: stateful.tables,
    linkSigningSecret: stateful.linkSigningSecret,
    functions: options.functions ?? functionManifest,
  });

  Tags.of(app).add('project', 'consultation-engine');
  Tags.of(app).add('stage', stageConfig.stage);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { stageConfig, stateful, stateless };
}
