import * as z from 'zod';

/**
 * The WSIS Action Lines C1 to C11. C7 (ICT applications) has eight e-applications; a submission
 * names either the whole line (`C7`) or one of them as `C7.<e-application>`, e.g. `C7.e-health`.
 * One flat list of strings keeps the wire format simple to validate, count and show.
 */
export const c7Applications = [
  'e-government',
  'e-business',
  'e-learning',
  'e-health',
  'e-employment',
  'e-environment',
  'e-agriculture',
  'e-science',
] as const;

export const actionLines = [
  'C1',
  'C2',
  'C3',
  'C4',
  'C5',
  'C6',
  'C7',
  ...c7Applications.map((application) => `C7.${application}` as const),
  'C8',
  'C9',
  'C10',
  'C11',
] as const;

export type ActionLine = (typeof actionLines)[number];

export const actionLineSchema = z
  .enum(actionLines)
  .meta({ description: 'A WSIS Action Line, C1 to C11, or a C7 e-application such as C7.e-health.' });

/** The 17 Sustainable Development Goals, by number. */
export const sdgSchema = z
  .int()
  .min(1)
  .max(17)
  .meta({ description: 'Sustainable Development Goal, 1 to 17.' });
