import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dependencies } from '../../functions/dependencies.ts';
import { createLocalClock } from '../../local/local-clock.ts';
import { wsisForum2022 } from '../../shared/domain/definitions/index.ts';
import { editTokenMatches } from '../../shared/domain/edit-token.ts';
import type { SubmissionContent } from '../../shared/domain/submission-content.ts';
import type { SubmissionRepository } from '../../shared/ports/submission-repository.ts';
import { submitSubmission } from '../../shared/use-cases/change-submission-status.ts';
import { createSubmission } from '../../shared/use-cases/create-submission.ts';
import { type ComposedWithSesLocal, composeWithSesLocal } from '../support/composed-with-ses-local.ts';
import { dynamoDbTargets, type StartedDynamoDbTarget } from '../support/dynamodb-targets.ts';

/**
 * What a request that dies half-way leaves behind, and what its retry makes of it: the use cases
 * over the real DynamoDB adapters and SES local, with a crash injected at one step of the way.
 */
const content = (email: string): SubmissionContent => ({
  call: 'official-submission',
  submitter: {
    name: 'Amina Diallo',
    email,
    organization: 'Ministry of Digital Economy',
    stakeholderType: 'government',
    country: 'SN',
    language: 'fr',
  },
  title: 'Meaningful connectivity for rural communities',
  body: 'We propose a session on community networks.',
  actionLines: ['C2'],
  sdgs: [9],
  consent: { processing: true, publish: false },
});

class Crash extends Error {}

/** The real repository, except that `step` throws the first time it is called. */
function crashingOnce<K extends keyof SubmissionRepository>(
  real: SubmissionRepository,
  step: K,
): SubmissionRepository {
  let crashed = false;
  return new Proxy(real, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property !== step || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (!crashed) {
          crashed = true;
          throw new Crash(`crash before ${String(step)}`);
        }
        return (value as (...inner: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

describe.each(dynamoDbTargets)('retries after a crash, on $name', (target) => {
  let database: StartedDynamoDbTarget;
  let composed: ComposedWithSesLocal;
  let sesUrl: string;
  let dependencies: Dependencies;

  beforeAll(async () => {
    database = await target.start();
    composed = await composeWithSesLocal(
      database,
      createLocalClock({ startAt: new Date('2022-03-06T12:00:00Z'), speed: 0 }),
    );
    ({ dependencies, sesUrl } = composed);
    await dependencies.consultations.seed(wsisForum2022, new Date('2022-03-01T00:00:00Z'));
  });
  afterAll(async () => {
    await composed?.close();
    await database?.close();
  });

  const emailsTo = async (address: string) => {
    const store = (await (await fetch(`${sesUrl}/store`)).json()) as {
      emails: { destination: { to: string[] } }[];
    };
    return store.emails.filter((email) => email.destination.to.includes(address)).length;
  };
  const withRepository = (submissions: SubmissionRepository) => ({
    clock: dependencies.clock,
    consultations: dependencies.consultations,
    extensions: dependencies.extensions,
    mailer: dependencies.mailer,
    identifiers: dependencies.identifiers,
    submissions,
  });
  const request = (email: string, key: string) => ({
    consultationId: wsisForum2022.id,
    content: content(email),
    status: 'submitted' as const,
    idempotencyKey: key,
    publicBaseUrl: 'http://127.0.0.1',
  });

  it('finishes the same submission when the first request died after recording its key', async () => {
    const address = `after-key-${target.name}@example.org`;
    const key = crypto.randomUUID();
    const crashing = withRepository(crashingOnce(dependencies.submissions, 'create'));
    await expect(createSubmission(crashing, request(address, key))).rejects.toBeInstanceOf(Crash);
    expect(await emailsTo(address)).toBe(0);

    const retried = await createSubmission(dependencies, request(address, key));
    expect(retried.replayed).toBe(true);
    const stored = await dependencies.submissions.find(retried.receipt.id);
    expect(stored?.reference).toBe(retried.receipt.reference);
    expect(editTokenMatches(retried.editToken, stored?.editTokenSha256 ?? '')).toBe(true);
    expect(await emailsTo(address)).toBe(1);

    const again = await createSubmission(dependencies, request(address, key));
    expect(again).toEqual(retried);
    expect(await emailsTo(address)).toBe(1);
  });

  it('sends the receipt on the retry when the first request died before claiming it', async () => {
    const address = `before-claim-${target.name}@example.org`;
    const key = crypto.randomUUID();
    const crashing = withRepository(crashingOnce(dependencies.submissions, 'claimConfirmation'));
    await expect(createSubmission(crashing, request(address, key))).rejects.toBeInstanceOf(Crash);
    expect(await emailsTo(address)).toBe(0);

    await createSubmission(dependencies, request(address, key));
    await createSubmission(dependencies, request(address, key));
    expect(await emailsTo(address)).toBe(1);
  });

  it('never sends a receipt twice: a claim left by a request that died stays unsent (at most once)', async () => {
    const address = `claimed-${target.name}@example.org`;
    const draft = await createSubmission(dependencies, {
      ...request(address, crypto.randomUUID()),
      status: 'draft',
    });
    // The request that claimed the receipt died before sending it.
    expect(
      await dependencies.submissions.claimConfirmation(draft.receipt.id, '2022-03-06T12:00:00.000Z'),
    ).toBe(true);
    const submitted = await submitSubmission(dependencies, {
      submissionId: draft.receipt.id,
      authorization: `Bearer ${draft.editToken}`,
      ifMatch: undefined,
      publicBaseUrl: 'http://127.0.0.1',
    });
    expect(submitted.status).toBe('submitted');
    expect(await emailsTo(address)).toBe(0);
    expect(await dependencies.submissions.findConfirmation(draft.receipt.id)).toMatchObject({
      status: 'claimed',
    });
  });
});
