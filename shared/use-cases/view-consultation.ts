import type { ConsultationView } from '../contracts/consultation.ts';
import type { Clock } from '../ports/clock.ts';
import type { ConsultationRepository } from '../ports/consultation-repository.ts';
import { consultationLinks, presentState, presentTimeline } from './consultation-presentation.ts';

/** A consultation's stored definition and where it stands now; undefined when there is none. */
export async function viewConsultation(
  ports: { readonly consultations: ConsultationRepository; readonly clock: Clock },
  request: { readonly id: string; readonly readerTimeZone?: string | undefined },
): Promise<ConsultationView | undefined> {
  const stored = await ports.consultations.find(request.id);
  if (stored === undefined) return undefined;
  const { definition } = stored;
  return {
    id: definition.id,
    version: stored.version,
    updatedAt: stored.updatedAt,
    definition,
    state: presentState(definition, ports.clock.now(), request.readerTimeZone),
    timeline: presentTimeline(definition, request.readerTimeZone),
    links: consultationLinks(definition.id),
  };
}
