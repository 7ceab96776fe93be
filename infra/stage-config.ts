import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import * as z from 'zod';

/**
 * What differs between deployment stages, in one typed place. `dev` is disposable (everything is
 * destroyed with the stack); `prod` keeps its data and logs when a stack or resource goes away.
 *
 * Two kinds of values:
 * - the stage's shape (retention, throttling, removal policies, log level): committed here;
 * - the site's values (account, sender domain and address, reply-to, ops email, web form origin,
 *   public base URL of links in emails and unsubscribe pages, custom domain, reminder send rate): committed here as examples under reserved `example.org` names, so `npx cdk synth` works
 *   offline, and replaced for a real deployment through CDK context (see `siteSettingsContextKey`).
 *   With `-c deploy=true` (what `npm run deploy:<stage>` passes) every site value must come from
 *   context: a synth that would deploy an example value stops with the names of the values missing.
 */
export const stageNames = ['dev', 'prod'] as const;

export type StageName = (typeof stageNames)[number];

/** Levels of the functions' structured logs (Powertools logger and Lambda's log-level filter). */
export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

export interface ApiThrottling {
  /** Steady-state requests per second across the whole stage. */
  readonly rateLimit: number;
  /** Requests that may arrive at once above the steady rate. */
  readonly burstLimit: number;
}

export interface CustomDomain {
  /** e.g. `api.consultations.example.org`; its DNS record is created outside this app. */
  readonly domainName: string;
  /** ACM certificate in the stage's region covering `domainName`. */
  readonly certificateArn: string;
}

/** The values that belong to one deployment site rather than to the code. */
export interface SiteSettings {
  /** Left unset, the stacks stay account-agnostic and deploy to the credentials' account. */
  readonly account?: string;
  readonly region: string;
  /** SES domain identity every email is sent from (DKIM records are an output to add to DNS). */
  readonly senderDomain: string;
  /** Address at the sender domain, e.g. `no-reply@consultations.example.org`. */
  readonly fromAddress: string;
  /** Display name shown with the from-address. */
  readonly fromName: string;
  /** Where replies go, e.g. the Secretariat's inbox (WSIS: wsis-info@itu.int). */
  readonly replyTo: string;
  /** Receives every alarm (an SNS email subscription; confirm the first message). */
  readonly alarmEmail: string;
  /** Origin of the web form allowed by CORS, e.g. `https://forms.consultations.example.org`. */
  readonly webOrigin: string;
  /**
   * Public base URL that links in emails start with (a submission's edit link is
   * `<base>/v1/submissions/<id>#token=...`): the site or custom domain in front of the API, no
   * trailing slash. A site value, not the API's own URL, which would make every function depend on
   * the API it serves.
   */
  readonly publicBaseUrl: string;
  readonly customDomain?: CustomDomain;
  /**
   * How fast reminders go out (emails per second), for the whole sender. `sesMaxSendRate` is the
   * account's SES quota (`aws sesv2 get-account`): the sender never goes above it. Unset, the SES
   * sandbox rate (1 per second) until production access raises the quota.
   */
  readonly emailSending?: EmailSending;
}

export interface EmailSending {
  readonly ratePerSecond: number;
  readonly sesMaxSendRate: number;
}

/** The SES sandbox rate: what a site gets until it sets its own quota. */
export const sandboxEmailSending: EmailSending = { ratePerSecond: 1, sesMaxSendRate: 1 };

export interface StageConfig {
  readonly stage: StageName;
  /** Prefix of every physical name this stage owns (functions, API, schedule group). */
  readonly resourcePrefix: string;
  readonly site: SiteSettings;
  readonly logRetention: RetentionDays;
  readonly logLevel: LogLevel;
  /**
   * Bundle the Powertools tracer: X-Ray subsegments for every AWS SDK call and cold-start
   * annotations, at about 125 KB and 50 ms of init per function (over the bundle budget). Lambda's
   * and API Gateway's active tracing run either way.
   */
  readonly powertoolsTracer: boolean;
  /** For data and logs: RETAIN in prod, DESTROY in dev. */
  readonly removalPolicy: RemovalPolicy;
  readonly deletionProtection: boolean;
  readonly apiThrottling: ApiThrottling;
  /** Requests one client IP may send in any 5-minute window before the WAF blocks it (429). */
  readonly wafRequestsPerIpPer5Minutes: number;
  /**
   * Host name in iCalendar UIDs. Calendar apps match events across downloads by UID, so a stage's
   * value must never change once subscribers exist.
   */
  readonly calendarUidDomain: string;
}

