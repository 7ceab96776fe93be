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

/**
 * What each call adds to the shared fields, one valid example per call kind (the official submission
 * adds nothing): spread one beside `call` into a body to submit to that call.
 */
export const exampleCallBlocks = {
  'official-submission': {},
  'workshop-request': {
    workshop: {
      format: 'hybrid',
      durationMinutes: 60,
      organizers: [{ organization: 'Ministry of Digital Economy', stakeholderType: 'government' }],
      coOrganizers: [],
      speakers: [{ name: 'Moussa Ndiaye', organization: 'Sonatel', stakeholderType: 'private-sector' }],
    },
  },
  'hltf-nomination': {
    nomination: {
      nominee: {
        name: 'Ana Souza',
        position: 'Director',
        organization: 'Anatel',
        email: 'ana.souza@example.org',
        stakeholderType: 'government',
        country: 'BR',
      },
      nominator: {
        name: 'Amina Diallo',
        organization: 'Ministry of Digital Economy',
        email: 'a@example.org',
      },
      bio: 'Twenty years of spectrum policy.',
    },
  },
  'photo-contest': {
    photo: {
      caption: 'Schoolchildren online in Kédougou',
      place: 'Kédougou, Senegal',
      sdg: 4,
      rightsDeclaration: true,
      ageDeclaration: true,
    },
  },
  'regional-input': {
    event: {
      name: 'Regional WSIS Review for Africa',
      date: '2021-11-10',
      place: 'Dakar',
      outcomeSummary: 'Priorities for meaningful connectivity.',
    },
  },
} as const;
