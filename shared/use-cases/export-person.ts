import type { PersonalDataCounts } from '../domain/personal-data.ts';
import type { AuditTrail } from '../ports/audit-trail.ts';
import type { Clock } from '../ports/clock.ts';
import {
  concernedConsultations,
  findPersonRecords,
  type PersonRecordPorts,
  type PersonRecords,
} from './person-records.ts';

/**
 * A data-protection access request: everything held about an address, grouped by kind of record,
 * recorded in the audit trail of each consultation concerned without the address in clear.
 */
export interface ExportPersonPorts extends PersonRecordPorts {
  readonly clock: Clock;
  readonly auditTrail: AuditTrail;
}

export interface ExportPersonRequest {
  readonly email: string;
  readonly actor: string;
  /** Unique per request (API Gateway's request id): each export is its own audited action. */
  readonly requestId: string;
}

export function countsOf(records: PersonRecords): PersonalDataCounts {
  return {
    submissions: records.submissions.length,
    subscriptions: records.subscriptions.length,
    optOuts: records.optOuts.length,
    confirmationEmailCounters: records.confirmationEmailCounters.length,
    sendRecords: records.sendRecords.length,
    suppressions: records.suppression === undefined ? 0 : 1,
    extensions: records.extensions.length,
    auditEntries: records.auditEntries.length,
  };
}

export async function exportPerson(ports: ExportPersonPorts, request: ExportPersonRequest) {
  const records = await findPersonRecords(ports, request.email);
  const at = ports.clock.now().toISOString();
  const found = countsOf(records);
  for (const consultationId of concernedConsultations(records)) {
    await ports.auditTrail.record(consultationId, `personal-data-export#${request.requestId}`, {
      kind: 'personal-data-exported',
      at,
      actor: request.actor,
      addressKey: records.addressKey,
      found,
    });
  }
  return {
    email: records.email,
    addressKey: records.addressKey,
    exportedAt: at,
    found,
    submissions: records.submissions.map(({ submission, roles }) => {
      // The edit token's hash opens the submission to whoever holds the token: not the person's data.
      const { editTokenSha256: _secret, ...held } = submission;
      return { roles, ...held };
    }),
    subscriptions: records.subscriptions.map(({ subscription }) => subscription),
    optOuts: records.optOuts,
    confirmationEmails: records.confirmationEmailCounters,
    deliveries: records.sendRecords.map(({ wave, record }) => {
      const { addressKey: _key, attempt: _attempt, ...held } = record;
      return { consultationId: wave.consultationId, waveId: wave.waveId, ...held };
    }),
    suppression: records.suppression ?? null,
    extensions: records.extensions,
    auditEntries: records.auditEntries.map(({ consultationId, entry }) => ({ consultationId, entry })),
  };
}

export type PersonExport = Awaited<ReturnType<typeof exportPerson>>;
