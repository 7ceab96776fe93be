import * as z from 'zod';
import { type TableKey, tableDefinitions, tableKeys } from '../adapters/dynamodb/table-definitions.ts';
import { type QueueKey, queueDefinitions, queueKeys } from '../adapters/sqs/queue-definitions.ts';

/**
 * What a function learns from its environment, parsed once per cold start. A missing or malformed
 * variable stops the function at start with the variable's name, never an empty-string default.
 */
export const environmentVariableNames = {
  /** Host name used in iCalendar UIDs, so calendar apps recognise an event across downloads. */
  calendarUidDomain: 'CALENDAR_UID_DOMAIN',
  /** Verified SES sender of every email, e.g. `WSIS Secretariat <no-reply@example.org>`. */
  emailFrom: 'EMAIL_FROM',
  /** SES configuration set that reports bounces and complaints; optional. */
  emailConfigurationSet: 'EMAIL_CONFIGURATION_SET',
  /** Where replies to every email go unless the email names its own; optional. */
  emailReplyTo: 'EMAIL_REPLY_TO',
  /** Comma-separated browser origins allowed to call the API (the web form); optional. */
  corsAllowedOrigins: 'CORS_ALLOWED_ORIGINS',
  /**
   * Public base URL that links in emails start with, e.g. `https://consultations.example.org`: a
   * submission's edit link is `<base>/v1/submissions/<id>#token=<edit token>`, an unsubscribe link
   * `<base>/v1/unsubscribe?token=...`. Locally, the API's URL.
   */
  publicBaseUrl: 'PUBLIC_BASE_URL',
  /** Secret (32+ characters) that signs unsubscribe links; in AWS from a secure parameter. */
  linkSigningSecret: 'LINK_SIGNING_SECRET',
  /** Emails per second the reminder sender aims at, across all its concurrent invocations. */
  emailSendRate: 'EMAIL_SEND_RATE',
  /** The account's SES maximum send rate (emails per second); the sender never goes above it. */
  sesMaxSendRate: 'SES_MAX_SEND_RATE',
  /** Schedule groups are named `<prefix>-<consultation id>`, one per consultation. */
  scheduleGroupPrefix: 'SCHEDULE_GROUP_PREFIX',
  /** Role EventBridge Scheduler assumes to invoke the schedules' target functions. */
  schedulerRoleArn: 'SCHEDULER_ROLE_ARN',
  /** Standard SQS queue that receives deliveries the Scheduler gave up on. */
  scheduleDeadLetterQueueArn: 'SCHEDULE_DEAD_LETTER_QUEUE_ARN',
  /** ARN of the function every transition schedule invokes (`apply-transition`). */
  transitionTargetArn: 'TRANSITION_TARGET_ARN',
  /** ARN of the function every reminder-wave schedule invokes (`start-reminder-wave`). */
  reminderWaveTargetArn: 'REMINDER_WAVE_TARGET_ARN',
  /** ARN of the function a retention schedule invokes (`erase-consultation-personal-data`). */
  personalDataErasureTargetArn: 'PERSONAL_DATA_ERASURE_TARGET_ARN',
} as const;

/** How fast reminders go out. */
export interface EmailSendingConfig {
  /** Emails per second for the whole sender (all concurrent invocations together). */
  readonly ratePerSecond: number;
  /** SES's maximum send rate for the account; `ratePerSecond` is capped by it. */
  readonly sesMaxSendRate: number;
}

/** SES sandbox rate: the safe default until a stage sets its production quota. */
export const defaultEmailSending: EmailSendingConfig = { ratePerSecond: 1, sesMaxSendRate: 1 };

/** Where and how the reconciler creates schedules; all six variables, or none. */
export interface ScheduleConfig {
  readonly groupPrefix: string;
  readonly roleArn: string;
  readonly deadLetterQueueArn: string;
  readonly transitionTargetArn: string;
  readonly reminderWaveTargetArn: string;
  readonly personalDataErasureTargetArn: string;
}

const scheduleVariables = {
  groupPrefix: environmentVariableNames.scheduleGroupPrefix,
  roleArn: environmentVariableNames.schedulerRoleArn,
  deadLetterQueueArn: environmentVariableNames.scheduleDeadLetterQueueArn,
  transitionTargetArn: environmentVariableNames.transitionTargetArn,
  reminderWaveTargetArn: environmentVariableNames.reminderWaveTargetArn,
  personalDataErasureTargetArn: environmentVariableNames.personalDataErasureTargetArn,
} as const satisfies Record<keyof ScheduleConfig, string>;

export interface EmailConfig {
  readonly from: string;
  readonly configurationSetName?: string;
  readonly replyTo?: string;
}

