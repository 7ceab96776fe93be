import { describe, expect, it } from 'vitest';
import {
  erasedEmailAddress,
  erasedText,
  eraseFromContent,
  rolesOfAddress,
} from '../../../shared/domain/personal-data.ts';
import {
  type SubmissionContent,
  submissionContentSchema,
} from '../../../shared/domain/submission-content.ts';
import { exampleCallBlocks, issueExampleSubmission } from '../../support/issue-example-submission.ts';

const submitter = {
  ...issueExampleSubmission.submitter,
  email: 'Amina.Diallo@Example.org',
  timezone: 'Africa/Dakar',
};

const nomination: SubmissionContent = submissionContentSchema.parse({
  ...issueExampleSubmission,
  submitter,
  call: 'hltf-nomination',
  nomination: {
    ...exampleCallBlocks['hltf-nomination'].nomination,
    // The submitter nominates under her own address: one person in two roles.
    nominator: {
      name: 'Amina Diallo',
      organization: 'Ministry of Digital Economy',
      email: 'amina.diallo@example.org',
    },
  },
});

const workshop: SubmissionContent = submissionContentSchema.parse({
  ...issueExampleSubmission,
  call: 'workshop-request',
  workshop: {
    format: 'hybrid',
    durationMinutes: 60,
    organizers: [{ organization: 'Ministry of Digital Economy', stakeholderType: 'government' }],
    coOrganizers: [],
    speakers: [{ name: 'Moussa Ndiaye', organization: 'Sonatel', stakeholderType: 'private-sector' }],
  },
});

describe('personal data in a submission', () => {
  it('names the roles in which a submission holds an address, compared trimmed and in any case', () => {
    expect(rolesOfAddress(nomination, ' AMINA.DIALLO@example.org')).toEqual(['submitter', 'nominator']);
    expect(rolesOfAddress(nomination, 'ana.souza@example.org')).toEqual(['nominee']);
    expect(rolesOfAddress(nomination, 'someone@example.org')).toEqual([]);
  });

  it('erases the persons of the roles asked, keeps what statistics count, and stays valid', () => {
    const { content, erasedFields } = eraseFromContent(nomination, ['submitter', 'nominator']);
    expect(erasedFields).toEqual([
      'submitter.timezone',
      'submitter.name',
      'submitter.email',
      'nomination.nominator.name',
      'nomination.nominator.email',
    ]);
    expect(submissionContentSchema.parse(content)).toEqual(content);
    expect(content.submitter).toEqual({
      name: erasedText,
      email: erasedEmailAddress,
      organization: submitter.organization,
      stakeholderType: submitter.stakeholderType,
      country: submitter.country,
      language: submitter.language,
    });
    if (content.call !== 'hltf-nomination') throw new Error('Expected a nomination');
    // The nominee is another person: untouched unless asked for.
    expect(content.nomination.nominee.email).toBe('ana.souza@example.org');
    expect(content.nomination.bio).toBe('Twenty years of spectrum policy.');
    expect(content.nomination.nominator.organization).toBe('Ministry of Digital Economy');
    expect([content.title, content.body, content.actionLines, content.sdgs]).toEqual([
      nomination.title,
      nomination.body,
      nomination.actionLines,
      nomination.sdgs,
    ]);
  });

  it('erases the nominee with their position and biography', () => {
    const { content } = eraseFromContent(nomination, ['nominee']);
    if (content.call !== 'hltf-nomination') throw new Error('Expected a nomination');
    expect(content.nomination.nominee).toMatchObject({
      name: erasedText,
      email: erasedEmailAddress,
      position: erasedText,
      organization: 'Anatel',
      country: 'BR',
    });
    expect(content.nomination.bio).toBe(erasedText);
    expect(content.submitter.email).toBe(submitter.email);
  });

  it('erases every person, workshop speakers included, for retention; a second erasure changes nothing', () => {
    const first = eraseFromContent(workshop, 'all');
    if (first.content.call !== 'workshop-request') throw new Error('Expected a workshop request');
    expect(first.content.workshop.speakers).toEqual([
      { name: erasedText, organization: 'Sonatel', stakeholderType: 'private-sector' },
    ]);
    expect(first.erasedFields).toContain('workshop.speakers.0.name');
    const second = eraseFromContent(first.content, 'all');
    expect(second).toEqual({ content: first.content, erasedFields: [] });
    // A single address's erasure leaves the speakers: they are other people, found by no address.
    const bySubmitter = eraseFromContent(workshop, ['submitter']).content;
    if (bySubmitter.call !== 'workshop-request') throw new Error('Expected a workshop request');
    expect(bySubmitter.workshop.speakers[0]?.name).toBe('Moussa Ndiaye');
  });
});
