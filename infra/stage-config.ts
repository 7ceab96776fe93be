import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/**
 * What differs between deployment stages, in one typed place. `dev` is disposable (everything is
 * destroyed with the stack); `prod` keeps its data and logs when a stack or resource goes away.
 */
export const stageNames = ['dev', 'prod'] as const;

export type StageName = (typeof stageNames)[number];

export interface ApiThrottling {
  /** Steady-state requests per second across the whole stage. */
  readonly rateLimit: number;
  /** Requests that may arrive at once above the steady rate. */
  readonly burstLimit: number;
}

export interface StageConfig {
  readonly stage: StageName;
  /** Prefix of every physical name this stage owns (functions, API, schedule group). */
  readonly resourcePrefix: string;
  readonly region: string;
  /** Left unset, the stacks stay account-agnostic: synth needs no credentials. */
  readonly account?: string;
  readonly logRetention: RetentionDays;
  /** For data and logs: RETAIN in prod, DESTROY in dev. */
  readonly removalPolicy: RemovalPolicy;
  readonly deletionProtection: boolean;
  readonly apiThrottling: ApiThrottling;
  /**
   * Host name in iCalendar UIDs. Calendar apps match events across downloads by UID, so a stage's
   * value must never change once subscribers exist.
   */
  readonly calendarUidDomain: string;
  /**
   * SES identity (domain or address) functions with email access may send from. Unset until the
   * email issue verifies one; a function that needs email then fails the synth with a clear error.
   */
  readonly emailSenderIdentity?: string;
}

// eu-central-1 (Frankfurt): the nearest region to Geneva offering every service the design uses
// (SES production access, EventBridge Scheduler, WAF) for a long time; revisit if data must stay in CH.
const region = 'eu-central-1';

export const stageConfigs: Readonly<Record<StageName, StageConfig>> = {
  dev: {
    stage: 'dev',
    resourcePrefix: 'consultation-engine-dev',
    region,
    logRetention: RetentionDays.TWO_WEEKS,
    removalPolicy: RemovalPolicy.DESTROY,
    deletionProtection: false,
    apiThrottling: { rateLimit: 20, burstLimit: 40 },
    calendarUidDomain: 'dev.consultation-engine.example',
    // Placeholder until the email issue verifies the real sender domain in SES.
    emailSenderIdentity: 'dev.consultation-engine.example',
  },
  prod: {
    stage: 'prod',
    resourcePrefix: 'consultation-engine-prod',
    region,
    logRetention: RetentionDays.ONE_YEAR,
    removalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: true,
    apiThrottling: { rateLimit: 100, burstLimit: 200 },
    calendarUidDomain: 'consultation-engine.example',
    // Placeholder until the email issue verifies the real sender domain in SES.
    emailSenderIdentity: 'consultation-engine.example',
  },
};

function isStageName(value: unknown): value is StageName {
  return stageNames.some((name) => name === value);
}

/** The config of the stage named in CDK context (`-c stage=...`); anything else stops the synth. */
export function stageConfigFor(stage: unknown): StageConfig {
  if (!isStageName(stage)) {
    throw new Error(
      `Unknown stage ${JSON.stringify(stage)}: pass -c stage=${stageNames.join(' or -c stage=')} (default from cdk.json: dev).`,
    );
  }
  return stageConfigs[stage];
}