export interface RuntimeConfig {
  readonly tableNames: Readonly<Record<TableKey, string>>;
  readonly calendarUidDomain: string;
  /** Origins whose browser requests get CORS headers; none when absent. */
  readonly allowedOrigins?: readonly string[];
  /** Present for functions that send email; the mailer refuses to start without it. */
  readonly email?: EmailConfig;
  /** Present for functions that manage schedules; the schedule gateway refuses to start without it. */
  readonly schedules?: ScheduleConfig;
  /** Present for functions that write links into emails or pages (no trailing slash). */
  readonly publicBaseUrl?: string;
  /** Present for functions that sign or check unsubscribe links. */
  readonly linkSigningSecret?: string;
  /** URLs of the queues, for functions that send to or consume them. */
  readonly queueUrls?: Readonly<Partial<Record<QueueKey, string>>>;
  /** Send rate of reminders; the SES sandbox rate when not set. */
  readonly emailSending?: EmailSendingConfig;
}

const publicBaseUrlSchema = z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, ''));

/** The email settings, or an error naming the variable, for the functions that send email. */
export function requireEmailConfig(config: RuntimeConfig): EmailConfig {
  if (config.email === undefined) {
    throw new Error(`This function sends email but ${environmentVariableNames.emailFrom} is not set`);
  }
  return config.email;
}

/** The schedule settings, or an error naming the variables, for the functions that manage schedules. */
export function requireScheduleConfig(config: RuntimeConfig): ScheduleConfig {
  if (config.schedules === undefined) {
    throw new Error(
      `This function manages schedules but ${environmentVariableNames.scheduleGroupPrefix} and the other schedule variables are not set`,
    );
  }
  return config.schedules;
}

/** The public base URL, or an error naming the variable, for the functions that need it. */
export function requirePublicBaseUrl(config: RuntimeConfig): string {
  return requiredSetting(config.publicBaseUrl, environmentVariableNames.publicBaseUrl);
}

/** A queue's URL, or an error naming its variable, for the functions that send to it. */
export function requireQueueUrl(config: RuntimeConfig, queue: QueueKey): string {
  return requiredSetting(config.queueUrls?.[queue], queueDefinitions[queue].queueUrlEnv);
}

/** A config value a function cannot work without; names the variable when it is missing. */
export function requiredSetting<T>(value: T | undefined, variable: string): T {
  if (value === undefined) throw new Error(`This function needs ${variable}, which is not set`);
  return value;
}

const requiredText = z.string().trim().min(1);

export function readRuntimeConfig(environment: Readonly<Record<string, string | undefined>>): RuntimeConfig {
  const problems: string[] = [];
  const read = (name: string): string => {
    const result = requiredText.safeParse(environment[name]);
    if (!result.success) {
      problems.push(name);
      return '';
    }
    return result.data;
  };
  const tableNames = Object.fromEntries(
    tableKeys.map((table) => [table, read(tableDefinitions[table].tableNameEnv)]),
  ) as Record<TableKey, string>;
  const calendarUidDomain = read(environmentVariableNames.calendarUidDomain);
  const publicBaseUrlText = environment[environmentVariableNames.publicBaseUrl];
  const publicBaseUrl =
    publicBaseUrlText === undefined ? undefined : publicBaseUrlSchema.safeParse(publicBaseUrlText);
  if (publicBaseUrl?.success === false) problems.push(environmentVariableNames.publicBaseUrl);
  const schedules = readScheduleConfig(environment, problems);
  if (problems.length > 0) {
    throw new Error(`Missing or malformed environment variables: ${problems.join(', ')}`);
  }
  const optional = <T>(name: string, schema: z.ZodType<T>): T | undefined => {
    const raw = environment[name];
    if (raw === undefined || raw.trim() === '') return undefined;
    const result = schema.safeParse(raw.trim());
    if (!result.success) throw new Error(`Malformed environment variable: ${name}`);
    return result.data;
  };
  const linkSigningSecret = optional(environmentVariableNames.linkSigningSecret, z.string().min(32));
  const rate = z.coerce.number().positive().max(10_000);
  const ratePerSecond = optional(environmentVariableNames.emailSendRate, rate);
  const sesMaxSendRate = optional(environmentVariableNames.sesMaxSendRate, rate);
  const queueUrls = Object.fromEntries(
    queueKeys.flatMap((queue) => {
      const url = optional(queueDefinitions[queue].queueUrlEnv, z.url());
      return url === undefined ? [] : [[queue, url]];
    }),
  ) as Partial<Record<QueueKey, string>>;
  const emailFrom = requiredText.safeParse(environment[environmentVariableNames.emailFrom]);
  const configurationSet = requiredText.safeParse(
    environment[environmentVariableNames.emailConfigurationSet],
  );
  const replyTo = requiredText.safeParse(environment[environmentVariableNames.emailReplyTo]);
  const allowedOrigins = (environment[environmentVariableNames.corsAllowedOrigins] ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin.length > 0);
  return {
    tableNames,
    calendarUidDomain,
    ...(allowedOrigins.length === 0 ? {} : { allowedOrigins }),
    ...(publicBaseUrl?.success === true ? { publicBaseUrl: publicBaseUrl.data } : {}),
    ...(emailFrom.success
      ? {
          email: {
            from: emailFrom.data,
            ...(configurationSet.success ? { configurationSetName: configurationSet.data } : {}),
            ...(replyTo.success ? { replyTo: replyTo.data } : {}),
          },
        }
      : {}),
    ...(linkSigningSecret === undefined ? {} : { linkSigningSecret }),
    ...(Object.keys(queueUrls).length === 0 ? {} : { queueUrls }),
    ...(ratePerSecond === undefined && sesMaxSendRate === undefined
      ? {}
      : {
          emailSending: {
            ratePerSecond: ratePerSecond ?? defaultEmailSending.ratePerSecond,
            sesMaxSendRate: sesMaxSendRate ?? ratePerSecond ?? defaultEmailSending.sesMaxSendRate,
          },
        }),
    ...(schedules === undefined ? {} : { schedules }),
  };
}