// eu-central-1 (Frankfurt): the nearest region to Geneva offering every service the design uses
// (SES production access, EventBridge Scheduler, WAF) for a long time; revisit if data must stay in CH.
const defaultRegion = 'eu-central-1';

/** Committed examples: enough for an offline synth, refused by a deploy (reserved `example.org`). */
export const exampleSiteSettings: Readonly<Record<StageName, SiteSettings>> = {
  dev: {
    region: defaultRegion,
    senderDomain: 'dev.consultations.example.org',
    fromAddress: 'no-reply@dev.consultations.example.org',
    fromName: 'WSIS Secretariat (dev)',
    replyTo: 'secretariat@example.org',
    alarmEmail: 'ops@example.org',
    webOrigin: 'https://dev.forms.consultations.example.org',
    publicBaseUrl: 'https://dev.consultations.example.org',
  },
  prod: {
    region: defaultRegion,
    senderDomain: 'consultations.example.org',
    fromAddress: 'no-reply@consultations.example.org',
    fromName: 'WSIS Secretariat',
    replyTo: 'secretariat@example.org',
    alarmEmail: 'ops@example.org',
    webOrigin: 'https://forms.consultations.example.org',
    publicBaseUrl: 'https://consultations.example.org',
  },
};

export const stageConfigs: Readonly<Record<StageName, StageConfig>> = {
  dev: {
    stage: 'dev',
    resourcePrefix: 'consultation-engine-dev',
    site: exampleSiteSettings.dev,
    logRetention: RetentionDays.TWO_WEEKS,
    logLevel: 'DEBUG',
    powertoolsTracer: true,
    removalPolicy: RemovalPolicy.DESTROY,
    deletionProtection: false,
    apiThrottling: { rateLimit: 20, burstLimit: 40 },
    wafRequestsPerIpPer5Minutes: 500,
    calendarUidDomain: 'dev.consultation-engine.example',
  },
  prod: {
    stage: 'prod',
    resourcePrefix: 'consultation-engine-prod',
    site: exampleSiteSettings.prod,
    logRetention: RetentionDays.ONE_YEAR,
    logLevel: 'INFO',
    // The budgeted cold start (README, bundle budget); switch on while chasing a latency problem.
    powertoolsTracer: false,
    removalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: true,
    apiThrottling: { rateLimit: 100, burstLimit: 200 },
    // A delegation behind one NAT (a ministry, a UN office) shares an IP: generous per IP, while the
    // stage throttle bounds the total.
    wafRequestsPerIpPer5Minutes: 1000,
    calendarUidDomain: 'consultation-engine.example',
  },
};

/** `-c consultation-engine:prod='{"alarmEmail": "..."}'` or the same object in cdk.json's context. */
export function siteSettingsContextKey(stage: StageName): string {
  return `consultation-engine:${stage}`;
}

/** Context flag that marks a synth as the one a deploy uses: example values are then refused. */
export const deployContextKey = 'deploy';

/** Site values a deployment must set itself; the others have sensible defaults. */
export const requiredSiteSettings = [
  'senderDomain',
  'fromAddress',
  'replyTo',
  'alarmEmail',
  'webOrigin',
  'publicBaseUrl',
] as const satisfies readonly (keyof SiteSettings)[];

const hostName = z
  .string()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'a lower-case DNS name');

