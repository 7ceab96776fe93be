import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { createDynamoDbSubmissionCatalog } from '../../shared/adapters/dynamodb/submission-catalog.ts';
import { createDynamoDbSubmissionRepository } from '../../shared/adapters/dynamodb/submission-repository.ts';
import type { CallKind } from '../../shared/domain/consultation-definition.ts';
import { contentSha256, type StoredSubmission } from '../../shared/domain/submission.ts';
import { submissionContentSchema } from '../../shared/domain/submission-content.ts';
import {
  type ListingPosition,
  matchesSubmissionFilter,
  newestFirst,
  type SubmissionFilter,
} from '../../shared/domain/submission-listing.ts';
import type { SubmissionCatalog } from '../../shared/ports/submission-catalog.ts';
import type { SubmissionRepository } from '../../shared/ports/submission-repository.ts';
import { dynamoDbTargets, type StartedDynamoDbTarget } from '../support/dynamodb-targets.ts';
import { issueExampleSubmission } from '../support/issue-example-submission.ts';

const consultationId = 'wsis-forum-2022';
const stakeholderTypes = ['government', 'private-sector', 'civil-society', 'academia-technical'] as const;
const countries = ['SN', 'CO', 'FR', 'JP', 'FJ', 'AQ', 'US', 'EG'] as const;
const statuses = ['submitted', 'draft', 'withdrawn', 'submitted'] as const;
const actionLineSets = [['C2', 'C7'], ['C7.e-health'], ['C1', 'C11'], ['C3']] as const;
const titles = [
  'Meaningful connectivity',
  'École numérique',
  'Цифровое образование',
  '数字包容',
  'Open data',
];

