import type { AuditEntry } from '../shared/domain/audit-entry.ts';
import { transitions } from '../shared/domain/calendar.ts';
import type { ConsultationDefinition } from '../shared/domain/consultation-definition.ts';
import { consultationDefinitions } from '../shared/domain/definitions/index.ts';
import { wallTimeToInstant, zonedWallTime } from '../shared/domain/time-zone.ts';
import { localCredentials, localRegion, startLocalRuntime } from './runtime.ts';
import type { FiredSchedule } from './scheduler/scheduler-emulator.ts';
import { signedFetch } from './signed-fetch.ts';

/**
 * `npm run replay [consultation id]`: the Secretariat's preview of a consultation before it goes
 * live. Starts the local runtime the day before the first phase with the clock frozen, moves the
 * clock through every transition instant to the end of the forum with `POST /_local/clock` (the
 * same move that fires due schedules in order), and prints what happened: each instant in
 * official time and UTC, the transition's effect from the audit trail, and the emails sent (from the
 * SES store). A progress bar runs on stderr. Exits 0 when every delivery succeeded, 1 otherwise.
 */
const consultationId = process.argv[2] ?? 'wsis-forum-2022';
const print = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};
// The handlers log a JSON line per delivery, as in Lambda; here the timeline is the output.
const handlerLog = console.log;
console.log = () => undefined;

interface StoredEmail {
  readonly subject: string;
  readonly destination: { readonly to: readonly string[] };
}

const dayMilliseconds = 86_400_000;

async function readDefinition(api: string): Promise<ConsultationDefinition> {
  const response = await fetch(`${api}/v1/consultations/${consultationId}`);
  if (response.status !== 200) throw new Error(`No consultation ${consultationId} (${response.status})`);
  return ((await response.json()) as { definition: ConsultationDefinition }).definition;
}

function endOfForum(definition: ConsultationDefinition): Date {
  const lastPhaseEnd = new Date(definition.phases.at(-1)?.endsAt ?? Date.now());
  if (definition.forum === undefined) return new Date(lastPhaseEnd.getTime() + dayMilliseconds);
  // The end of the final week's last day, in the official zone.
  const lastDay = wallTimeToInstant(
    definition.officialTimeZone,
    `${definition.forum.finalWeek.endsOn}T00:00`,
  );
  return new Date(Math.max(lastDay.getTime() + dayMilliseconds, lastPhaseEnd.getTime()));
}

function progress(done: number, total: number, at: Date): void {
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(
    `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${at.toISOString().slice(0, 10)}`,
  );
}

const seeded = consultationDefinitions.find((definition) => definition.id === consultationId);
if (seeded === undefined) {
  process.stderr.write(
    `No built-in consultation ${consultationId}; known: ${consultationDefinitions.map((d) => d.id).join(', ')}\n`,
  );
  process.exit(2);
}
// The day before the first phase: the runtime seeds the built-in definition and reconciles there.
const startAt = new Date(Date.parse(seeded.phases[0]?.startsAt ?? '') - dayMilliseconds);
const runtime = await startLocalRuntime({
  port: 0,
  clockSpeed: 0,
  clockAt: startAt,
  schedulerPollIntervalMs: 0,
});
let failures = 0;
try {
  const { api, sesStore } = runtime.endpoints;
  const definition = await readDefinition(api);
  const zone = definition.officialTimeZone;
  const official = (instant: string | Date) => zonedWallTime(zone, new Date(instant)).text;
  const utc = (instant: string | Date) => new Date(instant).toISOString().replace('.000Z', 'Z');
  // Entries applied at one instant list in the calendar's own order (calls close, phases end,
  // phases start, calls open), not in the order the Scheduler happened to deliver them.
  const calendarOrder = new Map(transitions(definition).map((transition, index) => [transition.id, index]));
  const rank = (entry: AuditEntry): number =>
    'transitionId' in entry ? (calendarOrder.get(entry.transitionId) ?? -1) : -1;
  const finish = endOfForum(definition);
  const stops = [...new Set(transitions(definition).map((transition) => transition.at))]
    .filter((at) => Date.parse(at) > startAt.getTime() && Date.parse(at) <= finish.getTime())
    .sort();
  stops.push(finish.toISOString());

  print(`${definition.title.en}: replay of the calendar (official time ${zone})`);
  print(`From ${official(startAt)} (${utc(startAt)}) to ${official(finish)} (${utc(finish)})`);
  print();
  const column = (text: string, width: number) => text.padEnd(width);
  let seenEntries = 0;
  let seenEmails = 0;
  let applied = 0;
  let emails = 0;
  progress(0, stops.length, startAt);
  for (const [index, stop] of stops.entries()) {
    const moved = await fetch(`${api}/_local/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ at: stop }),
    });
    if (moved.status !== 200) throw new Error(`Moving the clock to ${stop} failed: ${moved.status}`);
    const { fired } = (await moved.json()) as { fired: FiredSchedule[] };
    for (const run of fired.filter((candidate) => candidate.outcome !== 'delivered')) {
      failures += 1;
      print(
        `${column(official(run.scheduledAt), 22)} ${column(utc(run.scheduledAt), 21)} FAILED ${run.scheduleName}: ${run.error ?? run.outcome}`,
      );
    }

    const entries: AuditEntry[] = [];
    for (let cursor: string | undefined, first = true; first || cursor !== undefined; first = false) {
      const query = new URLSearchParams({ limit: '1000', ...(cursor === undefined ? {} : { cursor }) });
      const trail = await signedFetch(`${api}/v1/admin/consultations/${consultationId}/audit?${query}`, {
        method: 'GET',
        credentials: localCredentials,
        region: localRegion,
      });
      const page = (await trail.json()) as { entries: { entry: AuditEntry }[]; nextCursor?: string };
      entries.push(...page.entries.map((record) => record.entry));
      cursor = page.nextCursor;
    }
    for (const entry of entries.slice(seenEntries).sort((left, right) => rank(left) - rank(right))) {
      if (entry.kind === 'transition-applied') {
        applied += 1;
        const late =
          entry.lateBySeconds > 59 ? ` (applied ${Math.round(entry.lateBySeconds / 60)} min late)` : '';
        print(
          `${column(official(entry.scheduledAt), 22)} ${column(utc(entry.scheduledAt), 21)} ${entry.effect}${late}`,
        );
      } else if (entry.kind === 'delivery-ignored') {
        print(
          `${column(official(entry.at), 22)} ${column(utc(entry.at), 21)} ignored delivery of ${entry.scheduleName}: ${entry.reason}`,
        );
      }
    }
    seenEntries = entries.length;

    const store = (await (await fetch(sesStore)).json()) as { emails: StoredEmail[] };
    for (const email of store.emails.slice(seenEmails)) {
      emails += 1;
      print(`${' '.repeat(45)}email to ${email.destination.to.join(', ')}: ${email.subject}`);
    }
    seenEmails = store.emails.length;
    progress(index + 1, stops.length, new Date(stop));
  }
  process.stderr.write('\n');
  print();
  print(`${applied} transitions applied, ${emails} emails sent, ${failures} failed deliveries.`);
} finally {
  await runtime.stop();
  console.log = handlerLog;
}
process.exit(failures === 0 ? 0 : 1);
