import { z } from 'zod';
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
  /** Public HTTPS base URL of the API (no trailing slash), for links in emails. */
  publicBaseUrl: 'PUBLIC_BASE_URL',
  /** Secret (32+ characters) that signs unsubscribe links; in AWS from a secure parameter. */
  linkSigningSecret: 'LINK_SIGNING_SECRET',
  /** Emails per second the reminder sender aims at, across all its concurrent invocations. */
  emailSendRate: 'EMAIL_SEND_RATE',
  /** The account's SES maximum send rate (emails per second); the sender never goes above it. */
  sesMaxSendRate: 'SES_MAX_SEND_RATE',
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

export interface EmailConfig {
  readonly from: string;
  readonly configurationSetName?: string;
}

export interface RuntimeConfig {
  readonly tableNames: Readonly<Record<TableKey, string>>;
  readonly calendarUidDomain: string;
  /** Present for functions that send email; the mailer refuses to start without it. */
  readonly email?: EmailConfig;
  /** Present for functions that put links in emails or pages. */
  readonly publicBaseUrl?: string;
  /** Present for functions that sign or check unsubscribe links. */
  readonly linkSigningSecret?: string;
  /** URLs of the queues, for functions that send to or consume them. */
  readonly queueUrls?: Readonly<Partial<Record<QueueKey, string>>>;
  /** Send rate of reminders; the SES sandbox rate when not set. */
  readonly emailSending?: EmailSendingConfig;
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
  if (problems.length > 0) {
    throw new Error(`Missing environment variables: ${problems.join(', ')}`);
  }
  const optional = <T>(name: string, schema: z.ZodType<T>): T | undefined => {
    const raw = environment[name];
    if (raw === undefined || raw.trim() === '') return undefined;
    const result = schema.safeParse(raw.trim());
    if (!result.success) throw new Error(`Malformed environment variable: ${name}`);
    return result.data;
  };
  const publicBaseUrl = optional(
    environmentVariableNames.publicBaseUrl,
    z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, '')),
  );
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
  return {
    tableNames,
    calendarUidDomain,
    ...(emailFrom.success
      ? {
          email: {
            from: emailFrom.data,
            ...(configurationSet.success ? { configurationSetName: configurationSet.data } : {}),
          },
        }
      : {}),
    ...(publicBaseUrl === undefined ? {} : { publicBaseUrl }),
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
  };
}

/** The environment a function needs for a given config: the inverse of `readRuntimeConfig`. */
export function runtimeEnvironment(config: RuntimeConfig): Record<string, string> {
  return {
    ...Object.fromEntries(
      tableKeys.map((table) => [tableDefinitions[table].tableNameEnv, config.tableNames[table]]),
    ),
    [environmentVariableNames.calendarUidDomain]: config.calendarUidDomain,
    ...(config.email === undefined ? {} : { [environmentVariableNames.emailFrom]: config.email.from }),
    ...(config.email?.configurationSetName === undefined
      ? {}
      : { [environmentVariableNames.emailConfigurationSet]: config.email.configurationSetName }),
    ...(config.publicBaseUrl === undefined
      ? {}
      : { [environmentVariableNames.publicBaseUrl]: config.publicBaseUrl }),
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
  };
}

/** A config value a function cannot work without; names the variable when it is missing. */
export function requiredSetting<T>(value: T | undefined, variable: string): T {
  if (value === undefined) throw new Error(`This function needs ${variable}, which is not set`);
  return value;
}
