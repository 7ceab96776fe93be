import { type ActionLine, actionLines } from '../domain/action-lines.ts';
import type { CallKind, StakeholderType } from '../domain/consultation-definition.ts';
import { stakeholderTypes } from '../domain/stakeholder-type.ts';
import type { SubmissionStatus } from '../domain/submission.ts';
import {
  type UnRegionId,
  type UnSubRegionId,
  unRegionIds,
  unRegionOf,
  unSubRegionIds,
} from '../domain/un-m49-regions.ts';
import type { Clock } from '../ports/clock.ts';
import type { ConsultationRepository } from '../ports/consultation-repository.ts';
import type { SubmissionCatalog } from '../ports/submission-catalog.ts';

export interface CallStatusCounts {
  readonly call: CallKind;
  readonly draft: number;
  readonly submitted: number;
  readonly withdrawn: number;
}

export interface SubmittedCounts {
  readonly total: number;
  readonly byCall: Record<string, number>;
  readonly byStakeholderType: Record<StakeholderType, number>;
  readonly byRegion: Record<UnRegionId, number>;
  /** Submissions from a country or area M49 places in no region (Antarctica). */
  readonly withoutRegion: number;
  readonly bySubRegion: Record<UnSubRegionId, number>;
  /** Only the countries that submitted, by ISO code. */
  readonly byCountry: Record<string, number>;
  /** A submission counts once under each action line it names. */
  readonly byActionLine: Record<ActionLine, number>;
  /** A submission counts once under each SDG it names. */
  readonly bySdg: Record<string, number>;
}

export interface AdminSubmissionStats {
  readonly consultationId: string;
  readonly at: string;
  /** Every call of the consultation, by status. */
  readonly calls: readonly CallStatusCounts[];
  /** Submitted submissions (not drafts, not withdrawn) by each dimension the Secretariat reports on. */
  readonly submitted: SubmittedCounts;
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

/**
 * The Secretariat's statistics, counted from the submissions' non-personal fields only (call,
 * status, stakeholder type, country, action lines, SDGs; region from the country), so erasing a
 * person's data from their submissions leaves every figure as it was. Undefined: no such consultation.
 */
export async function adminSubmissionStats(
  ports: {
    readonly consultations: ConsultationRepository;
    readonly submissionCatalog: SubmissionCatalog;
    readonly clock: Clock;
  },
  consultationId: string,
): Promise<AdminSubmissionStats | undefined> {
  const stored = await ports.consultations.find(consultationId);
  if (stored === undefined) return undefined;
  const callKinds = stored.definition.calls.map((call) => call.kind);
  const byStatus = new Map<CallKind, Record<SubmissionStatus, number>>(
    callKinds.map((call) => [call, { draft: 0, submitted: 0, withdrawn: 0 }]),
  );
  const submitted = {
    total: 0,
    byCall: zeros<string>(callKinds),
    byStakeholderType: zeros(stakeholderTypes),
    byRegion: zeros(unRegionIds),
    withoutRegion: 0,
    bySubRegion: zeros(unSubRegionIds),
    byCountry: {} as Record<string, number>,
    byActionLine: zeros(actionLines),
    bySdg: zeros(Array.from({ length: 17 }, (_, index) => String(index + 1))),
  };
  for await (const fact of ports.submissionCatalog.facts(consultationId)) {
    let counts = byStatus.get(fact.call);
    if (counts === undefined) {
      // A submission to a call the definition no longer has is still counted, not lost.
      counts = { draft: 0, submitted: 0, withdrawn: 0 };
      byStatus.set(fact.call, counts);
    }
    counts[fact.status] += 1;
    if (fact.status !== 'submitted') continue;
    submitted.total += 1;
    submitted.byCall[fact.call] = (submitted.byCall[fact.call] ?? 0) + 1;
    submitted.byStakeholderType[fact.stakeholderType] += 1;
    const placement = unRegionOf(fact.country);
    if (placement === undefined) submitted.withoutRegion += 1;
    else {
      submitted.byRegion[placement.region] += 1;
      submitted.bySubRegion[placement.subRegion] += 1;
    }
    submitted.byCountry[fact.country] = (submitted.byCountry[fact.country] ?? 0) + 1;
    for (const line of fact.actionLines) submitted.byActionLine[line] += 1;
    for (const sdg of fact.sdgs) submitted.bySdg[String(sdg)] = (submitted.bySdg[String(sdg)] ?? 0) + 1;
  }
  const byCountry = Object.fromEntries(
    Object.entries(submitted.byCountry).sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  return {
    consultationId,
    at: ports.clock.now().toISOString(),
    calls: [...byStatus].map(([call, counts]) => ({ call, ...counts })),
    submitted: { ...submitted, byCountry },
  };
}
