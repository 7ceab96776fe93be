import type { CountryCode } from './country-codes.ts';

/**
 * The UN M49 standard's geographic regions ("Standard country or area codes for statistical use",
 * UN Statistics Division), for every code of `country-codes.ts`: WSIS results are analysed by
 * stakeholder type and UN region. Three levels, as M49 has them: region (Africa, Americas, Asia,
 * Europe, Oceania), sub-region (e.g. Sub-Saharan Africa, Latin America and the Caribbean) and, in
 * Africa, the Americas' Latin America and Northern Europe's Channel Islands, an intermediate region
 * (e.g. Western Africa, South America). Pure data, written from the standard, with its M49 numeric
 * codes so that a reader can check it against the published table.
 *
 * Exceptions, stated rather than guessed:
 * - Antarctica (AQ, M49 010) belongs to no region in M49: it is `null` here and counted apart.
 * - Taiwan (TW) has no entry of its own in M49 (UN statistics include it in China); it is placed
 *   where M49 places China, Asia / Eastern Asia, and the comment on its line says so.
 */
export const unRegions = [
  { id: 'africa', name: 'Africa', m49: '002' },
  { id: 'americas', name: 'Americas', m49: '019' },
  { id: 'asia', name: 'Asia', m49: '142' },
  { id: 'europe', name: 'Europe', m49: '150' },
  { id: 'oceania', name: 'Oceania', m49: '009' },
] as const;

export type UnRegionId = (typeof unRegions)[number]['id'];

export const unSubRegions = [
  { id: 'northern-africa', name: 'Northern Africa', m49: '015', region: 'africa' },
  { id: 'sub-saharan-africa', name: 'Sub-Saharan Africa', m49: '202', region: 'africa' },
  {
    id: 'latin-america-and-the-caribbean',
    name: 'Latin America and the Caribbean',
    m49: '419',
    region: 'americas',
  },
  { id: 'northern-america', name: 'Northern America', m49: '021', region: 'americas' },
  { id: 'central-asia', name: 'Central Asia', m49: '143', region: 'asia' },
  { id: 'eastern-asia', name: 'Eastern Asia', m49: '030', region: 'asia' },
  { id: 'south-eastern-asia', name: 'South-eastern Asia', m49: '035', region: 'asia' },
  { id: 'southern-asia', name: 'Southern Asia', m49: '034', region: 'asia' },
  { id: 'western-asia', name: 'Western Asia', m49: '145', region: 'asia' },
  { id: 'eastern-europe', name: 'Eastern Europe', m49: '151', region: 'europe' },
  { id: 'northern-europe', name: 'Northern Europe', m49: '154', region: 'europe' },
  { id: 'southern-europe', name: 'Southern Europe', m49: '039', region: 'europe' },
  { id: 'western-europe', name: 'Western Europe', m49: '155', region: 'europe' },
  { id: 'australia-and-new-zealand', name: 'Australia and New Zealand', m49: '053', region: 'oceania' },
  { id: 'melanesia', name: 'Melanesia', m49: '054', region: 'oceania' },
  { id: 'micronesia', name: 'Micronesia', m49: '057', region: 'oceania' },
  { id: 'polynesia', name: 'Polynesia', m49: '061', region: 'oceania' },
] as const satisfies readonly { id: string; name: string; m49: string; region: UnRegionId }[];

export type UnSubRegionId = (typeof unSubRegions)[number]['id'];

export const unIntermediateRegions = [
  { id: 'eastern-africa', name: 'Eastern Africa', m49: '014', subRegion: 'sub-saharan-africa' },
  { id: 'middle-africa', name: 'Middle Africa', m49: '017', subRegion: 'sub-saharan-africa' },
  { id: 'southern-africa', name: 'Southern Africa', m49: '018', subRegion: 'sub-saharan-africa' },
  { id: 'western-africa', name: 'Western Africa', m49: '011', subRegion: 'sub-saharan-africa' },
  { id: 'caribbean', name: 'Caribbean', m49: '029', subRegion: 'latin-america-and-the-caribbean' },
  {
    id: 'central-america',
    name: 'Central America',
    m49: '013',
    subRegion: 'latin-america-and-the-caribbean',
  },
  { id: 'south-america', name: 'South America', m49: '005', subRegion: 'latin-america-and-the-caribbean' },
  { id: 'channel-islands', name: 'Channel Islands', m49: '830', subRegion: 'northern-europe' },
] as const satisfies readonly { id: string; name: string; m49: string; subRegion: UnSubRegionId }[];

