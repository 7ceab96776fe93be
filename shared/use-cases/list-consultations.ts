import type { ConsultationSummary } from '../contracts/consultation.ts';
import { consultationSpan } from '../domain/calendar.ts';
import type { Clock } from '../ports/clock.ts';
import type { ConsultationRepository } from '../ports/consultation-repository.ts';
import { consultationLinks, presentState } from './consultation-presentation.ts';

/** Every consultation with where it stands now, earliest first. */
export async function listConsultations(ports: {
  readonly consultations: ConsultationRepository;
  readonly clock: Clock;
}): Promise<ConsultationSummary[]> {
  const now = ports.clock.now();
  const stored = await ports.consultations.list();
  return stored.map(({ definition }) => ({
    id: definition.id,
    title: definition.title,
    officialTimeZone: definition.officialTimeZone,
    ...consultationSpan(definition),
    state: presentState(definition, now),
    links: consultationLinks(definition.id),
  }));
}
