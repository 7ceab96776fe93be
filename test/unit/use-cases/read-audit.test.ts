import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/domain/audit-entry.ts';
import { decodeAuditCursor, readAuditPage, readWholeAudit } from '../../../shared/use-cases/read-audit.ts';
import { inMemoryAuditTrail, inMemoryLedger } from '../../support/in-memory-ports.ts';

const alice = 'arn:aws:iam::000000000000:user/alice';
const bob = 'arn:aws:iam::000000000000:user/bob';

function extension(day: number, actor: string, call: 'photo-contest' | 'official-submission'): AuditEntry {
  return {
    kind: 'extension-granted',
    at: `2022-03-${String(day).padStart(2, '0')}T10:00:00.000Z`,
    actor,
    reason: `Day ${day}`,
    call,
    grantee: { kind: 'email', email: `person-${day}@example.org` },
    until: '2022-03-31T13:00:00.000Z',
  };
}

async function trailWith(entries: AuditEntry[]) {
  const trail = inMemoryAuditTrail(inMemoryLedger());
  for (const [index, entry] of entries.entries()) await trail.record('wsis', `entry#${index}`, entry);
  return trail;
}

describe('reading the audit trail', () => {
  it('pages through matching entries in time order with a cursor, and reads every one exactly once', async () => {
    const trail = await trailWith(
      Array.from({ length: 7 }, (_, index) =>
        extension(index + 1, index % 2 === 0 ? alice : bob, 'photo-contest'),
      ),
    );
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await readAuditPage(
        trail,
        'wsis',
        {},
        { ...(after === undefined ? {} : { after }), limit: 3 },
      );
      pages += 1;
      seen.push(...page.records.map((record) => record.at));
      after = page.nextCursor === undefined ? undefined : decodeAuditCursor(page.nextCursor);
      if (page.nextCursor !== undefined) expect(after).toBeDefined();
    } while (after !== undefined);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 7 }, (_, index) => `2022-03-0${index + 1}T10:00:00.000Z`));
  });

  it('filters by kind, actor, call and a half-open time range', async () => {
    const announcement: AuditEntry = {
      kind: 'announcement-sent',
      at: '2022-03-04T12:00:00.000Z',
      actor: alice,
      announcementId: '0123456789abcdef',
      waveId: 'announcement-0123456789abcdef',
      subject: 'Hello',
    };
    const trail = await trailWith([
      extension(1, alice, 'photo-contest'),
      extension(2, bob, 'official-submission'),
      extension(3, alice, 'official-submission'),
      announcement,
    ]);
    const at = async (filters: Parameters<typeof readWholeAudit>[2]) =>
      (await readWholeAudit(trail, 'wsis', filters)).map((record) => record.at.slice(0, 10));
    expect(await at({ kinds: ['announcement-sent'] })).toEqual(['2022-03-04']);
    expect(await at({ kinds: ['announcement-sent', 'extension-granted'] })).toHaveLength(4);
    expect(await at({ actor: bob })).toEqual(['2022-03-02']);
    expect(await at({ call: 'official-submission' })).toEqual(['2022-03-02', '2022-03-03']);
    expect(
      await at({ since: new Date('2022-03-02T10:00:00Z'), until: new Date('2022-03-04T12:00:00Z') }),
    ).toEqual(['2022-03-02', '2022-03-03']);
    expect(await at({ actor: alice, call: 'photo-contest' })).toEqual(['2022-03-01']);
  });

  it('refuses a cursor it did not issue', () => {
    expect(decodeAuditCursor('bm90LWEtY3Vyc29y')).toBeUndefined();
  });
});
