import { addressKey, normalizeEmailAddress } from '../domain/email-address.ts';
import type { Extension } from '../domain/extension.ts';
import { type AddressRole, rolesOfAddress } from '../domain/personal-data.ts';
import type { StoredSubmission } from '../domain/submission.ts';
import type { ConsultationRepository } from '../ports/consultation-repository.ts';
import type { ExtensionRepository } from '../ports/extension-repository.ts';
import type {
  AuditEntryHolding,
  ConfirmationEmailCounter,
  OptOutHolding,
  PersonalDataStore,
  SendRecordHolding,
  SubscriptionHolding,
  SuppressionHolding,
} from '../ports/personal-data-store.ts';
import type { SubmissionRepository } from '../ports/submission-repository.ts';

/**
 * Everything the engine holds about one address, read from every table: what an export answers and
 * what an erasure removes. Subscriptions, opt-outs, extensions and audit entries are per
 * consultation, so every consultation is looked at (a handful, each a GetItem or a Query).
 */
export interface PersonRecordPorts {
  readonly consultations: ConsultationRepository;
  readonly submissions: SubmissionRepository;
  readonly extensions: ExtensionRepository;
  readonly personalData: PersonalDataStore;
}

export interface PersonRecords {
  readonly email: string;
  readonly addressKey: string;
  readonly consultationIds: readonly string[];
  readonly submissions: readonly { readonly submission: StoredSubmission; readonly roles: AddressRole[] }[];
  readonly subscriptions: readonly SubscriptionHolding[];
  readonly optOuts: readonly OptOutHolding[];
  readonly confirmationEmailCounters: readonly ConfirmationEmailCounter[];
  readonly sendRecords: readonly SendRecordHolding[];
  readonly suppression: SuppressionHolding | undefined;
  readonly extensions: readonly { readonly consultationId: string; readonly extension: Extension }[];
  readonly auditEntries: readonly (AuditEntryHolding & { readonly consultationId: string })[];
}

export async function findPersonRecords(ports: PersonRecordPorts, address: string): Promise<PersonRecords> {
  const email = normalizeEmailAddress(address);
  const key = addressKey(email);
  const consultationIds = (await ports.consultations.list()).map((stored) => stored.definition.id);

  const submissions: { submission: StoredSubmission; roles: AddressRole[] }[] = [];
  for (const id of await ports.personalData.submissionIdsNaming(email)) {
    const submission = await ports.submissions.find(id);
    if (submission === undefined) continue;
    const roles = rolesOfAddress(submission.content, email);
    if (roles.length > 0) submissions.push({ submission, roles });
  }

  const subscriptions: SubscriptionHolding[] = [];
  const optOuts: OptOutHolding[] = [];
  const extensions: { consultationId: string; extension: Extension }[] = [];
  const auditEntries: (AuditEntryHolding & { consultationId: string })[] = [];
  for (const consultationId of consultationIds) {
    const [subscription, optOut, granted, entries] = await Promise.all([
      ports.personalData.subscription(consultationId, key),
      ports.personalData.optOut(consultationId, key),
      ports.extensions.list(consultationId),
      ports.personalData.auditEntriesNaming(consultationId, email),
    ]);
    if (subscription !== undefined) subscriptions.push(subscription);
    if (optOut !== undefined) optOuts.push(optOut);
    for (const extension of granted) {
      if (extension.grantee.kind === 'email' && normalizeEmailAddress(extension.grantee.email) === email) {
        extensions.push({ consultationId, extension });
      }
    }
    for (const entry of entries) auditEntries.push({ consultationId, ...entry });
  }

  const [confirmationEmailCounters, sendRecords, suppression] = await Promise.all([
    ports.personalData.confirmationEmailCounters(key),
    ports.personalData.sendRecordsOf(key),
    ports.personalData.suppression(key),
  ]);

  return {
    email,
    addressKey: key,
    consultationIds,
    submissions,
    subscriptions,
    optOuts,
    confirmationEmailCounters,
    sendRecords,
    suppression,
    extensions,
    auditEntries,
  };
}

/**
 * The consultations an export or erasure concerns: those holding a record of the person. Global
 * records (suppression, confirmation-email counters) belong to none; when nothing names a
 * consultation, every consultation is concerned, so the action still lands in an audit trail.
 */
export function concernedConsultations(records: PersonRecords): string[] {
  const named = new Set<string>([
    ...records.submissions.map(({ submission }) => submission.consultationId),
    ...records.subscriptions.map(({ subscription }) => subscription.consultationId),
    ...records.optOuts.map((optOut) => optOut.consultationId),
    ...records.sendRecords.map(({ wave }) => wave.consultationId),
    ...records.extensions.map(({ consultationId }) => consultationId),
    ...records.auditEntries.map(({ consultationId }) => consultationId),
  ]);
  const concerned = records.consultationIds.filter((id) => named.has(id));
  return concerned.length > 0 ? concerned : [...records.consultationIds];
}
