import { createHash } from 'node:crypto';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { problemSchema } from '../../shared/contracts/problem.ts';
import {
  consultationStatsSchema,
  createdSubmissionSchema,
  submissionViewSchema,
} from '../../shared/contracts/submission.ts';
import { exampleCallBlocks } from '../support/issue-example-submission.ts';
import { useLocalRuntime } from './local-runtime.ts';
import {
  bearer,
  bodyFor,
  createdFrom,
  emailsTo,
  issueExampleBody,
  send,
  submissionTableItemCount,
  wsis,
} from './submission-helpers.ts';

/** An independent RFC 8785 canonical form for the test's own check of the content hash. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('submission routes through the local runtime', () => {
  const runtime = useLocalRuntime({ clockAt: '2022-03-06T12:00:00Z' });
  const api = (path: string) => `${runtime().endpoints.api}${path}`;
  const create = (body: unknown, headers: Record<string, string> = {}) =>
    send(api(`/v1/consultations/${wsis}/submissions`), { method: 'POST', body, headers });

  it('accepts the issue’s official submission: 201, Location, reference, receipt fields and hash', async () => {
    const reply = await create(issueExampleBody);
    expect(reply.status).toBe(201);
    const created = createdSubmissionSchema.parse(reply.body);
    expect(reply.headers.get('location')).toBe(`/v1/submissions/${created.id}`);
    expect(reply.headers.get('etag')).toBe('"1"');
    expect(created.reference).toMatch(/^WSIS22-OS-\d{6}$/);
    expect(created).toMatchObject({
      call: 'official-submission',
      status: 'submitted',
      createdAt: '2022-03-06T12:00:00.000Z',
      submittedAt: '2022-03-06T12:00:00.000Z',
    });
    expect(created.editToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.contentSha256).toBe(sha256(canonical(issueExampleBody)));
  });

  it('numbers references per call, one after the other', async () => {
    const first = createdFrom(await create(bodyFor('numbering@example.org')));
    const second = createdFrom(await create(bodyFor('numbering@example.org')));
    const numberOf = (reference: string) => Number(reference.split('-').at(-1));
    expect(numberOf(second.reference)).toBe(numberOf(first.reference) + 1);
    const workshop = createdFrom(
      await create(
        bodyFor('numbering@example.org', {
          call: 'workshop-request',
          workshop: {
            format: 'hybrid',
            durationMinutes: 60,
            organizers: [{ organization: 'Ministry of Digital Economy', stakeholderType: 'government' }],
            coOrganizers: [
              { organization: 'Université Cheikh Anta Diop', stakeholderType: 'academia-technical' },
            ],
            speakers: [{ name: 'Moussa Ndiaye', organization: 'Sonatel', stakeholderType: 'private-sector' }],
          },
        }),
      ),
    );
    expect(workshop.reference).toBe('WSIS22-WR-000001');
  });

  it('accepts a submission of every call kind', async () => {
    const shared = bodyFor('every-call@example.org');
    const bodies = (['hltf-nomination', 'photo-contest', 'regional-input'] as const).map((call) => ({
      ...shared,
      call,
      ...exampleCallBlocks[call],
    }));
    for (const body of bodies) {
      const reply = await create(body);
      expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    }
  });

  it('reads a submission with its edit token and an ETag; refuses without it or with another', async () => {
    const created = createdFrom(await create(bodyFor('reader@example.org')));
    const read = await send(api(`/v1/submissions/${created.id}`), {
      method: 'GET',
      headers: bearer(created.editToken),
    });
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');
    expect(read.headers.get('cache-control')).toContain('no-store');
    const view = submissionViewSchema.parse(read.body);
    expect(view).toMatchObject({
      id: created.id,
      reference: created.reference,
      status: 'submitted',
      version: 1,
    });
    expect(view.title).toBe(issueExampleBody.title);

    const missing = await send(api(`/v1/submissions/${created.id}`), { method: 'GET' });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    const other = createdFrom(await create(bodyFor('reader@example.org')));
    const wrong = await send(api(`/v1/submissions/${created.id}`), {
      method: 'GET',
      headers: bearer(other.editToken),
    });
    expect(wrong.status).toBe(403);
    expect(problemSchema.parse(wrong.body).type).toBe('/problems/edit-token-rejected');
    const unknown = await send(api('/v1/submissions/8f4d0d3e-4c1b-4e55-9a51-2c0f5a6f7a10'), {
      method: 'GET',
      headers: bearer(created.editToken),
    });
    expect(unknown.status).toBe(404);
    const badId = await send(api('/v1/submissions/not-a-uuid'), {
      method: 'GET',
      headers: bearer(created.editToken),
    });
    expect(badId.status).toBe(400);
    expect(problemSchema.parse(badId.body).errors?.map((error) => error.path)).toEqual(['path.id']);
  });

  it('edits with a JSON merge patch and If-Match: new ETag, new hash; 428 without If-Match, 412 when stale', async () => {
    const created = createdFrom(await create(bodyFor('editor@example.org')));
    const url = api(`/v1/submissions/${created.id}`);
    const patchHeaders = { ...bearer(created.editToken), 'content-type': 'application/merge-patch+json' };
    const edited = await send(url, {
      method: 'PATCH',
      headers: { ...patchHeaders, 'if-match': '"1"' },
      body: {
        title: 'Community networks for rural areas',
        sdgs: [9],
        submitter: { timezone: 'Africa/Dakar' },
      },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.headers.get('etag')).toBe('"2"');
    const view = submissionViewSchema.parse(edited.body);
    expect(view.title).toBe('Community networks for rural areas');
    expect(view.sdgs).toEqual([9]);
    // Objects merge: the rest of the submitter stays.
    expect(view.submitter).toMatchObject({ name: 'Amina Diallo', timezone: 'Africa/Dakar', country: 'SN' });
    const {
      id,
      reference,
      consultationId,
      status,
      version,
      createdAt,
      updatedAt,
      submittedAt,
      contentSha256,
      ...content
    } = view;
    expect(contentSha256).toBe(sha256(canonical(content)));
    expect(contentSha256).not.toBe((created.reply.body as { contentSha256: string }).contentSha256);

    // `null` removes an optional member.
    const removed = await send(url, {
      method: 'PATCH',
      headers: { ...patchHeaders, 'if-match': '"2"' },
      body: { submitter: { timezone: null } },
    });
    expect(removed.status).toBe(200);
    expect(submissionViewSchema.parse(removed.body).submitter.timezone).toBeUndefined();

    const before = await submissionTableItemCount(runtime());
    const withoutIfMatch = await send(url, {
      method: 'PATCH',
      headers: patchHeaders,
      body: { title: 'Other' },
    });
    expect(withoutIfMatch.status).toBe(428);
    expect(problemSchema.parse(withoutIfMatch.body).type).toBe('/problems/if-match-required');
    const stale = await send(url, {
      method: 'PATCH',
      headers: { ...patchHeaders, 'if-match': '"1"' },
      body: { title: 'Other' },
    });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ type: '/problems/stale-version', currentETag: '"3"' });
    expect(await submissionTableItemCount(runtime())).toBe(before);
    const current = await send(url, { method: 'GET', headers: bearer(created.editToken) });
    expect(submissionViewSchema.parse(current.body).title).toBe('Community networks for rural areas');
  });

  it('validates the merged submission as a whole and refuses changes to server-kept fields', async () => {
    const created = createdFrom(await create(bodyFor('validator@example.org')));
    const before = await submissionTableItemCount(runtime());
    const reply = await send(api(`/v1/submissions/${created.id}`), {
      method: 'PATCH',
      headers: { ...bearer(created.editToken), 'if-match': '"1"' },
      body: {
        title: null,
        sdgs: [18],
        submitter: { country: 'XX' },
        call: 'photo-contest',
        reference: 'WSIS22-OS-999999',
        // Server-kept fields may be sent back unchanged.
        id: created.id,
        surprise: true,
      },
    });
    expect(reply.status).toBe(400);
    const paths = problemSchema.parse(reply.body).errors?.map((error) => error.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.title',
        'body.sdgs.0',
        'body.submitter.country',
        'body.call',
        'body.reference',
        'body',
      ]),
    );
    expect(paths).not.toContain('body.id');
    expect(await submissionTableItemCount(runtime())).toBe(before);
  });

  it('lets exactly one of two concurrent PATCHes with the same ETag win; the other gets 412', async () => {
    const created = createdFrom(await create(bodyFor('race@example.org')));
    const patch = (title: string) =>
      send(api(`/v1/submissions/${created.id}`), {
        method: 'PATCH',
        headers: { ...bearer(created.editToken), 'if-match': '"1"' },
        body: { title },
      });
    for (let round = 0; round < 5; round += 1) {
      const version = round + 1;
      const replies = await Promise.all([
        send(api(`/v1/submissions/${created.id}`), {
          method: 'PATCH',
          headers: { ...bearer(created.editToken), 'if-match': `"${version}"` },
          body: { title: `First writer, round ${round}` },
        }),
        send(api(`/v1/submissions/${created.id}`), {
          method: 'PATCH',
          headers: { ...bearer(created.editToken), 'if-match': `"${version}"` },
          body: { title: `Second writer, round ${round}` },
        }),
      ]);
      expect(replies.map((reply) => reply.status).sort()).toEqual([200, 412]);
    }
    const stale = await patch('Too late');
    expect(stale.status).toBe(412);
  });

  it('keeps a draft unsent until submit: then one receipt, and submitting again sends nothing', async () => {
    const address = 'drafter@example.org';
    const draft = createdFrom(await create(bodyFor(address, { status: 'draft' })));
    expect(draft.reply.body).toMatchObject({ status: 'draft' });
    expect(draft.reply.body.submittedAt).toBeUndefined();
    expect(draft.reference).toMatch(/^WSIS22-OS-/);
    expect(await emailsTo(runtime(), address)).toHaveLength(0);

    const submitted = await send(api(`/v1/submissions/${draft.id}/submit`), {
      method: 'POST',
      headers: bearer(draft.editToken),
    });
    expect(submitted.status).toBe(200);
    expect(submitted.headers.get('etag')).toBe('"2"');
    expect(submissionViewSchema.parse(submitted.body)).toMatchObject({
      status: 'submitted',
      submittedAt: '2022-03-06T12:00:00.000Z',
    });
    expect(await emailsTo(runtime(), address)).toHaveLength(1);

    const again = await send(api(`/v1/submissions/${draft.id}/submit`), {
      method: 'POST',
      headers: bearer(draft.editToken),
    });
    expect(again.status).toBe(200);
    expect(again.headers.get('etag')).toBe('"2"');
    expect(await emailsTo(runtime(), address)).toHaveLength(1);

    const stale = await send(api(`/v1/submissions/${draft.id}/submit`), {
      method: 'POST',
      headers: { ...bearer(draft.editToken), 'if-match': '"1"' },
    });
    expect(stale.status).toBe(412);
  });

  it('withdraws: the record stays, withdrawn; it can no longer change or be submitted', async () => {
    const created = createdFrom(await create(bodyFor('withdrawer@example.org', { status: 'draft' })));
    const url = api(`/v1/submissions/${created.id}`);
    const withdrawn = await send(url, { method: 'DELETE', headers: bearer(created.editToken) });
    expect(withdrawn.status).toBe(200);
    expect(submissionViewSchema.parse(withdrawn.body)).toMatchObject({
      status: 'withdrawn',
      withdrawnAt: '2022-03-06T12:00:00.000Z',
      version: 2,
    });
    const read = await send(url, { method: 'GET', headers: bearer(created.editToken) });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ status: 'withdrawn', title: issueExampleBody.title });

    const again = await send(url, { method: 'DELETE', headers: bearer(created.editToken) });
    expect(again.status).toBe(200);
    expect(again.headers.get('etag')).toBe('"2"');
    const edit = await send(url, {
      method: 'PATCH',
      headers: { ...bearer(created.editToken), 'if-match': '"2"' },
      body: { title: 'Back again' },
    });
    expect(edit.status).toBe(409);
    expect(problemSchema.parse(edit.body).type).toBe('/problems/submission-withdrawn');
    const submit = await send(`${url}/submit`, { method: 'POST', headers: bearer(created.editToken) });
    expect(submit.status).toBe(409);
    expect(await emailsTo(runtime(), 'withdrawer@example.org')).toHaveLength(0);
  });

  it('answers a repeated Idempotency-Key and body with the same submission, once; another body gets 422', async () => {
    const address = 'retrying-script@example.org';
    const body = bodyFor(address);
    const key = crypto.randomUUID();
    const first = await create(body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    const itemsAfterFirst = await submissionTableItemCount(runtime());

    // The same body with its keys in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const replies = await Promise.all([
      create(body, { 'idempotency-key': key }),
      create(reordered, { 'idempotency-key': key }),
    ]);
    for (const reply of replies) {
      expect(reply.status).toBe(201);
      expect(reply.body).toEqual(first.body);
      expect(reply.headers.get('location')).toBe(first.headers.get('location'));
    }
    expect(await submissionTableItemCount(runtime())).toBe(itemsAfterFirst);
    expect(await emailsTo(runtime(), address)).toHaveLength(1);

    const other = await create(bodyFor(address, { title: 'Another submission' }), { 'idempotency-key': key });
    expect(other.status).toBe(422);
    expect(problemSchema.parse(other.body).type).toBe('/problems/idempotency-key-reused');
    expect(await submissionTableItemCount(runtime())).toBe(itemsAfterFirst);
  });

  it('makes concurrent first requests with one Idempotency-Key into one submission', async () => {
    const address = 'concurrent-retries@example.org';
    const key = crypto.randomUUID();
    const replies = await Promise.all(
      Array.from({ length: 5 }, () => create(bodyFor(address), { 'idempotency-key': key })),
    );
    expect(replies.map((reply) => reply.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(replies.map((reply) => reply.body.id)).size).toBe(1);
    expect(new Set(replies.map((reply) => reply.body.editToken)).size).toBe(1);
    expect(await emailsTo(runtime(), address)).toHaveLength(1);
  });

  it('lists every invalid field at once, rejects unknown fields, and writes nothing on a 4xx', async () => {
    const before = await submissionTableItemCount(runtime());
    const invalid = await create({
      ...issueExampleBody,
      submitter: { ...issueExampleBody.submitter, email: 'not-an-email', country: 'XX', language: 'de' },
      title: '',
      actionLines: ['C12', 'C7.e-health'],
      sdgs: [0],
      consent: { processing: false, publish: false },
      unexpected: 'field',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toBe('application/problem+json');
    const problem = problemSchema.parse(invalid.body);
    expect(problem.type).toBe('/problems/validation');
    expect(problem.errors?.map((error) => error.path)).toEqual(
      expect.arrayContaining([
        'body.submitter.email',
        'body.submitter.country',
        'body.submitter.language',
        'body.title',
        'body.actionLines.0',
        'body.sdgs.0',
        'body.consent.processing',
        'body',
      ]),
    );
    expect(problem.errors?.find((error) => error.path === 'body')?.message).toMatch(/unexpected/);

    const unknownCall = await create({ ...issueExampleBody, call: 'poetry' });
    expect(unknownCall.status).toBe(400);
    expect(problemSchema.parse(unknownCall.body).errors?.map((error) => error.path)).toEqual(['body.call']);

    const malformed = await send(api(`/v1/consultations/${wsis}/submissions`), {
      method: 'POST',
      rawBody: '{"call": "official-submission",',
    });
    expect(malformed.status).toBe(400);
    expect(problemSchema.parse(malformed.body).type).toBe('/problems/malformed-json');

    const wrongType = await send(api(`/v1/consultations/${wsis}/submissions`), {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      rawBody: JSON.stringify(issueExampleBody),
    });
    expect(wrongType.status).toBe(415);

    const tooLarge = await create({ ...issueExampleBody, body: 'x'.repeat(257 * 1024) });
    expect(tooLarge.status).toBe(413);

    const longest = await create({ ...issueExampleBody, body: 'x'.repeat(30_001) });
    expect(longest.status).toBe(400);
    expect(problemSchema.parse(longest.body).errors?.map((error) => error.path)).toEqual(['body.body']);

    const noConsultation = await send(api('/v1/consultations/no-such-consultation/submissions'), {
      method: 'POST',
      body: issueExampleBody,
    });
    expect(noConsultation.status).toBe(404);

    const badKey = await create(issueExampleBody, { 'idempotency-key': 'x'.repeat(300) });
    expect(badKey.status).toBe(400);
    expect(problemSchema.parse(badKey.body).errors?.map((error) => error.path)).toEqual([
      'header.idempotency-key',
    ]);

    expect(await submissionTableItemCount(runtime())).toBe(before);
  });

  it('emails the receipt in the submitter’s language, Arabic right to left, escaped, with both times and the link', async () => {
    const address = 'receipt-ar@example.org';
    const hostile = '<script>alert("x")</script> & co';
    const created = createdFrom(
      await create(
        bodyFor(address, {
          title: hostile,
          submitter: {
            ...issueExampleBody.submitter,
            email: address,
            name: 'Layla <b>Haddad</b>',
            language: 'ar',
            timezone: 'Asia/Riyadh',
          },
        }),
      ),
    );
    const [email, ...more] = await emailsTo(runtime(), address);
    expect(more).toHaveLength(0);
    if (email === undefined) throw new Error('No receipt was sent');
    expect(email.replyTo).toEqual(['wsis-info@itu.int']);
    expect(email.subject).toContain(created.reference);
    expect(email.body.html).toContain('<html lang="ar" dir="rtl">');
    expect(email.body.html).not.toContain('<script>');
    expect(email.body.html).not.toContain('<b>Haddad');
    expect(email.body.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
    const sha = (created.reply.body as { contentSha256: string }).contentSha256;
    for (const part of [email.body.html, email.body.text]) {
      expect(part).toContain(created.reference);
      expect(part).toContain('2022-03-06 13:00 CET');
      expect(part).toContain('2022-03-06 15:00 UTC+03:00');
      expect(part).toContain(sha);
    }
    expect(email.body.text).toContain(hostile);

    // The edit link opens the submission: the token travels in the fragment, never to a server.
    const link = /https?:\/\/[^\s"<]+#token=[A-Za-z0-9_-]+/.exec(email.body.text)?.[0];
    if (link === undefined) throw new Error('No edit link in the receipt');
    const url = new URL(link);
    expect(url.pathname).toBe(`/v1/submissions/${created.id}`);
    const token = url.hash.slice('#token='.length);
    expect(token).toBe(created.editToken);
    const read = await send(`${url.origin}${url.pathname}`, { method: 'GET', headers: bearer(token) });
    expect(read.status).toBe(200);
  });

  it.each([
    ['en', 'Receipt'],
    ['fr', 'Accusé de réception'],
    ['es', 'Acuse de recibo'],
    ['ru', 'Подтверждение получения'],
    ['zh', '回执'],
    ['ar', 'إشعار استلام'],
  ])('writes the receipt in %s', async (language, subjectStart) => {
    const address = `receipt-${language}@example.org`;
    await create(
      bodyFor(address, { submitter: { ...issueExampleBody.submitter, email: address, language } }),
    );
    const [email] = await emailsTo(runtime(), address);
    expect(email?.subject.startsWith(subjectStart)).toBe(true);
    expect(email?.body.html).toContain(
      `<html lang="${language}" dir="${language === 'ar' ? 'rtl' : 'ltr'}">`,
    );
    expect(email?.body.text).toContain('2022-03-06 13:00 CET');
  });

  it('publishes counts by call, status and stakeholder type, without personal data', async () => {
    const statsBefore = consultationStatsSchema.parse(
      (await send(api(`/v1/consultations/${wsis}/stats`), { method: 'GET' })).body,
    );
    const official = (stats: typeof statsBefore) =>
      stats.calls.find((call) => call.call === 'official-submission');
    await create(
      bodyFor('stats@example.org', {
        submitter: {
          ...issueExampleBody.submitter,
          email: 'stats@example.org',
          stakeholderType: 'civil-society',
        },
      }),
    );
    await create(bodyFor('stats@example.org', { status: 'draft' }));
    const reply = await send(api(`/v1/consultations/${wsis}/stats`), { method: 'GET' });
    expect(reply.status).toBe(200);
    const stats = consultationStatsSchema.parse(reply.body);
    expect(stats.calls.map((call) => call.call)).toEqual([
      'official-submission',
      'workshop-request',
      'hltf-nomination',
      'photo-contest',
      'regional-input',
    ]);
    expect(official(stats)?.submitted).toBe((official(statsBefore)?.submitted ?? 0) + 1);
    expect(official(stats)?.drafts).toBe((official(statsBefore)?.drafts ?? 0) + 1);
    expect(official(stats)?.submittedByStakeholderType['civil-society']).toBe(
      (official(statsBefore)?.submittedByStakeholderType['civil-society'] ?? 0) + 1,
    );
    expect(official(stats)?.withdrawn).toBeGreaterThan(0);
    const text = JSON.stringify(reply.body);
    expect(text).not.toContain('@');
    expect(text).not.toContain('Amina');

    const unknown = await send(api('/v1/consultations/no-such-consultation/stats'), { method: 'GET' });
    expect(unknown.status).toBe(404);
  });

  it('documents every submission route, header and problem in a valid OpenAPI document', async () => {
    const reply = await send(api('/v1/openapi.json'), { method: 'GET' });
    const result = await new Validator().validate(reply.body);
    expect(result.errors ?? []).toEqual([]);
    const paths = reply.body.paths as Record<string, Record<string, Record<string, unknown>>>;
    const patch = paths['/v1/submissions/{id}']?.patch;
    expect(Object.keys((patch?.responses as object) ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404', '409', '412', '428']),
    );
    expect(patch?.requestBody).toMatchObject({ content: { 'application/merge-patch+json': {} } });
    expect(patch?.security).toEqual([{ editToken: [] }]);
    const post = paths['/v1/consultations/{id}/submissions']?.post;
    expect(post?.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'idempotency-key', in: 'header' })]),
    );
    expect(Object.keys((post?.responses as object) ?? {})).toEqual(
      expect.arrayContaining(['201', '400', '404', '409', '413', '415', '422']),
    );
    const schemas = (reply.body.components as { schemas: Record<string, unknown> }).schemas;
    expect(Object.keys(schemas)).toEqual(
      expect.arrayContaining([
        'NewSubmission',
        'Submission',
        'CreatedSubmission',
        'SubmissionMergePatch',
        'SubmissionStatistics',
        'Problem',
      ]),
    );
  });
});