export type UnIntermediateRegionId = (typeof unIntermediateRegions)[number]['id'];

/** Where a country or area sits in M49: its sub-region, or its intermediate region where it has one. */
type Placement = UnSubRegionId | UnIntermediateRegionId;

/**
 * Each list is one sub-region or intermediate region, codes in alphabetical order. The unit test
 * checks that every ISO code appears exactly once, here or in `withoutRegion`.
 */
const placements: Readonly<Record<Placement, readonly CountryCode[]>> = {
  'northern-africa': ['DZ', 'EG', 'EH', 'LY', 'MA', 'SD', 'TN'],
  'sub-saharan-africa': [],
  'eastern-africa': [
    ...([
      'BI',
      'DJ',
      'ER',
      'ET',
      'IO',
      'KE',
      'KM',
      'MG',
      'MU',
      'MW',
      'MZ',
      'RE',
      'RW',
      'SC',
      'SO',
      'SS',
    ] as const),
    ...(['TF', 'TZ', 'UG', 'YT', 'ZM', 'ZW'] as const),
  ],
  'middle-africa': ['AO', 'CD', 'CF', 'CG', 'CM', 'GA', 'GQ', 'ST', 'TD'],
  'southern-africa': ['BW', 'LS', 'NA', 'SZ', 'ZA'],
  'western-africa': [
    ...([
      'BF',
      'BJ',
      'CI',
      'CV',
      'GH',
      'GM',
      'GN',
      'GW',
      'LR',
      'ML',
      'MR',
      'NE',
      'NG',
      'SH',
      'SL',
      'SN',
    ] as const),
    'TG',
  ],
  'latin-america-and-the-caribbean': [],
  caribbean: [
    ...([
      'AG',
      'AI',
      'AW',
      'BB',
      'BL',
      'BQ',
      'BS',
      'CU',
      'CW',
      'DM',
      'DO',
      'GD',
      'GP',
      'HT',
      'JM',
      'KN',
    ] as const),
    ...(['KY', 'LC', 'MF', 'MQ', 'MS', 'PR', 'SX', 'TC', 'TT', 'VC', 'VG', 'VI'] as const),
  ],
  'central-america': ['BZ', 'CR', 'GT', 'HN', 'MX', 'NI', 'PA', 'SV'],
  'south-america': [
    ...([
      'AR',
      'BO',
      'BR',
      'BV',
      'CL',
      'CO',
      'EC',
      'FK',
      'GF',
      'GS',
      'GY',
      'PE',
      'PY',
      'SR',
      'UY',
      'VE',
    ] as const),
  ],
  'northern-america': ['BM', 'CA', 'GL', 'PM', 'US'],
  'central-asia': ['KG', 'KZ', 'TJ', 'TM', 'UZ'],
  // TW: no M49 entry of its own; placed with China (see the module comment).
  'eastern-asia': ['CN', 'HK', 'JP', 'KP', 'KR', 'MN', 'MO', 'TW'],
  'south-eastern-asia': ['BN', 'ID', 'KH', 'LA', 'MM', 'MY', 'PH', 'SG', 'TH', 'TL', 'VN'],
  'southern-asia': ['AF', 'BD', 'BT', 'IN', 'IR', 'LK', 'MV', 'NP', 'PK'],
  'western-asia': [
    ...([
      'AE',
      'AM',
      'AZ',
      'BH',
      'CY',
      'GE',
      'IL',
      'IQ',
      'JO',
      'KW',
      'LB',
      'OM',
      'PS',
      'QA',
      'SA',
      'SY',
    ] as const),
    ...(['TR', 'YE'] as const),
  ],
  'eastern-europe': ['BG', 'BY', 'CZ', 'HU', 'MD', 'PL', 'RO', 'RU', 'SK', 'UA'],
  'northern-europe': ['AX', 'DK', 'EE', 'FI', 'FO', 'GB', 'IE', 'IM', 'IS', 'LT', 'LV', 'NO', 'SE', 'SJ'],
  'channel-islands': ['GG', 'JE'],
  'southern-europe': [
    ...([
      'AD',
      'AL',
      'BA',
      'ES',
      'GI',
      'GR',
      'HR',
      'IT',
      'ME',
      'MK',
      'MT',
      'PT',
      'RS',
      'SI',
      'SM',
      'VA',
    ] as const),
  ],
  'western-europe': ['AT', 'BE', 'CH', 'DE', 'FR', 'LI', 'LU', 'MC', 'NL'],
  'australia-and-new-zealand': ['AU', 'CC', 'CX', 'HM', 'NF', 'NZ'],
  melanesia: ['FJ', 'NC', 'PG', 'SB', 'VU'],
  micronesia: ['FM', 'GU', 'KI', 'MH', 'MP', 'NR', 'PW', 'UM'],
  polynesia: ['AS', 'CK', 'NU', 'PF', 'PN', 'TK', 'TO', 'TV', 'WF', 'WS'],
};

