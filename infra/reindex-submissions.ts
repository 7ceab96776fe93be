import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { paginateScan } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../shared/adapters/dynamodb/document-client.ts';
import {
  createDynamoDbSubmissionRepository,
  storedSubmissionSchema,
} from '../shared/adapters/dynamodb/submission-repository.ts';
import { tableDefinitions } from '../shared/adapters/dynamodb/table-definitions.ts';
import { deployedStage, tableNameFromOutputs } from './seed.ts';
import { stageNames } from './stage-config.ts';

/**
 * `npm run reindex-submissions -- --stage <dev|prod>`: a deploy step for a stage that holds
 * submissions stored before an index was added to the submissions table (`byConsultation`, the
 * Secretariat's list, export and statistics; `bySubmitter`, who has submitted what for the reminder
 * waves). The repository writes every index key with the item, so rewriting each submission as it
 * is, under its version (a submission changed meanwhile was rewritten by that change), gives old
 * items their keys. It reads the table once with a Scan: an operator's step, never a request path.
 * Running it again rewrites the same items to the same values.
 */
export interface ReindexReport {
  readonly submissions: number;
  readonly rewritten: number;
  /** Changed by a stakeholder or the Secretariat while the step ran: that change wrote the keys. */
  readonly changedMeanwhile: number;
}

export async function reindexSubmissions(client: DynamoDBClient, tableName: string): Promise<ReindexReport> {
  const documents = createDocumentClient(client);
  const repository = createDynamoDbSubmissionRepository(documents, tableName);
  const { sortKey } = tableDefinitions.submissions;
  const report = { submissions: 0, rewritten: 0, changedMeanwhile: 0 };
  const pages = paginateScan(
    { client: documents },
    {
      TableName: tableName,
      FilterExpression: '#sk = :submission',
      ExpressionAttributeNames: { '#sk': sortKey.name },
      ExpressionAttributeValues: { ':submission': 'SUBMISSION' },
      ConsistentRead: true,
    },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      const submission = storedSubmissionSchema.parse(item);
      report.submissions += 1;
      if (await repository.replace(submission, submission.version)) report.rewritten += 1;
      else report.changedMeanwhile += 1;
    }
  }
  return report;
}

const usage = `Usage: npm run reindex-submissions -- --stage ${stageNames.join('|')} [--table <name>] [--region <region>]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { stage: { type: 'string' }, table: { type: 'string' }, region: { type: 'string' } },
    strict: true,
  });
  const { config, region, outputs } = deployedStage(values, usage, '--table <name>');
  const tableName =
    values.table ?? tableNameFromOutputs(outputs(), `${config.resourcePrefix}-stateful`, 'submissions');
  const client = new DynamoDBClient({ region });
  try {
    const report = await reindexSubmissions(client, tableName);
    console.log(
      `${tableName} (${region}): ${report.submissions} submissions, ${report.rewritten} rewritten, ` +
        `${report.changedMeanwhile} changed meanwhile (rewritten by that change)`,
    );
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
