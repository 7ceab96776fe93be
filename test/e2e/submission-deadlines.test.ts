import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { createDocumentClient } from '../../shared/adapters/dynamodb/document-client.ts';
import { createDynamoDbExtensionRepository } from '../../shared/adapters/dynamodb/extension-repository.ts';
import { problemSchema } from '../../shared/contracts/problem.ts';
import { postJson, useLocalRuntime } from './local-runtime.ts';
import {
  bearer,
  bodyFor,
  createdFrom,
  emailCount,
  send,
  submissionTableItemCount,
  wsis,
} from './submission-helpers.ts';

/** The official submission deadline: 14:00 CET on 7 March 2022. */
const deadline = '2022-03-07T13:00:00.000Z';

async function moveClock(runtime: LocalRuntime, at: string): Promise<void> {
  const moved = await postJson(`${runtime.endpoints.api}/_local/clock`, { at });
  expect(moved.status).toBe(200);
}

describe('the submission deadline, at the server clock', () => {
  const runtime = useLocalRuntime({ clockAt: '2022-03-07T12:00:00Z' });
  const api = (path: string) => `${runtime().endpoints.api}${path}`;
  const create = (body: unknown) =>
    send(api(`/v1/consultations/${wsis}/submissions`), { method: 'POST', body });

  it('accepts every write half a second before the deadline and none at the deadline', async () => {
    const draft = createdFrom(await create(bodyFor('deadline-draft@example.org', { status: 'draft' })));
    const submitted = createdFrom(await create(bodyFor('deadline-submitted@example.org')));

    await moveClock(runtime(), '2022-03-07T12:59:59.500Z');
    const lastMoment = await create(bodyFor('last-moment@example.org'));
    expect(lastMoment.status).toBe(201);
    expect(lastMoment.body).toMatchObject({ submittedAt: '2022-03-07T12:59:59.500Z' });
    const lastEdit = await send(api(`/v1/submissions/${submitted.id}`), {
      method: 'PATCH',
      headers: { ...bearer(submitted.editToken), 'if-match': '"1"' },
      body: { title: 'Edited in the last second' },
    });
    expect(lastEdit.status).toBe(200);

    await moveClock(runtime(), deadline);
    const items = await submissionTableItemCount(runtime());
    const emails = await emailCount(runtime());

    const late = await create(bodyFor('too-late@example.org'));
    expect(late.status).toBe(409);
    expect(late.headers.get('content-type')).toBe('application/problem+json');
    expect(problemSchema.parse(late.body)).toMatchObject({ type: '/problems/call-closed', status: 409 });
    expect(late.body.closedAt).toBe('2022-03-07T13:00:00Z');

    const lateEdit = await send(api(`/v1/submissions/${submitted.id}`), {
      method: 'PATCH',
      headers: { ...bearer(submitted.editToken), 'if-match': '"2"' },
      body: { title: 'Too late' },
    });
    expect(lateEdit.status).toBe(409);
    expect(lateEdit.body.type).toBe('/problems/call-closed');
    const lateSubmit = await send(api(`/v1/submissions/${draft.id}/submit`), {
      method: 'POST',
      headers: bearer(draft.editToken),
    });
    expect(lateSubmit.status).toBe(409);
    expect(lateSubmit.body.type).toBe('/problems/call-closed');
    const lateWithdrawal = await send(api(`/v1/submissions/${submitted.id}`), {
      method: 'DELETE',
      headers: bearer(submitted.editToken),
    });
    expect(lateWithdrawal.status).toBe(409);
    expect(lateWithdrawal.body.type).toBe('/problems/call-closed');

    expect(await submissionTableItemCount(runtime())).toBe(items);
    expect(await emailCount(runtime())).toBe(emails);

    // Reading stays possible after the deadline.
    const read = await send(api(`/v1/submissions/${submitted.id}`), {
      method: 'GET',
      headers: bearer(submitted.editToken),
    });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ title: 'Edited in the last second', status: 'submitted' });
  });

  it('lets a submitter holding an extension write after the deadline, and no one else', async () => {
    const client = new DynamoDBClient({
      endpoint: runtime().endpoints.dynamodb,
      region: runtime().endpoints.region,
      credentials: { ...runtime().endpoints.credentials },
    });
    try {
      const extensions = createDynamoDbExtensionRepository(
        createDocumentClient(client),
        runtime().endpoints.tables.consultations ?? '',
      );
      await extensions.grant(wsis, {
        call: 'official-submission',
        grantee: { kind: 'organization', organization: 'Ministry of Posts and Telecommunications' },
        until: '2022-03-09T13:00:00Z',
        reason: 'Connectivity outage during the last week',
        grantedAt: '2022-03-07T09:00:00Z',
        grantedBy: 'secretariat',
      });
    } finally {
      client.destroy();
    }
    await moveClock(runtime(), '2022-03-08T10:00:00Z');
    const extended = (email: string) =>
      bodyFor(email, {
        submitter: {
          ...(bodyFor(email).submitter as object),
          organization: 'Ministry of  Posts and Telecommunications',
        },
      });
    const granted = await create(extended('extended@example.org'));
    expect(granted.status).toBe(201);
    const other = await create(bodyFor('not-extended@example.org'));
    expect(other.status).toBe(409);

    await moveClock(runtime(), '2022-03-09T13:00:00Z');
    const afterExtension = await create(extended('extended@example.org'));
    expect(afterExtension.status).toBe(409);
    expect(afterExtension.body).toMatchObject({
      type: '/problems/call-closed',
      closedAt: '2022-03-09T13:00:00Z',
    });
  });
});

describe('a call that has not opened yet', () => {
  const runtime = useLocalRuntime({ clockAt: '2021-08-19T11:59:59Z' });

  it('refuses writes before opensAt with call-not-open, and takes them from opensAt', async () => {
    const url = `${runtime().endpoints.api}/v1/consultations/${wsis}/submissions`;
    const items = await submissionTableItemCount(runtime());
    const early = await send(url, { method: 'POST', body: bodyFor('early@example.org') });
    expect(early.status).toBe(409);
    expect(problemSchema.parse(early.body)).toMatchObject({ type: '/problems/call-not-open' });
    expect(early.body.opensAt).toBe('2021-08-19T12:00:00Z');
    expect(await submissionTableItemCount(runtime())).toBe(items);

    await moveClock(runtime(), '2021-08-19T12:00:00Z');
    const first = await send(url, { method: 'POST', body: bodyFor('early@example.org') });
    expect(first.status).toBe(201);
    expect(first.body.reference).toBe('WSIS22-OS-000001');
  });
});
