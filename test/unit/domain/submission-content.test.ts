import { describe, expect, it } from 'vitest';
import { createSubmissionBody } from '../../../shared/contracts/submission.ts';
import { actionLines } from '../../../shared/domain/action-lines.ts';
import { countryCodes } from '../../../shared/domain/country-codes.ts';
import { submissionContentSchema } from '../../../shared/domain/submission-content.ts';
import { issueExampleSubmission } from '../../support/issue-example-submission.ts';

const example = issueExampleSubmission;

const issuePaths = (value: unknown) =>
  createSubmissionBody.safeParse(value).error?.issues.map((issue) => issue.path.join('.')) ?? [];

describe('submission content', () => {
  it('accepts the issue’s official submission, as submitted by default', () => {
    expect(createSubmissionBody.parse(example)).toEqual({ ...example, status: 'submitted' });
    expect(submissionContentSchema.parse(example)).toEqual(example);
  });

  it('holds the 249 ISO 3166-1 alpha-2 codes, and the action lines C1-C11 with the eight C7 e-applications', () => {
    expect(new Set(countryCodes).size).toBe(249);
    expect(countryCodes.every((code) => /^[A-Z]{2}$/.test(code))).toBe(true);
    expect(countryCodes).toEqual([...countryCodes].sort());
    expect(actionLines).toHaveLength(19);
    expect(actionLines).toContain('C7.e-agriculture');
    expect(issuePaths({ ...example, actionLines: ['C7.e-health', 'C11'] })).toEqual([]);
    expect(issuePaths({ ...example, actionLines: ['C7-e-health'] })).toEqual(['actionLines.0']);
    expect(issuePaths({ ...example, submitter: { ...example.submitter, country: 'XK' } })).toEqual([
      'submitter.country',
    ]);
  });

  it('names every invalid field at once and refuses unknown fields at every depth', () => {
    expect(
      issuePaths({
        ...example,
        sdgs: [4, 4, 18],
        actionLines: [],
        submitter: { ...example.submitter, timezone: 'Mars/Olympus', nickname: 'A' },
        extra: 1,
      }).sort(),
    ).toEqual(['', 'actionLines', 'sdgs', 'sdgs.2', 'submitter', 'submitter.timezone']);
  });

  it('bounds every string and array', () => {
    expect(issuePaths({ ...example, title: 'x'.repeat(301) })).toEqual(['title']);
    expect(issuePaths({ ...example, body: ' '.repeat(10) })).toEqual(['body']);
    expect(
      issuePaths({ ...example, sdgs: Array.from({ length: 18 }, (_, index) => (index % 17) + 1) }),
    ).toContain('sdgs');
  });

  it('requires each call’s own block, and only that one', () => {
    expect(issuePaths({ ...example, call: 'workshop-request' })).toEqual(['workshop']);
    expect(
      issuePaths({
        ...example,
        photo: { caption: 'c', place: 'p', sdg: 1, rightsDeclaration: true, ageDeclaration: true },
      }),
    ).toEqual(['']);
    expect(
      issuePaths({
        ...example,
        call: 'photo-contest',
        photo: { caption: 'c', place: 'p', sdg: 1, rightsDeclaration: true, ageDeclaration: false },
      }),
    ).toEqual(['photo.ageDeclaration']);
    expect(issuePaths({ ...example, consent: { processing: false, publish: true } })).toEqual([
      'consent.processing',
    ]);
  });
});
