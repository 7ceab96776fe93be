import type { Language } from '../domain/consultation-definition.ts';
import { renderICalendar } from '../domain/icalendar.ts';
import type { ConsultationRepository } from '../ports/consultation-repository.ts';

/** A consultation's calendar as an iCalendar feed; undefined when there is no such consultation. */
export async function consultationCalendar(
  ports: { readonly consultations: ConsultationRepository },
  request: { readonly id: string; readonly language?: Language | undefined; readonly uidDomain: string },
): Promise<string | undefined> {
  const stored = await ports.consultations.find(request.id);
  if (stored === undefined) return undefined;
  return renderICalendar(stored.definition, {
    uidDomain: request.uidDomain,
    sequence: stored.version,
    updatedAt: new Date(stored.updatedAt),
    ...(request.language === undefined ? {} : { language: request.language }),
  });
}
