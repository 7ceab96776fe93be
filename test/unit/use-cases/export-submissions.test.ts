import { describe, expect, it } from 'vitest';
import { exportBodyBudgetBytes } from '../../../functions/admin-export-submissions.ts';
import { wsisForum2022 } from '../../../shared/domain/definitions/index.ts';
import { contentSha256, type StoredSubmission } from '../../../shared/domain/submission.ts';
import { submissionContentSchema } from '../../../shared/domain/submission-content.ts';
import { personalDataColumns } from '../../../shared/domain/submission-export.ts';
import { matchesSubmissionFilter, newestFirst } from '../../../shared/domain/submission-listing.ts';
import type { SubmissionCatalog } from '../../../shared/ports/submission-catalog.ts';
import { exportSubmissions } from '../../../shared/use-cases/export-submissions.ts';
import { parseCsv } from '../../support/csv-reader.ts';
import {
  inMemoryAuditTrail,
  inMemoryConsultations,
  inMemoryLedger,
  settableClock,
} from '../../support/in-memory-ports.ts';
import { issueExampleSubmission } from '../../support/issue-example-submission.ts';

function submission(index: number, changes: Record<string, unknown> = {}): StoredSubmission {
  const content = submissionContentSchema.parse({
    ...issueExampleSubmission,
    submitter: { ...issueExampleSubmission.submitter, email: `focal.point${index}@example.org` },
    ...changes,
  });
  const createdAt = new Date(Date.UTC(2022, 1, 1) + index * 1000).toISOString();
  return {
    history: [],
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    consultationId: wsisForum2022.id,
    call: content.call,
    reference: `WSIS22-OS-${String(index + 1).padStart(6, '0')}`,
    status: 'submitted',
    version: 1,
    editTokenSha256: 'a'.repeat(64),
    createdAt,
    updatedAt: createdAt,
    submittedAt: createdAt,
    contentSha256: contentSha256(content),
    content,
  };
}

/** Many submissions sharing one parsed content: only ids, references and instants differ. */
function copies(template: StoredSubmission, count: number): StoredSubmission[] {
  return Array.from({ length: count }, (_, index) => {
    const createdAt = new Date(Date.UTC(2022, 1, 1) + index * 1000).toISOString();
    return {
      ...template,
      id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      reference: `WSIS22-OS-${String(index + 1).padStart(6, '0')}`,
      createdAt,
      updatedAt: createdAt,
      submittedAt: createdAt,
    };
  });
}

/** The catalog's contract over an array: matching submissions, newest first. */
function arrayCatalog(submissions: readonly StoredSubmission[]): SubmissionCatalog {
  const matching = (filter: Parameters<SubmissionCatalog['all']>[1]) =>
    submissions.filter((s) => matchesSubmissionFilter(s, filter)).sort(newestFirst);
  return {
    page: async (_id, filter, { limit }) => ({
      submissions: matching(filter).slice(0, limit),
      next: undefined,
    }),
    async *all(_id, filter) {
      yield* matching(filter);
    },
    async *facts() {},
  };
}

function ports(submissions: readonly StoredSubmission[]) {
  return {
    consultations: inMemoryConsultations(wsisForum2022),
    submissionCatalog: arrayCatalog(submissions),
    auditTrail: inMemoryAuditTrail(inMemoryLedger()),
    clock: settableClock('2022-03-08T09:00:00Z'),
  };
}

const request = {
  consultationId: wsisForum2022.id,
  filter: {},
  format: 'csv' as const,
  personalData: false,
  actor: 'arn:aws:iam::000000000000:user/local-secretariat',
  requestId: 'request-1',
  maxEncodedBytes: exportBodyBudgetBytes,
};

