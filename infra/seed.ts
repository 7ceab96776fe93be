import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { createDocumentClient } from '../functions/dependencies.ts';
import { signedFetch } from '../local/signed-fetch.ts';
import { createDynamoDbConsultationRepository } from '../shared/adapters/dynamodb/consultation-repository.ts';
import { tableDefinitions } from '../shared/adapters/dynamodb/table-definitions.ts';
import { consultationDefinitions } from '../shared/domain/definitions/index.ts';

/**
 * `npm run seed`, the deploy step after `cdk deploy`: stores every built-in consultation definition
 * that is not stored yet (never overwriting a date the Secretariat changed), then asks the deployed
 * API to reconcile each consultation's schedules (a SigV4-signed POST to the admin route, with the
 * deployer's own credentials). Running it again changes nothing.
 *
 *   CONSULTATIONS_TABLE_NAME=<stateful stack output> API_URL=<stateless stack output ApiUrl> \
 *     AWS_REGION=eu-central-1 npm run seed
 */
const environment = z
  .object({
    [tableDefinitions.consultations.tableNameEnv]: z.string().min(3),
    API_URL: z.url(),
    AWS_REGION: z.string().min(1),
  })
  .safeParse(process.env);
if (!environment.success) {
  for (const issue of environment.error.issues) console.error(`${issue.path.join('.')}: ${issue.message}`);
  process.exit(2);
}
const settings = environment.data;
const tableName = settings[tableDefinitions.consultations.tableNameEnv] ?? '';
const api = settings.API_URL.replace(/\/+$/, '');

const dynamoDb = new DynamoDBClient({ region: settings.AWS_REGION });
let failed = false;
try {
  const consultations = createDynamoDbConsultationRepository(createDocumentClient(dynamoDb), tableName);
  const credentials = await dynamoDb.config.credentials();
  for (const definition of consultationDefinitions) {
    const stored = await consultations.seed(definition, new Date());
    console.log(`${definition.id}: ${stored ? 'seeded (version 1)' : 'already stored, left as it is'}`);
    const response = await signedFetch(`${api}/v1/admin/consultations/${definition.id}/schedules/reconcile`, {
      method: 'POST',
      credentials: {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
        ...(credentials.sessionToken === undefined ? {} : { sessionToken: credentials.sessionToken }),
      },
      region: settings.AWS_REGION,
    });
    const report = (await response.json()) as Record<string, unknown>;
    if (response.status !== 200) {
      failed = true;
      console.error(`${definition.id}: reconcile answered ${response.status}`, report);
      continue;
    }
    const count = (key: string) => (Array.isArray(report[key]) ? report[key].length : 0);
    console.log(
      `${definition.id}: schedules ${count('created')} created, ${count('updated')} updated, ${count('deleted')} deleted, ${String(report.unchanged)} unchanged; ${count('caughtUp')} transitions caught up`,
    );
  }
} finally {
  dynamoDb.destroy();
}
process.exit(failed ? 1 : 0);