/** 57 submissions over four calls, with repeated creation instants so the id must break ties. */
function fixture(index: number, consultation = consultationId): StoredSubmission {
  const call: CallKind =
    index % 3 === 0 ? 'official-submission' : index % 3 === 1 ? 'regional-input' : 'photo-contest';
  const base = {
    ...issueExampleSubmission,
    call,
    submitter: {
      ...issueExampleSubmission.submitter,
      email: `person${index}@example.org`,
      organization: `Organization ${index}`,
      stakeholderType: stakeholderTypes[index % stakeholderTypes.length],
      country: countries[index % countries.length],
    },
    title: `${titles[index % titles.length]} ${index}`,
    actionLines: actionLineSets[index % actionLineSets.length],
    sdgs: [(index % 17) + 1, 17].filter((value, position, all) => all.indexOf(value) === position),
    ...(call === 'regional-input'
      ? {
          event: {
            name: 'Regional WSIS meeting',
            date: '2022-01-20',
            place: 'Dakar',
            outcomeSummary: 'Notes',
          },
        }
      : {}),
    ...(call === 'photo-contest'
      ? {
          photo: {
            caption: 'A caption',
            place: 'Geneva',
            sdg: 4,
            rightsDeclaration: true,
            ageDeclaration: true,
          },
        }
      : {}),
  };
  const content = submissionContentSchema.parse(base);
  // Three submissions per second: many share a creation instant.
  const createdAt = new Date(Date.UTC(2022, 0, 10, 9, 0, Math.floor(index / 3))).toISOString();
  const status = statuses[index % statuses.length] ?? 'submitted';
  return {
    history: [],
    id: `${consultation === consultationId ? '1' : '2'}0000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    consultationId: consultation,
    call,
    reference: `WSIS22-${call.slice(0, 2).toUpperCase()}-${String(index).padStart(6, '0')}`,
    status,
    version: 1,
    editTokenSha256: 'a'.repeat(64),
    createdAt,
    updatedAt: createdAt,
    ...(status === 'draft' ? {} : { submittedAt: createdAt }),
    ...(status === 'withdrawn' ? { withdrawnAt: createdAt } : {}),
    contentSha256: contentSha256(content),
    content,
  };
}

const stored = Array.from({ length: 57 }, (_, index) => fixture(index));
const expected = (filter: SubmissionFilter) =>
  stored
    .filter((submission) => matchesSubmissionFilter(submission, filter))
    .sort(newestFirst)
    .map((s) => s.id);

async function walk(
  catalog: SubmissionCatalog,
  filter: SubmissionFilter,
  limit: number,
): Promise<string[][]> {
  const pages: string[][] = [];
  let after: ListingPosition | undefined;
  do {
    const page = await catalog.page(consultationId, filter, {
      limit,
      ...(after === undefined ? {} : { after }),
    });
    expect(page.submissions.length).toBeLessThanOrEqual(limit);
    pages.push(page.submissions.map((submission) => submission.id));
    after = page.next;
    expect(pages.length).toBeLessThan(100);
  } while (after !== undefined);
  return pages;
}

describe.each(dynamoDbTargets)('submission catalog (byConsultation index) on $name', (target) => {
  let database: StartedDynamoDbTarget;
  let repository: SubmissionRepository;
  let catalog: SubmissionCatalog;
  let smallPages: SubmissionCatalog;

  beforeAll(async () => {
    database = await target.start();
    const documents = createDocumentClient(database.client);
    repository = createDynamoDbSubmissionRepository(documents, database.tableNames.submissions);
    catalog = createDynamoDbSubmissionCatalog(documents, database.tableNames.submissions);
    // Four items per Query page: every listing crosses many Query pages.
    smallPages = createDynamoDbSubmissionCatalog(documents, database.tableNames.submissions, { pageSize: 4 });
    for (const submission of stored) expect(await repository.create(submission)).toBe(true);
    // Another consultation's submissions never show.
    for (let index = 0; index < 5; index += 1)
      await repository.create(fixture(index, 'another-consultation'));
  }, 60_000);
  afterAll(() => database?.close());

  it('lists newest first, the id breaking ties, and reads back exactly what was stored', async () => {
    const page = await catalog.page(consultationId, {}, { limit: 200 });
    expect(page.submissions.map((submission) => submission.id)).toEqual(expected({}));
    expect(page.next).toBeUndefined();
    const byId = new Map(stored.map((submission) => [submission.id, submission]));
    for (const submission of page.submissions) expect(submission).toEqual(byId.get(submission.id));
  });

  it('walks every submission exactly once with any page size, across Query pages, and stops with no cursor', async () => {
    for (const limit of [1, 2, 5, 7, 56, 57, 58]) {
      for (const source of [catalog, smallPages]) {
        const pages = await walk(source, {}, limit);
        expect(pages.flat()).toEqual(expected({}));
        // Every page but the last is full, and the last is never empty: the cursor is exact.
        expect(pages.slice(0, -1).every((ids) => ids.length === limit)).toBe(true);
        expect(pages.at(-1)?.length).toBeGreaterThan(0);
      }
    }
  });

  it('filters by each field, alone and combined, exactly as the domain rule says, on every page', async () => {
    const filters: SubmissionFilter[] = [
      { call: 'official-submission' },
      { status: 'withdrawn' },
      { stakeholderType: 'civil-society' },
      { country: 'SN' },
      { region: 'africa' },
      { region: 'oceania' },
      { subRegion: 'latin-america-and-the-caribbean' },
      { actionLine: 'C7.e-health' },
      { actionLine: 'C7' },
      { sdg: 17 },
      { sdg: 3 },
      { text: 'école' },
      { text: 'ЦИФРОВОЕ' },
      { text: 'organization 1' },
      { text: 'wsis22-of-000003' },
      { call: 'regional-input', status: 'submitted', region: 'americas' },
      { call: 'photo-contest', sdg: 17, text: 'open' },
      { country: 'AQ', status: 'draft' },
      { region: 'europe', country: 'SN' },
    ];
    for (const filter of filters) {
      const wanted = expected(filter);
      expect((await walk(smallPages, filter, 3)).flat(), JSON.stringify(filter)).toEqual(wanted);
      const first = await catalog.page(consultationId, filter, { limit: 50 });
      expect(first.submissions.map((submission) => submission.id)).toEqual(wanted.slice(0, 50));
    }
    expect(expected({ region: 'europe', country: 'SN' })).toEqual([]);
    expect(expected({ text: 'école' }).length).toBeGreaterThan(0);
  });

  it('never names a submitter address in the text search', async () => {
    const page = await catalog.page(consultationId, { text: 'person1@example.org' }, { limit: 200 });
    expect(page.submissions).toEqual([]);
  });

  it('resumes after its position: a submission created during a walk neither repeats nor shifts a page', async () => {
    const first = await smallPages.page(consultationId, {}, { limit: 10 });
    const newer = fixture(90);
    await repository.create({ ...newer, createdAt: '2022-03-01T00:00:00.000Z' });
    const rest: string[] = [];
    let after = first.next;
    while (after !== undefined) {
      const page = await smallPages.page(consultationId, {}, { limit: 10, after });
      rest.push(...page.submissions.map((submission) => submission.id));
      after = page.next;
    }
    expect([...first.submissions.map((submission) => submission.id), ...rest]).toEqual(expected({}));
    const fresh = await catalog.page(consultationId, {}, { limit: 1 });
    expect(fresh.submissions[0]?.id).toBe(newer.id);
  });

  it('reads every matching submission for an export, and the statistical facts of all of them', async () => {
    const all: string[] = [];
    for await (const submission of smallPages.all(consultationId, { call: 'photo-contest' }))
      all.push(submission.id);
    const photoEntries = [...stored, { ...fixture(90), createdAt: '2022-03-01T00:00:00.000Z' }]
      .filter((submission) => submission.call === 'photo-contest')
      .sort(newestFirst)
      .map((submission) => submission.id);
    expect(all).toEqual(photoEntries);

    const facts = [];
    for await (const fact of smallPages.facts(consultationId)) facts.push(fact);
    expect(facts).toHaveLength(58);
    const sample = facts.find((fact) => fact.country === 'AQ');
    expect(Object.keys(sample ?? {}).sort()).toEqual(
      ['actionLines', 'call', 'country', 'sdgs', 'stakeholderType', 'status'].sort(),
    );
    expect(facts.filter((fact) => fact.status === 'withdrawn')).toHaveLength(
      [...stored, fixture(90)].filter((submission) => submission.status === 'withdrawn').length,
    );
  });
});
