import * as z from 'zod';
import { type TableKey, tableDefinitions, tableKeys } from '../adapters/dynamodb/table-definitions.ts';

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
} as const;

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
    ...(emailFrom.success
      ? {
          email: {
            from: emailFrom.data,
            ...(configurationSet.success ? { configurationSetName: configurationSet.data } : {}),
            ...(replyTo.success ? { replyTo: replyTo.data } : {}),
          },
        }
      : {}),
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
    ...(config.email?.replyTo === undefined
      ? {}
      : { [environmentVariableNames.emailReplyTo]: config.email.replyTo }),
    ...(config.allowedOrigins === undefined || config.allowedOrigins.length === 0
      ? {}
      : { [environmentVariableNames.corsAllowedOrigins]: config.allowedOrigins.join(',') }),
  };
}
