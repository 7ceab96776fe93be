import { describe, expect, it } from 'vitest';
import type { PortName } from '../../../functions/lambda-entry.ts';
import { type Access, functionManifest } from '../../../functions/manifest.ts';
import type { TableKey } from '../../../shared/adapters/dynamodb/table-definitions.ts';
import type { QueueKey } from '../../../shared/adapters/sqs/queue-definitions.ts';

type Need = Access['kind'] | TableKey | `queue:${QueueKey}:send`;

// What each port needs from AWS, as the factories in functions/ports/ build it: the tables it reads
// or writes, the email identity, the schedule groups, or sending to a queue. The manifest's access
// list of a function (which CDK turns into its IAM policy) must grant what its entry composes, and
// nothing it does not. Consuming a queue is not a port: Lambda's event source reads the queue, so a
// queue trigger must come with exactly that queue's `consume` access, and no other function has it.
const portNeeds: Readonly<Record<PortName, readonly Need[]>> = {
  consultations: ['consultations'],
  extensions: ['consultations'],
  transitionLedger: ['consultations'],
  auditTrail: ['consultations'],
  submissions: ['submissions'],
  submissionStatistics: ['submissions'],
  mailer: ['email'],
  schedules: ['schedules'],
  identifiers: [],
  subscriptions: ['subscriptions'],
  suppressions: ['deliveries'],
  sendRecords: ['deliveries'],
  waveLog: ['deliveries'],
  reminderQueue: ['queue:reminders:send'],
  recipientSources: ['subscriptions', 'submissions'],
  pacer: [],
  submissionCatalog: ['submissions'],
  announcements: ['consultations'],
  moderationEmails: ['submissions'],
  personalData: ['consultations', 'submissions', 'subscriptions', 'deliveries'],
  submitterStandings: ['submissions'],
};

function granted(access: readonly Access[]): string[] {
  return [
    ...new Set(
      access
        .filter((entry) => !(entry.kind === 'queue' && entry.mode === 'consume'))
        .map((entry) =>
          entry.kind === 'table'
            ? entry.table
            : entry.kind === 'queue'
              ? `queue:${entry.queue}:${entry.mode}`
              : entry.kind,
        ),
    ),
  ].sort();
}

describe('per-function composition', () => {
  it.each(functionManifest.map((definition) => [definition.name, definition] as const))(
    '%s composes exactly the ports its manifest access grants',
    async (_name, definition) => {
      const entryUrl = new URL(`../../../${definition.entry}`, import.meta.url).href;
      const entry: { handler: { composedPorts: readonly PortName[] } } = await import(entryUrl);
      const needed = [...new Set(entry.handler.composedPorts.flatMap((port) => portNeeds[port]))].sort();
      expect(needed).toEqual(granted(definition.access));
    },
  );

  it.each(functionManifest.map((definition) => [definition.name, definition] as const))(
    '%s consumes a queue exactly when a queue triggers it',
    (_name, definition) => {
      const consumed = definition.access.flatMap((entry) =>
        entry.kind === 'queue' && entry.mode === 'consume' ? [entry.queue] : [],
      );
      expect(consumed).toEqual(definition.trigger.kind === 'queue' ? [definition.trigger.queue] : []);
    },
  );

  it('covers every trigger kind and every access kind', () => {
    const triggers = new Set(functionManifest.map((definition) => definition.trigger.kind));
    const access = new Set(functionManifest.flatMap((definition) => definition.access.map((a) => a.kind)));
    expect([...triggers].sort()).toEqual(['email-events', 'http', 'queue', 'schedule-target']);
    expect([...access].sort()).toEqual(['email', 'queue', 'schedules', 'table']);
  });
});
