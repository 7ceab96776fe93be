import type { AuditEntry, TransitionAppliedEntry } from '../../shared/domain/audit-entry.ts';
import type { CallKind, ConsultationDefinition } from '../../shared/domain/consultation-definition.ts';
import { stakeholderTypes } from '../../shared/domain/consultation-definition.ts';
import { appliedKey } from '../../shared/domain/schedule-plan.ts';
import type { AuditTrail } from '../../shared/ports/audit-trail.ts';
import type { Clock } from '../../shared/ports/clock.ts';
import type {
  ConsultationRepository,
  StoredConsultation,
} from '../../shared/ports/consultation-repository.ts';
import type { Mailer, OutgoingEmail } from '../../shared/ports/mailer.ts';
import type { CallSubmissionCounts, SubmissionStatistics } from '../../shared/ports/submission-statistics.ts';
import type { TransitionKey, TransitionLedger } from '../../shared/ports/transition-ledger.ts';

/**
 * Small in-memory implementations of the ports, for unit tests of use cases (no network). They keep
 * the contracts the DynamoDB adapters keep (conditional claims, idempotent audit keys), which the
 * integration tests check on the real adapters.
 */
export function settableClock(start: string): Clock & { set(at: string): void } {
  let now = new Date(start);
  return { now: () => new Date(now), set: (at) => (now = new Date(at)) };
}

export function inMemoryConsultations(definition: ConsultationDefinition): ConsultationRepository {
  let stored: StoredConsultation = { definition, version: 1, updatedAt: '2021-08-01T00:00:00.000Z' };
  return {
    find: async (id) => (id === stored.definition.id ? stored : undefined),
    list: async () => [stored],
    seed: async () => false,
    async update(next, expectedVersion, at) {
      if (stored.version !== expectedVersion) return 'version-conflict';
      stored = { definition: next, version: expectedVersion + 1, updatedAt: at.toISOString() };
      return stored;
    },
  };
}

interface LedgerRecord {
  status: 'applying' | 'applied';
  claimId: string;
  leaseUntil: number;
  entry?: TransitionAppliedEntry;
}

export function inMemoryLedger(): TransitionLedger & { readonly records: Map<string, LedgerRecord> } {
  const records = new Map<string, LedgerRecord>();
  const keyOf = (key: TransitionKey) =>
    `${key.consultationId}/${appliedKey(key.transitionId, key.scheduledAt)}`;
  let claims = 0;
  return {
    records,
    async claim(key, at, leaseUntil) {
      const existing = records.get(keyOf(key));
      if (existing?.status === 'applied') return { status: 'already-applied' };
      if (existing !== undefined && existing.leaseUntil >= at.getTime()) return { status: 'in-progress' };
      claims += 1;
      const claimId = `claim-${claims}`;
      records.set(keyOf(key), { status: 'applying', claimId, leaseUntil: leaseUntil.getTime() });
      return { status: 'claimed', claimId };
    },
    async complete(key, claimId, entry) {
      const existing = records.get(keyOf(key));
      if (existing?.claimId !== claimId || existing.status !== 'applying') return false;
      records.set(keyOf(key), { ...existing, status: 'applied', entry });
      return true;
    },
    async release(key, claimId) {
      if (records.get(keyOf(key))?.claimId === claimId) records.delete(keyOf(key));
    },
    async appliedKeys(consultationId) {
      return new Set(
        [...records.entries()]
          .filter(([key, record]) => key.startsWith(`${consultationId}/`) && record.status === 'applied')
          .map(([key]) => key.slice(consultationId.length + 1)),
      );
    },
  };
}

/** The audit trail: recorded entries plus the applied-transition entries of `ledger`. */
export function inMemoryAuditTrail(
  ledger: ReturnType<typeof inMemoryLedger>,
): AuditTrail & { readonly recorded: Map<string, AuditEntry> } {
  const recorded = new Map<string, AuditEntry>();
  return {
    recorded,
    async record(consultationId, key, entry) {
      const id = `${consultationId}/${key}`;
      if (recorded.has(id)) return false;
      recorded.set(id, entry);
      return true;
    },
    async list(consultationId) {
      const transitions = [...ledger.records.entries()]
        .filter(([key]) => key.startsWith(`${consultationId}/`))
        .flatMap(([, record]) => (record.entry === undefined ? [] : [record.entry]));
      const others = [...recorded.entries()]
        .filter(([key]) => key.startsWith(`${consultationId}/`))
        .map(([, entry]) => entry);
      return [...transitions, ...others].sort((left, right) => left.at.localeCompare(right.at));
    },
    async *entries(consultationId, range) {
      const all = await this.list(consultationId);
      for (const [index, entry] of all.entries()) {
        const position = `${entry.at}#${String(index).padStart(6, '0')}`;
        const at = Date.parse(entry.at);
        if (range.after !== undefined && position <= range.after) continue;
        if (range.since !== undefined && at < range.since.getTime()) continue;
        if (range.until !== undefined && at >= range.until.getTime()) continue;
        yield { entry, position };
      }
    },
  };
}

export function recordingMailer(): Mailer & { readonly sent: OutgoingEmail[]; failNext: number } {
  const sent: OutgoingEmail[] = [];
  const mailer = {
    sent,
    failNext: 0,
    async send(email: OutgoingEmail) {
      if (mailer.failNext > 0) {
        mailer.failNext -= 1;
        throw new Error('Throttling: Maximum sending rate exceeded');
      }
      sent.push(email);
      return { messageId: `message-${sent.length}` };
    },
  };
  return mailer;
}

/** Fixed counts per call, as the submissions module would compute them. */
export function fixedSubmissionStatistics(
  submittedByCall: Partial<Record<CallKind, number>>,
): SubmissionStatistics {
  return {
    async countsFor(_consultationId, call): Promise<CallSubmissionCounts> {
      const submitted = submittedByCall[call] ?? 0;
      const byType = Object.fromEntries(stakeholderTypes.map((type) => [type, 0])) as Record<
        (typeof stakeholderTypes)[number],
        number
      >;
      byType.government = submitted;
      return { call, submitted, drafts: 2, withdrawn: 1, submittedByStakeholderType: byType };
    },
  };
}
