import { describe, expect, it } from 'vitest';
import { countryCodes } from '../../../shared/domain/country-codes.ts';
import {
  countriesOfRegion,
  countriesOfSubRegion,
  unIntermediateRegions,
  unRegionByCountry,
  unRegionOf,
  unSubRegions,
  withoutRegion,
} from '../../../shared/domain/un-m49-regions.ts';

describe('UN M49 regions', () => {
  it('places every ISO 3166-1 code exactly once, or names it as being in no region', () => {
    const placed = [...unRegionByCountry.keys()];
    expect(new Set(placed).size).toBe(placed.length);
    expect([...placed, ...withoutRegion].sort()).toEqual([...countryCodes].sort());
    for (const code of countryCodes) {
      expect(unRegionOf(code) !== undefined || withoutRegion.includes(code), code).toBe(true);
    }
  });

  it('leaves Antarctica, and only Antarctica, without a region', () => {
    expect(withoutRegion).toEqual(['AQ']);
    expect(unRegionOf('AQ')).toBeUndefined();
  });

  it('keeps the three levels consistent: an intermediate region lies in its sub-region and region', () => {
    for (const placement of unRegionByCountry.values()) {
      const subRegion = unSubRegions.find((entry) => entry.id === placement.subRegion);
      expect(subRegion?.region).toBe(placement.region);
      if (placement.intermediateRegion !== undefined) {
        const intermediate = unIntermediateRegions.find((entry) => entry.id === placement.intermediateRegion);
        expect(intermediate?.subRegion).toBe(placement.subRegion);
      }
    }
  });

  it('places well-known countries where M49 does', () => {
    expect(unRegionOf('SN')).toEqual({
      region: 'africa',
      subRegion: 'sub-saharan-africa',
      intermediateRegion: 'western-africa',
    });
    expect(unRegionOf('EG')).toEqual({ region: 'africa', subRegion: 'northern-africa' });
    expect(unRegionOf('CO')).toEqual({
      region: 'americas',
      subRegion: 'latin-america-and-the-caribbean',
      intermediateRegion: 'south-america',
    });
    expect(unRegionOf('MX')?.intermediateRegion).toBe('central-america');
    expect(unRegionOf('US')).toEqual({ region: 'americas', subRegion: 'northern-america' });
    expect(unRegionOf('CY')).toEqual({ region: 'asia', subRegion: 'western-asia' });
    expect(unRegionOf('TR')).toEqual({ region: 'asia', subRegion: 'western-asia' });
    expect(unRegionOf('RU')).toEqual({ region: 'europe', subRegion: 'eastern-europe' });
    expect(unRegionOf('CH')).toEqual({ region: 'europe', subRegion: 'western-europe' });
    expect(unRegionOf('JE')).toEqual({
      region: 'europe',
      subRegion: 'northern-europe',
      intermediateRegion: 'channel-islands',
    });
    expect(unRegionOf('FJ')).toEqual({ region: 'oceania', subRegion: 'melanesia' });
  });

  it('answers the countries of a region within the 100 values a DynamoDB IN condition takes', () => {
    for (const region of ['africa', 'americas', 'asia', 'europe', 'oceania'] as const) {
      const countries = countriesOfRegion(region);
      expect(countries.length).toBeGreaterThan(0);
      expect(countries.length).toBeLessThanOrEqual(100);
    }
    expect(countriesOfRegion('africa')).toHaveLength(60);
    expect(countriesOfSubRegion('northern-america')).toEqual(['BM', 'CA', 'GL', 'PM', 'US']);
  });
});