const siteSettingsSchema = z.strictObject({
  account: z
    .string()
    .regex(/^\d{12}$/, 'a 12-digit AWS account id')
    .optional(),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as eu-central-1'),
  senderDomain: hostName,
  fromAddress: z.email(),
  fromName: z
    .string()
    .trim()
    .min(1)
    .regex(/^[^<>"\r\n]+$/, 'no angle brackets, quotes or line breaks'),
  replyTo: z.email(),
  alarmEmail: z.email(),
  webOrigin: z
    .url({ protocol: /^https$/ })
    .refine((value) => new URL(value).origin === value, 'an origin: https://host[:port], no path'),
  publicBaseUrl: z.url({ protocol: /^https$/ }).refine((value) => {
    const url = new URL(value);
    return url.search === '' && url.hash === '' && !value.endsWith('/');
  }, 'an https URL with no trailing slash, query or fragment'),
  customDomain: z
    .strictObject({
      domainName: hostName,
      certificateArn: z.string().regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[\w-]+$/),
    })
    .optional(),
  emailSending: z
    .strictObject({
      ratePerSecond: z.number().positive().max(10_000),
      sesMaxSendRate: z.number().positive().max(10_000),
    })
    .optional(),
});

const siteSettingNames = Object.keys(siteSettingsSchema.shape) as (keyof SiteSettings)[];

function isStageName(value: unknown): value is StageName {
  return stageNames.some((name) => name === value);
}

/** Reads a CDK context value; `app.node.tryGetContext` in the app, a plain record in tests. */
export type ContextReader = (key: string) => unknown;

/**
 * The config of the stage named in CDK context (`-c stage=...`), with the site's values from context
 * over the committed examples. Anything unknown or malformed stops the synth with its name.
 */
export function stageConfigFor(context: ContextReader): StageConfig {
  const stage = context('stage');
  if (!isStageName(stage)) {
    throw new Error(
      `Unknown stage ${JSON.stringify(stage)}: pass -c stage=${stageNames.join(' or -c stage=')} (default from cdk.json: dev).`,
    );
  }
  const key = siteSettingsContextKey(stage);
  const fromContext = siteSettingsFromContext(context, key);
  const deploying = isTrue(context(deployContextKey));
  if (deploying) {
    const missing = requiredSiteSettings.filter((name) => fromContext[name] === undefined);
    if (missing.length > 0) {
      throw new Error(
        `Stage ${stage} cannot be deployed: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set. ` +
          `The committed values are examples for an offline synth; set yours in cdk.json under context "${key}" ` +
          `(an object), or with -c ${key}.${missing[0]}=<value>. See README, Deploy.`,
      );
    }
  }
  const merged = { ...exampleSiteSettings[stage], ...fromContext };
  const parsed = siteSettingsSchema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || key}: ${issue.message}`);
    throw new Error(`Invalid site settings for stage ${stage} (context "${key}"): ${problems.join('; ')}`);
  }
  const site: SiteSettings = parsed.data;
  if (!site.fromAddress.endsWith(`@${site.senderDomain}`)) {
    throw new Error(
      `Invalid site settings for stage ${stage}: fromAddress ${site.fromAddress} is not at senderDomain ${site.senderDomain}; SES only sends from a verified identity.`,
    );
  }
  if (deploying) {
    const examples = siteSettingNames.filter((name) => usesReservedExampleName(site[name]));
    if (examples.length > 0) {
      throw new Error(
        `Stage ${stage} cannot be deployed: ${examples.join(', ')} still name a reserved example domain (example.org).`,
      );
    }
  }
  return { ...stageConfigs[stage], site };
}

/** The object under `key`, then `key.<name>` entries (`-c consultation-engine:prod.alarmEmail=...`). */
function siteSettingsFromContext(context: ContextReader, key: string): Partial<Record<string, unknown>> {
  const whole = context(key);
  const parsedWhole: unknown = typeof whole === 'string' ? JSON.parse(whole) : whole;
  if (parsedWhole !== undefined && (typeof parsedWhole !== 'object' || parsedWhole === null)) {
    throw new Error(`Context "${key}" must be an object of site settings (${siteSettingNames.join(', ')}).`);
  }
  const values: Record<string, unknown> = { ...(parsedWhole as Record<string, unknown> | undefined) };
  for (const name of siteSettingNames) {
    const single = context(`${key}.${name}`);
    if (single !== undefined) values[name] = single;
  }
  return values;
}

function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

function usesReservedExampleName(value: unknown): boolean {
  const text = typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
  return /(^|[.@/])example\.(org|com|net)\b/.test(text);
}
