import type { Clock } from '../ports/clock.ts';
import type { ConsultationRepository } from '../ports/consultation-repository.ts';
import type { CallSubmissionCounts, SubmissionStatistics } from '../ports/submission-statistics.ts';

export interface ConsultationSubmissionStats {
  readonly consultationId: string;
  readonly at: string;
  readonly calls: readonly CallSubmissionCounts[];
}

/** Public counts of every call of a consultation, by status and stakeholder type; no personal data. */
export async function consultationSubmissionStats(
  ports: {
    readonly consultations: ConsultationRepository;
    readonly submissionStatistics: SubmissionStatistics;
    readonly clock: Clock;
  },
  consultationId: string,
): Promise<ConsultationSubmissionStats | undefined> {
  const stored = await ports.consultations.find(consultationId);
  if (stored === undefined) return undefined;
  const calls = await Promise.all(
    stored.definition.calls.map((call) => ports.submissionStatistics.countsFor(consultationId, call.kind)),
  );
  return { consultationId, at: ports.clock.now().toISOString(), calls };
}