/** Codes M49 places in no region. */
export const withoutRegion: readonly CountryCode[] = ['AQ'];

export interface UnRegionPlacement {
  readonly region: UnRegionId;
  readonly subRegion: UnSubRegionId;
  readonly intermediateRegion?: UnIntermediateRegionId;
}

function buildRegionTable(): ReadonlyMap<CountryCode, UnRegionPlacement> {
  const table = new Map<CountryCode, UnRegionPlacement>();
  for (const [placement, codes] of Object.entries(placements) as [Placement, readonly CountryCode[]][]) {
    const intermediate = unIntermediateRegions.find((entry) => entry.id === placement);
    const subRegionId = intermediate === undefined ? placement : intermediate.subRegion;
    const subRegion = unSubRegions.find((entry) => entry.id === subRegionId);
    if (subRegion === undefined) throw new Error(`Unknown M49 sub-region ${subRegionId}`);
    for (const code of codes) {
      table.set(code, {
        region: subRegion.region,
        subRegion: subRegion.id,
        ...(intermediate === undefined ? {} : { intermediateRegion: intermediate.id }),
      });
    }
  }
  return table;
}

export const unRegionByCountry: ReadonlyMap<CountryCode, UnRegionPlacement> = buildRegionTable();

/** The M49 placement of a country or area; undefined for those in no region (Antarctica). */
export function unRegionOf(country: CountryCode): UnRegionPlacement | undefined {
  return unRegionByCountry.get(country);
}

/** Every country or area of a region: what a region filter matches. */
export function countriesOfRegion(region: UnRegionId): CountryCode[] {
  return [...unRegionByCountry].filter(([, placement]) => placement.region === region).map(([code]) => code);
}

/** Every country or area of a sub-region. */
export function countriesOfSubRegion(subRegion: UnSubRegionId): CountryCode[] {
  return [...unRegionByCountry]
    .filter(([, placement]) => placement.subRegion === subRegion)
    .map(([code]) => code);
}

export const unRegionIds = unRegions.map((region) => region.id) as [UnRegionId, ...UnRegionId[]];
export const unSubRegionIds = unSubRegions.map((entry) => entry.id) as [UnSubRegionId, ...UnSubRegionId[]];

/** Display names, for CSV cells and readable tables. */
export const unRegionName = (id: UnRegionId): string =>
  unRegions.find((entry) => entry.id === id)?.name ?? id;
export const unSubRegionName = (id: UnSubRegionId): string =>
  unSubRegions.find((entry) => entry.id === id)?.name ?? id;
export const unIntermediateRegionName = (id: UnIntermediateRegionId): string =>
  unIntermediateRegions.find((entry) => entry.id === id)?.name ?? id;
