import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useLocalRuntime } from './local-runtime.ts';

const run = promisify(execFile);
const repositoryRoot = new URL('../../', import.meta.url).pathname;

/**
 * The deploy seeding step, run as a process against the local runtime as if it were AWS: the AWS
 * SDK reaches the local DynamoDB through AWS_ENDPOINT_URL_DYNAMODB, the credentials come from the
 * standard chain (here the environment), and the reconcile request is signed with them and verified
 * by the local API as API Gateway would. Table, API URL and region are given as flags, as for a
 * stage without an outputs file.
 */
describe('npm run seed', () => {
  const runtime = useLocalRuntime({ clockAt: '2021-08-18T12:00:00Z' });

  it('leaves a stored consultation as it is and reconciles its schedules, changing nothing', async () => {
    const { endpoints } = runtime();
    const { stdout } = await run(
      process.execPath,
      [
        'infra/seed.ts',
        '--stage',
        'dev',
        '--table',
        endpoints.tables.consultations ?? '',
        '--api-url',
        endpoints.api,
        '--region',
        endpoints.region,
      ],
      {
        cwd: repositoryRoot,
        timeout: 60_000,
        env: {
          PATH: process.env.PATH ?? '',
          AWS_ACCESS_KEY_ID: endpoints.credentials.accessKeyId,
          AWS_SECRET_ACCESS_KEY: endpoints.credentials.secretAccessKey,
          AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
        },
      },
    );
    expect(stdout).toContain('wsis-forum-2022: already stored, left as it is');
    expect(stdout).toContain(
      'wsis-forum-2022: schedules 0 created, 0 updated, 0 deleted, 31 unchanged; 0 transitions caught up',
    );
  });
});
