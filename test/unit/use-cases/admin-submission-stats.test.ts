import { describe, expect, it } from 'vitest';
import { wsisForum2022 } from '../../../shared/domain/definitions/index.ts';
import type { SubmissionCatalog, SubmissionFacts } from '../../../shared/ports/submission-catalog.ts';
import { adminSubmissionStats } from '../../../shared/use-cases/admin-submission-stats.ts';
import { inMemoryConsultations, settableClock } from '../../support/in-memory-ports.ts';

function factsCatalog(facts: readonly SubmissionFacts[]): SubmissionCatalog {
  return {
    page: async () => ({ submissions: [], next: undefined }),
    async *all() {},
    async *facts() {
      yield* facts;
    },
  };
}

const fact = (changes: Partial<SubmissionFacts>): SubmissionFacts => ({
  call: 'official-submission',
  status: 'submitted',
  stakeholderType: 'government',
  country: 'SN',
  actionLines: ['C2'],
  sdgs: [4],
  ...changes,
});

const ports = (facts: readonly SubmissionFacts[]) => ({
  consultations: inMemoryConsultations(wsisForum2022),
  submissionCatalog: factsCatalog(facts),
  clock: settableClock('2022-03-08T09:00:00Z'),
});

describe('the Secretariat’s statistics', () => {
  it('lists every call and every category with zeros before anything is submitted', async () => {
    const stats = await adminSubmissionStats(ports([]), wsisForum2022.id);
    expect(stats?.calls).toHaveLength(wsisForum2022.calls.length);
    expect(stats?.calls.every((call) => call.draft + call.submitted + call.withdrawn === 0)).toBe(true);
    expect(stats?.submitted.total).toBe(0);
    expect(Object.keys(stats?.submitted.bySdg ?? {})).toHaveLength(17);
    expect(Object.values(stats?.submitted.byRegion ?? {})).toEqual([0, 0, 0, 0, 0]);
    expect(stats?.submitted.byCountry).toEqual({});
  });

  it('counts drafts and withdrawals per call only, and each submitted one once per dimension', async () => {
    const stats = await adminSubmissionStats(
      ports([
        fact({ actionLines: ['C2', 'C7.e-health'], sdgs: [3, 4] }),
        fact({ status: 'draft', country: 'FR' }),
        fact({ status: 'withdrawn', country: 'FR' }),
        fact({ call: 'photo-contest', country: 'AQ', stakeholderType: 'civil-society' }),
        fact({ country: 'TW', stakeholderType: 'academia-technical' }),
      ]),
      wsisForum2022.id,
    );
    expect(stats?.calls.find((call) => call.call === 'official-submission')).toEqual({
      call: 'official-submission',
      draft: 1,
      submitted: 2,
      withdrawn: 1,
    });
    expect(stats?.submitted).toMatchObject({
      total: 3,
      byCall: { 'official-submission': 2, 'photo-contest': 1, 'workshop-request': 0 },
      byRegion: { africa: 1, asia: 1, europe: 0 },
      withoutRegion: 1,
      byCountry: { AQ: 1, SN: 1, TW: 1 },
      byStakeholderType: { government: 1, 'civil-society': 1, 'academia-technical': 1 },
      byActionLine: { C2: 3, 'C7.e-health': 1 },
      bySdg: { '3': 1, '4': 3 },
    });
    expect(Object.keys(stats?.submitted.byCountry ?? {})).toEqual(['AQ', 'SN', 'TW']);
  });

  it('answers nothing for an unknown consultation', async () => {
    expect(await adminSubmissionStats(ports([]), 'no-such-consultation')).toBeUndefined();
  });
});
