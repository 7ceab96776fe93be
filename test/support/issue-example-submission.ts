/**
 * The official submission that issue #3 says must be accepted, verbatim: the shared sample for
 * unit, integration and e2e tests and the benchmark.
 */
export const issueExampleSubmission = {
  call: 'official-submission',
  submitter: {
    name: 'Amina Diallo',
    email: 'amina.diallo@example.org',
    organization: 'Ministry of Digital Economy',
    stakeholderType: 'government',
    country: 'SN',
    language: 'fr',
  },
  title: 'Meaningful connectivity for rural communities',
  body: 'We propose a session on community networks and spectrum policy for last-mile connectivity.',
  actionLines: ['C2', 'C7'],
  sdgs: [4, 9],
  consent: { processing: true, publish: false },
};
