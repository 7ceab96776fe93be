import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as z from 'zod';
import { type SigningCredentials, signedFetch } from '../local/signed-fetch.ts';
import { createDynamoDbConsultationRepository } from '../shared/adapters/dynamodb/consultation-repository.ts';
import { createDocumentClient } from '../shared/adapters/dynamodb/document-client.ts';
import type { TableKey } from '../shared/adapters/dynamodb/table-definitions.ts';
import type { ConsultationDefinition } from '../shared/domain/consultation-definition.ts';
import { consultationDefinitions } from '../shared/domain/definitions/index.ts';
import { repositoryRoot } from './constructs/consultation-function.ts';
import { pascalCase } from './naming.ts';
import { type StageName, stageConfigFor, stageNames } from './stage-config.ts';

/**
 * `npm run seed -- --stage <dev|prod>`, the deploy step after `npm run deploy:<stage>`:
 *
 * 1. stores every built-in consultation definition that is not stored yet, through the same
 *    repository `seed` the local runtime uses at every start: a stored definition is never
 *    overwritten, so running it again cannot undo a date the Secretariat has changed;
 * 2. asks the deployed API to reconcile each consultation's schedules (a SigV4-signed POST to the
 *    admin route), so the stage gets its transition schedules and catches up any transition already
 *    due. Reconciling changes nothing when the schedules already match.
 *
 * Credentials come from the AWS SDK's standard chain (AWS_PROFILE, environment, SSO), for DynamoDB
 * and for signing alike; the region is the stage's (cdk.json context included) unless `--region`
 * says otherwise. The table name and the API URL are the stacks' outputs, read from the outputs file
 * `npm run deploy:<stage>` writes, or given with `--table` and `--api-url`.
 */
export interface SeedResult {
  readonly id: string;
  readonly stored: boolean;
}

export async function seedConsultations(
  client: DynamoDBClient,
  tableName: string,
  definitions: readonly ConsultationDefinition[],
  at: Date,
): Promise<SeedResult[]> {
  const repository = createDynamoDbConsultationRepository(createDocumentClient(client), tableName);
  const results: SeedResult[] = [];
  for (const definition of definitions) {
    results.push({ id: definition.id, stored: await repository.seed(definition, at) });
  }
  return results;
}

/** Where `npm run deploy:<stage>` writes the stacks' outputs. */
export function outputsFileOf(stage: StageName): string {
  return path.join(repositoryRoot, `cdk.outputs.${stage}.json`);
}

const outputsSchema = z.record(z.string(), z.record(z.string(), z.string()));

function outputOf(outputsJson: string, stackName: string, key: string): string {
  const outputs = outputsSchema.parse(JSON.parse(outputsJson));
  const value = outputs[stackName]?.[key];
  if (value === undefined) {
    throw new Error(`The outputs have no ${key} for stack ${stackName}: deploy the stage first.`);
  }
  return value;
}

/** A table's physical name (the consultations table unless said), from the deploy's outputs file. */
export function tableNameFromOutputs(
  outputsJson: string,
  statefulStackName: string,
  table: TableKey = 'consultations',
): string {
  return outputOf(outputsJson, statefulStackName, `${pascalCase(table)}TableName`);
}

/** The API's base URL (the stage's execute-api URL), from the deploy's outputs file. */
export function apiUrlFromOutputs(outputsJson: string, statelessStackName: string): string {
  return outputOf(outputsJson, statelessStackName, 'ApiUrl');
}

/**
 * What a script run against a deployed stage starts from: the stage named by `--stage` (or the
 * usage as an error), its config with cdk.json's site values, the region (`--region` or the site's),
 * and the stage's deploy outputs, read when first asked for; `instead` says which options spare
 * the outputs file when it is missing.
 */
