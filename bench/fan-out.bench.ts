import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { startLocalRuntime } from '../local/runtime.ts';
import { languages } from '../shared/domain/localized-text.ts';
import { reminderFixtures, type SubscriberFixture } from '../test/support/reminder-fixtures.ts';

/**
 * Fan-out benchmark: one deadline wave to 10,000 confirmed subscribers through the whole local
 * runtime (Scheduler → fan-out → SQS → sender → SES, with SES's Send events recorded), with the send
 * rate set to 200 emails/s. Prints the achieved rate over the configured rate (target 0.90 to 1.00),
 * duplicates and missed recipients (both 0), and the peak memory of the process, which holds every
 * emulator too. A measurement, not a test: `npm run bench:fan-out`, or with the others, `npm run bench`.
 */
const recipients = Number(process.env.FAN_OUT_RECIPIENTS ?? 10_000);
const configuredRate = Number(process.env.FAN_OUT_RATE ?? 200);
const wsis = 'wsis-forum-2022';
const waveId = 'deadline-20220307T1300Z-P14D';

export async function runBenchmark(): Promise<void> {
  let peakRss = 0;
  let peakHeap = 0;
  const sampleMemory = () => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  };
  const sampler = setInterval(sampleMemory, 50);

  const sendTimes: number[] = [];
  const runtime = await startLocalRuntime({
    port: 0,
    clockAt: new Date('2022-02-21T12:00:00Z'),
    clockSpeed: 0,
    // dynalite on its worker thread by default (SES and its front on another, the handlers on the
    // main thread); FAN_OUT_DYNAMODB=dynamodb-local runs AWS's DynamoDB Local in its own JVM instead.
    dynamoDb: process.env.FAN_OUT_DYNAMODB === 'dynamodb-local' ? 'dynamodb-local' : 'dynalite',
    emailSending: { ratePerSecond: configuredRate, sesMaxSendRate: configuredRate },
    faults: {
      // Not a fault: a probe of when SES accepted each email.
      wrapMailer: (mailer) => ({
        async send(email) {
          const result = await mailer.send(email);
          sendTimes.push(performance.now());
          return result;
        },
      }),
    },
  });
  const fixtures = reminderFixtures(runtime);
  try {
    const subscribers: SubscriberFixture[] = Array.from({ length: recipients }, (_, index) => ({
      email: `bench-${String(index).padStart(6, '0')}@example.org`,
      language: languages[index % languages.length] ?? 'en',
    }));
    const setupStarted = performance.now();
    const chunks = 16;
    await Promise.all(
      Array.from({ length: chunks }, (_, chunk) =>
        fixtures.confirmSubscribers(
          wsis,
          subscribers.filter((_, index) => index % chunks === chunk),
        ),
      ),
    );
    console.log(
      `set-up: ${recipients} confirmed subscribers in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`,
    );

    await fixtures.scheduleWave(wsis, waveId, '2022-02-21T14:00:00');
    const started = performance.now();
    await runtime.advanceClockTo(new Date('2022-02-21T13:00:30Z'));
    await runtime.idle();
    const finished = performance.now();

    sampleMemory();
    const memoryDuringWave = { rss: peakRss, heap: peakHeap };
    // Counted in the SES thread from its store: the store's JSON of 100,000 emails is too long a string.
    const store = (await (await fetch(runtime.endpoints.sesRecipientCounts)).json()) as {
      emails: number;
      recipients: Record<string, number>;
    };
    const perRecipient = new Map(Object.entries(store.recipients));
    const duplicates = [...perRecipient.values()].reduce((sum, count) => sum + Math.max(0, count - 1), 0);
    const missed = subscribers.filter((subscriber) => !perRecipient.has(subscriber.email)).length;
    const first = sendTimes[0] ?? started;
    const last = sendTimes.at(-1) ?? finished;
    const achievedRate = sendTimes.length > 1 ? (sendTimes.length - 1) / ((last - first) / 1000) : 0;
    const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MB`;
    console.log(
      [
        `recipients            ${recipients}`,
        `configured rate       ${configuredRate} emails/s`,
        `achieved rate         ${achievedRate.toFixed(1)} emails/s (first to last SES acceptance)`,
        `achieved / configured ${(achievedRate / configuredRate).toFixed(3)}  (target 0.90 to 1.00)`,
        `wave start to idle    ${((finished - started) / 1000).toFixed(1)} s`,
        `emails in SES store   ${store.emails}`,
        `duplicates            ${duplicates}`,
        `missed                ${missed}`,
        `dead-lettered batches ${await runtime.deadLetterCount('reminders')}`,
        `peak memory           rss ${megabytes(memoryDuringWave.rss)}, heap ${megabytes(memoryDuringWave.heap)} (whole process, emulators included; before reading the SES store back)`,
      ].join('\n'),
    );
  } finally {
    clearInterval(sampler);
    fixtures.close();
    await runtime.stop();
  }
}

// Run directly (`npm run bench:fan-out`) rather than imported by bench/run.ts.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runBenchmark();
}
