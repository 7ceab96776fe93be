import * as z from 'zod';

/**
 * The five stakeholder types of the WSIS process. Academia and the technical community are one
 * type, as in the invitation letter; results are analysed by these types.
 */
export const stakeholderTypes = [
  'government',
  'private-sector',
  'civil-society',
  'academia-technical',
  'international-organization',
] as const;

export type StakeholderType = (typeof stakeholderTypes)[number];

export const stakeholderTypeSchema = z
  .enum(stakeholderTypes)
  .meta({ description: 'Stakeholder type (academia and the technical community are one type).' });