export function deployedStage(
  values: { readonly stage?: string | undefined; readonly region?: string | undefined },
  usage: string,
  instead: string,
) {
  const stage = stageNames.find((name) => name === values.stage);
  if (stage === undefined) throw new Error(usage);
  const context: Record<string, unknown> = { ...cdkJsonContext(), stage };
  const config = stageConfigFor((key) => context[key]);
  const outputsFile = outputsFileOf(stage);
  return {
    stage,
    config,
    region: values.region ?? config.site.region,
    outputs(): string {
      if (!existsSync(outputsFile)) {
        throw new Error(
          `No ${path.basename(outputsFile)}: deploy with npm run deploy:${stage} first, or pass ${instead}.`,
        );
      }
      return readFileSync(outputsFile, 'utf8');
    },
  };
}

const reconcileReportSchema = z.looseObject({
  created: z.array(z.unknown()),
  updated: z.array(z.unknown()),
  deleted: z.array(z.unknown()),
  unchanged: z.number(),
  caughtUp: z.array(z.unknown()),
});

/**
 * Reconciles one consultation's schedules through the deployed admin route, signed as the caller,
 * and says in one line what changed. Throws with the status and the problem document when the API
 * refuses.
 */
export async function reconcileThroughApi(
  apiUrl: string,
  consultationId: string,
  signing: { readonly credentials: SigningCredentials; readonly region: string },
): Promise<string> {
  const base = apiUrl.replace(/\/+$/, '');
  const response = await signedFetch(
    `${base}/v1/admin/consultations/${encodeURIComponent(consultationId)}/schedules/reconcile`,
    { method: 'POST', credentials: signing.credentials, region: signing.region },
  );
  const body: unknown = await response.json().catch(() => undefined);
  if (response.status !== 200) {
    throw new Error(`reconcile answered ${response.status}: ${JSON.stringify(body)}`);
  }
  const report = reconcileReportSchema.parse(body);
  return `schedules ${report.created.length} created, ${report.updated.length} updated, ${report.deleted.length} deleted, ${report.unchanged} unchanged; ${report.caughtUp.length} transitions caught up`;
}

/** The context of cdk.json, where a stage's site values live. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = z
    .object({ context: z.record(z.string(), z.unknown()).default({}) })
    .parse(JSON.parse(readFileSync(path.join(repositoryRoot, 'cdk.json'), 'utf8')));
  return cdkJson.context;
}

const usage = `Usage: npm run seed -- --stage ${stageNames.join('|')} [--table <name>] [--api-url <url>] [--region <region>]`;

async function main(): Promise<boolean> {
  const { values } = parseArgs({
    options: {
      stage: { type: 'string' },
      table: { type: 'string' },
      'api-url': { type: 'string' },
      region: { type: 'string' },
    },
    strict: true,
  });
  const { config, region, outputs } = deployedStage(values, usage, '--table <name> and --api-url <url>');
  const tableName = values.table ?? tableNameFromOutputs(outputs(), `${config.resourcePrefix}-stateful`);
  const apiUrl = values['api-url'] ?? apiUrlFromOutputs(outputs(), `${config.resourcePrefix}-stateless`);

  const client = new DynamoDBClient({ region });
  let succeeded = true;
  try {
    const results = await seedConsultations(client, tableName, consultationDefinitions, new Date());
    for (const result of results) {
      console.log(
        `${result.id}: ${result.stored ? 'stored (version 1)' : 'already stored, left as it is'} (${tableName}, ${region})`,
      );
    }
    // The same credentials the SDK resolved for DynamoDB sign the admin requests.
    const credentials = await client.config.credentials();
    const signing = {
      region,
      credentials: {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
        ...(credentials.sessionToken === undefined ? {} : { sessionToken: credentials.sessionToken }),
      },
    };
    for (const result of results) {
      try {
        console.log(`${result.id}: ${await reconcileThroughApi(apiUrl, result.id, signing)}`);
      } catch (error) {
        succeeded = false;
        console.error(`${result.id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  } finally {
    client.destroy();
  }
  return succeeded;
}

if (import.meta.main) {
  main().then(
    (succeeded) => {
      process.exitCode = succeeded ? 0 : 1;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
