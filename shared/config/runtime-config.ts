import { z } from 'zod';
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
  /**
   * Public base URL that links in emails start with, e.g. `https://consultations.example.org`: a
   * submission's edit link is `<base>/v1/submissions/<id>#token=<edit token>`. Locally, the API's URL.
   */
  publicBaseUrl: 'PUBLIC_BASE_URL',
} as const;

export interface EmailConfig {
  readonly from: string;
  readonly configurationSetName?: string;
}

export interface RuntimeConfig {
  readonly tableNames: Readonly<Record<TableKey, string>>;
  readonly calendarUidDomain: string;
  /** Present for functions that send email; the mailer refuses to start without it. */
  readonly email?: EmailConfig;
  /** Present for functions that write links into emails (no trailing slash). */
  readonly publicBaseUrl?: string;
}

const publicBaseUrlSchema = z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, ''));

/** The public base URL, or an error naming the variable, for the functions that need it. */
export function requirePublicBaseUrl(config: RuntimeConfig): string {
  if (config.publicBaseUrl === undefined) {
    throw new Error(`This function writes links but ${environmentVariableNames.publicBaseUrl} is not set`);
  }
  return config.publicBaseUrl;
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
  if (problems.length > 0) {
    throw new Error(`Missing or malformed environment variables: ${problems.join(', ')}`);
  }
  const emailFrom = requiredText.safeParse(environment[environmentVariableNames.emailFrom]);
  const configurationSet = requiredText.safeParse(
    environment[environmentVariableNames.emailConfigurationSet],
  );
  return {
    tableNames,
    calendarUidDomain,
    ...(publicBaseUrl?.success === true ? { publicBaseUrl: publicBaseUrl.data } : {}),
    ...(emailFrom.success
      ? {
          email: {
            from: emailFrom.data,
            ...(configurationSet.success ? { configurationSetName: configurationSet.data } : {}),
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
    ...(config.publicBaseUrl === undefined
      ? {}
      : { [environmentVariableNames.publicBaseUrl]: config.publicBaseUrl }),
    ...(config.email === undefined ? {} : { [environmentVariableNames.emailFrom]: config.email.from }),
    ...(config.email?.configurationSetName === undefined
      ? {}
      : { [environmentVariableNames.emailConfigurationSet]: config.email.configurationSetName }),
  };
}
