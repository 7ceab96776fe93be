import { z } from 'zod';
import { startLocalRuntime } from './runtime.ts';

/** `npm start`: the whole system on 127.0.0.1 until Ctrl-C. */
const environment = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    CLOCK_AT: z.iso.datetime({ offset: true }).optional(),
    CLOCK_SPEED: z.coerce.number().min(0).default(1),
  })
  .safeParse(process.env);

if (!environment.success) {
  for (const issue of environment.error.issues) console.error(`${issue.path.join('.')}: ${issue.message}`);
  process.exit(2);
}
const { PORT, CLOCK_AT, CLOCK_SPEED } = environment.data;

const runtime = await startLocalRuntime({
  port: PORT,
  clockSpeed: CLOCK_SPEED,
  ...(CLOCK_AT === undefined ? {} : { clockAt: new Date(CLOCK_AT) }),
});
const { endpoints } = runtime;
console.log(`
Consultation engine, local runtime
  clock        ${runtime.clock.now().toISOString()} (speed ${CLOCK_SPEED}x)
  API          ${endpoints.api}/v1/consultations
  consultation ${endpoints.api}/v1/consultations/wsis-forum-2022
  calendar     ${endpoints.api}/v1/consultations/wsis-forum-2022/calendar.ics
  OpenAPI      ${endpoints.api}/v1/openapi.json
  endpoints    ${endpoints.api}/_local/endpoints
  email inbox  ${endpoints.sesInbox}
  DynamoDB     ${endpoints.dynamodb}
  Scheduler    ${endpoints.scheduler}
  SQS          ${endpoints.sqs}
Move the clock: curl -X POST ${endpoints.api}/_local/clock -H 'content-type: application/json' -d '{"at":"2022-03-07T13:00:00Z"}'
Ctrl-C stops everything.
`);

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  runtime.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('Stopping failed:', error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
