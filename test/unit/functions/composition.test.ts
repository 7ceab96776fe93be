import { describe, expect, it } from 'vitest';
import type { PortName } from '../../../functions/lambda-entry.ts';
import { type Access, functionManifest } from '../../../functions/manifest.ts';
import type { TableKey } from '../../../shared/adapters/dynamodb/table-definitions.ts';

// What each port needs from AWS, as the factories in functions/ports/ build it: the table it reads
// or writes, the email identity, or the schedule groups. The manifest's access list of a function
// (which CDK turns into its IAM policy) must grant what its entry composes, and nothing it does not.
const portNeeds: Readonly<Record<PortName, Access['kind'] | TableKey | 'nothing'>> = {
  consultations: 'consultations',
  extensions: 'consultations',
  transitionLedger: 'consultations',
  auditTrail: 'consultations',
  submissions: 'submissions',
  submissionStatistics: 'submissions',
  mailer: 'email',
  schedules: 'schedules',
  identifiers: 'nothing',
};

function granted(access: readonly Access[]): string[] {
  return [...new Set(access.map((entry) => (entry.kind === 'table' ? entry.table : entry.kind)))].sort();
}

describe('per-function composition', () => {
  it.each(functionManifest.map((definition) => [definition.name, definition] as const))(
    '%s composes exactly the ports its manifest access grants',
    async (_name, definition) => {
      const entryUrl = new URL(`../../../${definition.entry}`, import.meta.url).href;
      const entry: { handler: { composedPorts: readonly PortName[] } } = await import(entryUrl);
      const needed = [
        ...new Set(
          entry.handler.composedPorts.map((port) => portNeeds[port]).filter((need) => need !== 'nothing'),
        ),
      ].sort();
      expect(needed).toEqual(granted(definition.access));
    },
  );
});