describe('exporting submissions', () => {
  it('orders rows by reference, leaves personal data out unless asked, and records the export without the search words', async () => {
    const stored = [submission(2), submission(0), submission(1, { title: '=cmd|" /C calc"!A0, "quoted"' })];
    const without = ports(stored);
    const result = await exportSubmissions(without, { ...request, filter: { text: 'connectivity' } });
    if (result?.kind !== 'exported') throw new Error(`unexpected ${JSON.stringify(result)}`);
    expect(result.filename).toBe('wsis-forum-2022-submissions-20220308T090000Z.csv');
    const [header, ...rows] = parseCsv(result.body.slice(1));
    expect(header).toContain('reference');
    for (const name of personalDataColumns) expect(header).not.toContain(name);
    expect(result.body).not.toContain('@example.org');
    expect(result.body).not.toContain('Amina Diallo');
    // The body of all three speaks of connectivity; rows come by reference, the formula defused.
    expect(rows.map((row) => row[0])).toEqual(['WSIS22-OS-000001', 'WSIS22-OS-000002', 'WSIS22-OS-000003']);
    expect(rows[1]?.[header?.indexOf('title') ?? -1]).toBe(`'=cmd|" /C calc"!A0, "quoted"`);
    const recorded = [...without.auditTrail.recorded.values()];
    expect(recorded).toEqual([
      {
        kind: 'submissions-exported',
        at: '2022-03-08T09:00:00.000Z',
        actor: request.actor,
        format: 'csv',
        filters: { freeText: true },
        personalData: false,
        rowCount: 3,
      },
    ]);

    const withPersonalData = ports(stored);
    const personal = await exportSubmissions(withPersonalData, {
      ...request,
      personalData: true,
      format: 'json',
    });
    if (personal?.kind !== 'exported') throw new Error('not exported');
    expect(personal.filename).toBe('wsis-forum-2022-submissions-with-personal-data-20220308T090000Z.json');
    const document = JSON.parse(personal.body) as { submissions: Record<string, unknown>[]; count: number };
    expect(document.count).toBe(3);
    expect(document.submissions.map((row) => row.submitter_email)).toEqual([
      'focal.point0@example.org',
      'focal.point1@example.org',
      'focal.point2@example.org',
    ]);
    expect(document.submissions[1]?.title).toBe('=cmd|" /C calc"!A0, "quoted"');
    expect(document.submissions[0]?.action_lines).toEqual(['C2', 'C7']);
    expect([...withPersonalData.auditTrail.recorded.values()][0]).toMatchObject({
      personalData: true,
      rowCount: 3,
    });
  });

  it('measures the size a response carries exactly: the limit itself fits, one byte less does not', async () => {
    const stored = [submission(0, { title: 'Tabs\tand "quotes", العربية, 中文' }), submission(1)];
    for (const format of ['csv', 'json'] as const) {
      const unlimited = await exportSubmissions(ports(stored), {
        ...request,
        format,
        maxEncodedBytes: 10_000_000,
      });
      if (unlimited?.kind !== 'exported') throw new Error('not exported');
      const size = Buffer.byteLength(JSON.stringify(unlimited.body), 'utf8');
      const atLimit = await exportSubmissions(ports(stored), { ...request, format, maxEncodedBytes: size });
      expect(atLimit?.kind).toBe('exported');
      const under = await exportSubmissions(ports(stored), { ...request, format, maxEncodedBytes: size - 1 });
      expect(under).toEqual({ kind: 'too-large', encodedBytes: size, rowCount: 2 });
    }
  });

  it('records one export per request, however often the invocation is retried', async () => {
    const retried = ports([submission(0)]);
    await exportSubmissions(retried, request);
    await exportSubmissions(retried, request);
    expect(retried.auditTrail.recorded.size).toBe(1);
  });

  it('fits 2,000 submissions of the issue example’s size, and refuses a worst case of 2,000 instead of cutting it short', async () => {
    const typical = copies(submission(0), 2000);
    const fits = await exportSubmissions(ports(typical), { ...request, personalData: true });
    expect(fits?.kind).toBe('exported');

    // Every text at its maximum length and full of what CSV quotes and JSON escapes.
    const longest = (length: number) => '"quoted", line\n'.repeat(Math.ceil(length / 15)).slice(0, length);
    const worst = copies(
      submission(0, {
        title: longest(300),
        body: longest(30_000),
        submitter: { ...issueExampleSubmission.submitter, organization: longest(200) },
      }),
      2000,
    );
    const refusedPorts = ports(worst);
    const refused = await exportSubmissions(refusedPorts, request);
    expect(refused).toMatchObject({ kind: 'too-large', rowCount: 2000 });
    expect(refused?.kind === 'too-large' && refused.encodedBytes).toBeGreaterThan(exportBodyBudgetBytes);
    // A refused export was not handed out, so it is not in the trail.
    expect(refusedPorts.auditTrail.recorded.size).toBe(0);
  }, 30_000);
});
