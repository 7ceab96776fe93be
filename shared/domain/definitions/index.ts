import type { ConsultationDefinition } from '../consultation-definition.ts';
import { wsisForum2022 } from './wsis-forum-2022.ts';

export { wsisForum2022 } from './wsis-forum-2022.ts';

/** Every built-in definition; seeded at deploy and at each local start (never overwriting edits). */
export const consultationDefinitions: readonly ConsultationDefinition[] = [wsisForum2022];
