import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as z from 'zod';
import { createDynamoDbConsultationRepository } from '../shared/adapters/dynamodb/consultation-repository.ts';
import { createDocumentClient } from '../shared/adapters/dynamodb/document-client.ts';
import type { ConsultationDefinition } from '../shared/domain/consultation-definition.ts';
import { consultationDefinitions } from '../shared/domain/definitions/index.ts';
import { repositoryRoot } from './constructs/consultation-function.ts';
import { pascalCase } from './naming.ts';
import { type StageName, stageConfigFor, stageNames } from './stage-config.ts';

/**
 * `npm run seed -- --stage dev`: stores the built-in consultation definitions in a deployed stage's
 * consultations table, through the same repository `seed` the local runtime uses at every start:
 * a definition already stored is never overwritten, so running it again (after every deploy, say)
 * cannot undo a date the Secretariat has changed. Credentials come from the AWS SDK's standard chain
 * (AWS_PROFILE, environment, SSO); the region is the stage's (cdk.json context included); the table
 * name is the stateful stack's output, read from the outputs file `npm run deploy:<stage>` writes, or
 * given with `--table`.
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

/** The consultations table's physical name, from the deploy's outputs file. */
export function tableNameFromOutputs(outputsJson: string, statefulStackName: string): string {
  const outputs = outputsSchema.parse(JSON.parse(outputsJson));
  const key = `${pascalCase('consultations')}TableName`;
  const name = outputs[statefulStackName]?.[key];
  if (name === undefined) {
    throw new Error(`The outputs have no ${key} for stack ${statefulStackName}: deploy the stage first.`);
  }
  return name;
}

function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = z
    .object({ context: z.record(z.string(), z.unknown()).default({}) })
    .parse(JSON.parse(readFileSync(path.join(repositoryRoot, 'cdk.json'), 'utf8')));
  return cdkJson.context;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { stage: { type: 'string' }, table: { type: 'string' } },
    strict: true,
  });
  const stage = stageNames.find((name) => name === values.stage);
  if (stage === undefined) {
    throw new Error(`Usage: npm run seed -- --stage ${stageNames.join('|')} [--table <name>]`);
  }
  const context: Record<string, unknown> = { ...cdkJsonContext(), stage };
  const config = stageConfigFor((key) => context[key]);
  const outputsFile = outputsFileOf(stage);
  if (values.table === undefined && !existsSync(outputsFile)) {
    throw new Error(
      `No ${path.basename(outputsFile)}: deploy with npm run deploy:${stage} first, or pass --table <name>.`,
    );
  }
  const tableName =
    values.table ??
    tableNameFromOutputs(readFileSync(outputsFile, 'utf8'), `${config.resourcePrefix}-stateful`);
  const client = new DynamoDBClient({ region: config.site.region });
  try {
    const results = await seedConsultations(client, tableName, consultationDefinitions, new Date());
    for (const result of results) {
      console.log(
        `${result.id}: ${result.stored ? 'stored' : 'already there, left as it is'} (${tableName}, ${config.site.region})`,
      );
    }
  } finally {
    client.destroy();
  }
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
