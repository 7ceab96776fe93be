import { describe, expect, it } from 'vitest';
import { changedFields } from '../../../shared/domain/submission-history.ts';
import { issueExampleSubmission } from '../../support/issue-example-submission.ts';

describe('the fields an edit changed', () => {
  it('names nested fields by path and arrays as wholes, sorted, never values', () => {
    const after = {
      ...issueExampleSubmission,
      title: 'Another title',
      submitter: {
        ...issueExampleSubmission.submitter,
        organization: 'Another ministry',
        timezone: 'Africa/Dakar',
      },
      actionLines: ['C2', 'C7', 'C9'],
    };
    expect(changedFields(issueExampleSubmission, after)).toEqual([
      'actionLines',
      'submitter.organization',
      'submitter.timezone',
      'title',
    ]);
  });

  it('finds nothing when only the order of an object’s keys differs', () => {
    const { title, body, ...rest } = issueExampleSubmission;
    expect(changedFields(issueExampleSubmission, { body, ...rest, title })).toEqual([]);
  });

  it('counts a member removed', () => {
    const { consent: _consent, ...rest } = issueExampleSubmission;
    expect(changedFields(issueExampleSubmission, rest)).toEqual(['consent']);
  });
});
