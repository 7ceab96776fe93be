import {
  erasedEmailAddress,
  noPersonalData,
  type PersonalDataCounts,
  rolesOfAddress,
} from '../domain/personal-data.ts';
import type { AuditTrail } from '../ports/audit-trail.ts';
import type { Clock } from '../ports/clock.ts';
import { eraseSubmissionPersons } from './erase-submission-persons.ts';
import { concernedConsultations, findPersonRecords, type PersonRecordPorts } from './person-records.ts';

/**
 * A data-protection erasure request: the person goes from every table, while every count stays.
 *
 * - Submissions naming the address keep their call, status, reference, stakeholder type, country,
 *   action lines, SDGs and organization; the person's name, address (and zone; a nominee's position
 *   and biography) become markers, and a submitter's edit link stops working.
 * - Subscriptions and daily confirmation-email counters are deleted; extensions granted to the
 *   address are deleted, and the audit entries that granted them keep everything but the address.
 * - Send records move to anonymous keys with the same state, so each wave's figures stay the same.
 * - Opt-outs and suppressions stay, keyed by the address key (a SHA-256 of the address, never the
 *   address itself; the suppression's copy of the address in clear is removed): they are the
 *   person's objection to mail and SES's record of a bounce or complaint, and deleting them would
 *   let a later draft or subscription under the same address be mailed against that objection.
 *
 * Idempotent: a second erasure finds nothing and answers zeros. Recorded in the audit trail of
 * each consultation concerned, with the address key, the counts and the reason, never the address.
 */
export interface ErasePersonPorts extends PersonRecordPorts {
  readonly clock: Clock;
  readonly auditTrail: AuditTrail;
}

export interface ErasePersonRequest {
  readonly email: string;
  readonly reason?: string;
  readonly actor: string;
  readonly requestId: string;
}

export interface ErasePersonResult {
  readonly addressKey: string;
  readonly erasedAt: string;
  readonly erased: PersonalDataCounts;
  /** Records kept on purpose, keyed by the address key only (see above). */
  readonly kept: { readonly optOuts: number; readonly suppressions: number };
  /** The consultations whose audit trail records the erasure. */
  readonly recordedIn: readonly string[];
}

export async function erasePerson(
  ports: ErasePersonPorts,
  request: ErasePersonRequest,
): Promise<ErasePersonResult> {
  const records = await findPersonRecords(ports, request.email);
  const { email } = records;
  const now = ports.clock.now();
  const erased: PersonalDataCounts = { ...noPersonalData };

  for (const { submission } of records.submissions) {
    const changed = await eraseSubmissionPersons(
      ports.submissions,
      submission.id,
      (content) => rolesOfAddress(content, email),
      now,
    );
    if (changed) erased.submissions += 1;
  }
  for (const { subscription } of records.subscriptions) {
    if (await ports.personalData.deleteSubscription(subscription.consultationId, records.addressKey)) {
      erased.subscriptions += 1;
    }
  }
  erased.confirmationEmailCounters = await ports.personalData.deleteConfirmationEmailCounters(
    records.addressKey,
  );
  for (const { wave } of records.sendRecords) {
    if (await ports.personalData.anonymizeSendRecord(wave, records.addressKey)) erased.sendRecords += 1;
  }
  if (records.suppression?.addressInClear === true) {
    if (await ports.personalData.forgetSuppressedAddress(records.addressKey)) erased.suppressions += 1;
  }
  for (const { consultationId, extension } of records.extensions) {
    if (await ports.personalData.deleteEmailExtension(consultationId, extension.call, email)) {
      erased.extensions += 1;
    }
  }
  for (const { consultationId, entryKey, entry } of records.auditEntries) {
    if (entry.kind !== 'extension-granted') continue;
    await ports.personalData.replaceAuditEntry(consultationId, entryKey, {
      ...entry,
      grantee: { kind: 'email', email: erasedEmailAddress },
    });
    erased.auditEntries += 1;
  }

  const recordedIn = concernedConsultations(records);
  const erasedAt = now.toISOString();
  for (const consultationId of recordedIn) {
    await ports.auditTrail.record(consultationId, `personal-data-erasure#${request.requestId}`, {
      kind: 'personal-data-erased',
      at: erasedAt,
      actor: request.actor,
      scope: 'address',
      addressKey: records.addressKey,
      ...(request.reason === undefined ? {} : { reason: request.reason }),
      erased,
    });
  }
  return {
    addressKey: records.addressKey,
    erasedAt,
    erased,
    kept: { optOuts: records.optOuts.length, suppressions: records.suppression === undefined ? 0 : 1 },
    recordedIn,
  };
}
