import type { PersonalDataErasedEntry, TransitionAppliedEntry } from '../domain/audit-entry.ts';
import { erasedEmailAddress, noPersonalData, type PersonalDataCounts } from '../domain/personal-data.ts';
import { personalDataErasureId, scheduleName } from '../domain/schedule-plan.ts';
import type { AuditTrail } from '../ports/audit-trail.ts';
import type { Clock } from '../ports/clock.ts';
import type { ConsultationRepository } from '../ports/consultation-repository.ts';
import type { ExtensionRepository } from '../ports/extension-repository.ts';
import type { PersonalDataStore } from '../ports/personal-data-store.ts';
import type { SubmissionRepository } from '../ports/submission-repository.ts';
import type { TransitionLedger } from '../ports/transition-ledger.ts';
import { eraseSubmissionPersons } from './erase-submission-persons.ts';

/**
 * The end of a consultation's retention period: every person it holds goes, every count stays.
 * Submissions lose every person they name (submitter, nominee, nominator, workshop speakers: see
 * `eraseFromContent`); subscriptions and opt-outs of the consultation are deleted (the consultation
 * sends nothing any more, so an opt-out protects nobody); its send records move to anonymous keys;
 * extensions granted to addresses are deleted and their audit entries lose the address.
 *
 * Once per retention instant, however often the Scheduler delivers: the transition ledger claims
 * it (`personal-data-erasure` at `eraseAt`) and completing the claim marks it applied, which is
 * what stops the reconciler from scheduling it again. Resumable: a run that fails or times out
 * releases (or lets expire) its claim, and the Scheduler's retry starts over, skipping what is
 * already erased (each step is idempotent), so no page is done twice for nothing but a read.
 */
export interface EraseConsultationPersonalDataPorts {
  readonly clock: Clock;
  readonly consultations: ConsultationRepository;
  readonly submissions: SubmissionRepository;
  readonly extensions: ExtensionRepository;
  readonly personalData: PersonalDataStore;
  readonly transitionLedger: TransitionLedger;
  readonly auditTrail: AuditTrail;
}

export type EraseConsultationPersonalDataOutcome =
  | { readonly outcome: 'erased'; readonly erased: PersonalDataCounts }
  | { readonly outcome: 'already-erased' }
  | { readonly outcome: 'in-progress' }
  | {
      readonly outcome: 'ignored';
      readonly reason: 'unknown-consultation' | 'no-retention-period' | 'not-yet-due';
    };

/** Longer than the function's timeout (15 minutes), so a live run is never joined by a duplicate. */
export const erasureLeaseMilliseconds = 16 * 60_000;

const pageSize = 100;

export async function eraseConsultationPersonalData(
  ports: EraseConsultationPersonalDataPorts,
  consultationId: string,
): Promise<EraseConsultationPersonalDataOutcome> {
  const stored = await ports.consultations.find(consultationId);
  if (stored === undefined) return { outcome: 'ignored', reason: 'unknown-consultation' };
  const { definition } = stored;
  if (definition.personalDataRetention === undefined) {
    return { outcome: 'ignored', reason: 'no-retention-period' };
  }
  const eraseAt = new Date(definition.personalDataRetention.eraseAt).toISOString();
  const now = ports.clock.now();
  if (now.getTime() < Date.parse(eraseAt)) return { outcome: 'ignored', reason: 'not-yet-due' };

  const key = { consultationId, transitionId: personalDataErasureId, scheduledAt: eraseAt };
  const claim = await ports.transitionLedger.claim(
    key,
    now,
    new Date(now.getTime() + erasureLeaseMilliseconds),
  );
  if (claim.status === 'already-applied') return { outcome: 'already-erased' };
  if (claim.status === 'in-progress') return { outcome: 'in-progress' };

  try {
    const erased = await eraseEverything(
      ports,
      consultationId,
      definition.calls.map((call) => call.kind),
      now,
    );
    const at = ports.clock.now().toISOString();
    const applied: TransitionAppliedEntry = {
      kind: 'transition-applied',
      at,
      transitionId: personalDataErasureId,
      scheduleName: scheduleName(consultationId, personalDataErasureId),
      scheduledAt: eraseAt,
      trigger: 'schedule',
      lateBySeconds: Math.max(0, Math.floor((now.getTime() - Date.parse(eraseAt)) / 1000)),
      effect:
        `Retention period ended: personal data erased from ${erased.submissions} submissions, ` +
        `${erased.subscriptions} subscriptions, ${erased.optOuts} opt-outs, ${erased.sendRecords} send records, ` +
        `${erased.extensions} extensions and ${erased.auditEntries} audit entries`,
    };
    const entry: PersonalDataErasedEntry = {
      kind: 'personal-data-erased',
      at,
      actor: 'retention',
      scope: 'consultation',
      reason: `Retention period ended at ${eraseAt}`,
      erased,
    };
    await ports.auditTrail.record(consultationId, `personal-data-retention#${eraseAt}`, entry);
    await ports.transitionLedger.complete(key, claim.claimId, applied);
    return { outcome: 'erased', erased };
  } catch (error) {
    await ports.transitionLedger.release(key, claim.claimId);
    throw error;
  }
}

async function eraseEverything(
  ports: EraseConsultationPersonalDataPorts,
  consultationId: string,
  calls: Parameters<PersonalDataStore['submissionIdsOf']>[1],
  now: Date,
): Promise<PersonalDataCounts> {
  const erased: PersonalDataCounts = { ...noPersonalData };

  let cursor: string | undefined;
  do {
    const page = await ports.personalData.submissionIdsOf(consultationId, calls, cursor, pageSize);
    for (const id of page.submissionIds) {
      if (await eraseSubmissionPersons(ports.submissions, id, () => 'all', now)) erased.submissions += 1;
    }
    cursor = page.cursor;
  } while (cursor !== undefined);

  // Keys first, deletions after: a Query page is never read across items deleted under it.
  for (const addressKey of await ports.personalData.subscriptionKeysOf(consultationId)) {
    if (await ports.personalData.deleteSubscription(consultationId, addressKey)) erased.subscriptions += 1;
    if (await ports.personalData.deleteOptOut(consultationId, addressKey)) erased.optOuts += 1;
  }

  for (const { wave, record } of await ports.personalData.sendRecordsOfConsultation(consultationId)) {
    if (await ports.personalData.anonymizeSendRecord(wave, record.addressKey)) erased.sendRecords += 1;
  }

  for (const extension of await ports.extensions.list(consultationId)) {
    if (extension.grantee.kind !== 'email') continue;
    if (
      await ports.personalData.deleteEmailExtension(consultationId, extension.call, extension.grantee.email)
    ) {
      erased.extensions += 1;
    }
  }
  for (const { entryKey, entry } of await ports.personalData.auditEntriesNaming(consultationId, 'any')) {
    if (entry.kind !== 'extension-granted' || entry.grantee.kind !== 'email') continue;
    if (entry.grantee.email === erasedEmailAddress) continue;
    await ports.personalData.replaceAuditEntry(consultationId, entryKey, {
      ...entry,
      grantee: { kind: 'email', email: erasedEmailAddress },
    });
    erased.auditEntries += 1;
  }
  return erased;
}
