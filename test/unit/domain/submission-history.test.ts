import { describe, expect, it } from 'vitest';
import {
  changedFields,
  type SubmissionHistoryEvent,
  withEdit,
} from '../../../shared/domain/submission-history.ts';
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

describe('a long history', () => {
  const edit = (version: number, fields: string[]): SubmissionHistoryEvent & { kind: 'edited' } => ({
    kind: 'edited',
    at: `2022-03-0${Math.min(version, 9)}T12:00:00.000Z`,
    actor: 'submitter',
    version,
    fields,
  });
  const created: SubmissionHistoryEvent = {
    kind: 'created',
    at: '2022-03-01T12:00:00.000Z',
    actor: 'submitter',
    version: 1,
    status: 'draft',
  };

  it('keeps each edit apart up to the bound', () => {
    const history = withEdit([created], edit(2, ['title']), 3);
    expect(withEdit(history, edit(3, ['body']), 3)).toEqual([created, edit(2, ['title']), edit(3, ['body'])]);
  });

  it('past the bound, merges further edits into the last one: count, every field, last instant and version', () => {
    let history: SubmissionHistoryEvent[] = [created, edit(2, ['title']), edit(3, ['body'])];
    history = withEdit(history, edit(4, ['sdgs']), 3);
    history = withEdit(history, edit(5, ['body', 'actionLines']), 3);
    expect(history).toEqual([
      created,
      edit(2, ['title']),
      { ...edit(5, ['actionLines', 'body', 'sdgs']), edits: 3 },
    ]);
  });

  it('never merges an edit into a status change or another actor’s event', () => {
    const submitted: SubmissionHistoryEvent = {
      kind: 'submitted',
      at: created.at,
      actor: 'submitter',
      version: 2,
    };
    expect(withEdit([created, submitted], edit(3, ['title']), 1)).toHaveLength(3);
    const byAdmin = { ...edit(3, ['title']), actor: 'arn:aws:iam::000000000000:user/editor' };
    expect(withEdit([created, byAdmin], edit(4, ['title']), 1)).toHaveLength(3);
  });
});