/** The environment a function needs for a given config: the inverse of `readRuntimeConfig`. */
export function runtimeEnvironment(config: RuntimeConfig): Record<string, string> {
  return {
    ...Object.fromEntries(
      tableKeys.map((table) => [tableDefinitions[table].tableNameEnv, config.tableNames[table]]),
    ),
    [environmentVariableNames.calendarUidDomain]: config.calendarUidDomain,
    ...(config.publicBaseUrl === undefined
      ? {}
      : { [environmentVariableNames.publicBaseUrl]: config.publicBaseUrl }),
    ...(config.email === undefined ? {} : { [environmentVariableNames.emailFrom]: config.email.from }),
    ...(config.email?.configurationSetName === undefined
      ? {}
      : { [environmentVariableNames.emailConfigurationSet]: config.email.configurationSetName }),
    ...(config.email?.replyTo === undefined
      ? {}
      : { [environmentVariableNames.emailReplyTo]: config.email.replyTo }),
    ...(config.allowedOrigins === undefined || config.allowedOrigins.length === 0
      ? {}
      : { [environmentVariableNames.corsAllowedOrigins]: config.allowedOrigins.join(',') }),
    ...(config.linkSigningSecret === undefined
      ? {}
      : { [environmentVariableNames.linkSigningSecret]: config.linkSigningSecret }),
    ...Object.fromEntries(
      queueKeys.flatMap((queue) => {
        const url = config.queueUrls?.[queue];
        return url === undefined ? [] : [[queueDefinitions[queue].queueUrlEnv, url]];
      }),
    ),
    ...(config.emailSending === undefined
      ? {}
      : {
          [environmentVariableNames.emailSendRate]: String(config.emailSending.ratePerSecond),
          [environmentVariableNames.sesMaxSendRate]: String(config.emailSending.sesMaxSendRate),
        }),
    ...(config.schedules === undefined
      ? {}
      : {
          [scheduleVariables.groupPrefix]: config.schedules.groupPrefix,
          [scheduleVariables.roleArn]: config.schedules.roleArn,
          [scheduleVariables.deadLetterQueueArn]: config.schedules.deadLetterQueueArn,
          [scheduleVariables.transitionTargetArn]: config.schedules.transitionTargetArn,
          [scheduleVariables.reminderWaveTargetArn]: config.schedules.reminderWaveTargetArn,
          [scheduleVariables.personalDataErasureTargetArn]: config.schedules.personalDataErasureTargetArn,
        }),
  };
}

/** All six schedule variables, or none; half a configuration is a deployment mistake. */
function readScheduleConfig(
  environment: Readonly<Record<string, string | undefined>>,
  problems: string[],
): ScheduleConfig | undefined {
  const value = (name: string): string | undefined => {
    const result = requiredText.safeParse(environment[name]);
    return result.success ? result.data : undefined;
  };
  const groupPrefix = value(scheduleVariables.groupPrefix);
  const roleArn = value(scheduleVariables.roleArn);
  const deadLetterQueueArn = value(scheduleVariables.deadLetterQueueArn);
  const transitionTargetArn = value(scheduleVariables.transitionTargetArn);
  const reminderWaveTargetArn = value(scheduleVariables.reminderWaveTargetArn);
  const personalDataErasureTargetArn = value(scheduleVariables.personalDataErasureTargetArn);
  const given = {
    groupPrefix,
    roleArn,
    deadLetterQueueArn,
    transitionTargetArn,
    reminderWaveTargetArn,
    personalDataErasureTargetArn,
  };
  if (
    groupPrefix !== undefined &&
    roleArn !== undefined &&
    deadLetterQueueArn !== undefined &&
    transitionTargetArn !== undefined &&
    reminderWaveTargetArn !== undefined &&
    personalDataErasureTargetArn !== undefined
  ) {
    return {
      groupPrefix,
      roleArn,
      deadLetterQueueArn,
      transitionTargetArn,
      reminderWaveTargetArn,
      personalDataErasureTargetArn,
    };
  }
  if (Object.values(given).some((entry) => entry !== undefined)) {
    for (const [field, entry] of Object.entries(given)) {
      if (entry === undefined) problems.push(scheduleVariables[field as keyof ScheduleConfig]);
    }
  }
  return undefined;
}
