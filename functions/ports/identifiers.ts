import { randomIdentifiers } from '../../shared/ports/identifiers.ts';
import type { PortFactory } from '../lambda-entry.ts';

/** New submission ids and edit tokens from the platform's random generator (no AWS client). */
export const randomIdentifierSource: PortFactory<'identifiers'> = () => randomIdentifiers;
