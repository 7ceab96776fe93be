import { describe, expect, it } from 'vitest';
import { localCredentials, localRegion } from '../../local/runtime.ts';
import { signedFetch } from '../../local/signed-fetch.ts';
import { adminSubmissionSchema, moderationResponseSchema } from '../../shared/contracts/admin-moderation.ts';
import { problemSchema } from '../../shared/contracts/problem.ts';
import { useLocalRuntime } from './local-runtime.ts';
import {
  bearer,
  bodyFor,
  createdFrom,
  emailCount,
  emailsTo,
  send,
  submissionTableItemCount,
  wsis,
} from './submission-helpers.ts';

// The day before the workshop request deadline (2022-03-07T13:00:00Z).
const runtime = useLocalRuntime({ clockAt: '2022-03-06T12:00:00Z' });
const secretariatArn = 'arn:aws:iam::000000000000:user/local-secretariat';
const api = (path: string) => `${runtime().endpoints.api}${path}`;
const adminPath = (submissionId: string, consultationId = wsis) =>
  `/v1/admin/consultations/${consultationId}/submissions/${submissionId}`;

const workshop = {
  format: 'hybrid',
  durationMinutes: 60,
  organizers: [{ organization: 'Ministry of Digital Economy', stakeholderType: 'government' }],
  coOrganizers: [],
  speakers: [{ name: 'Moussa Ndiaye', organization: 'Sonatel', stakeholderType: 'private-sector' }],
};

function workshopBody(email: string, language: string, status: 'draft' | 'submitted' = 'submitted') {
  const body = bodyFor(email, { call: 'workshop-request', workshop, status, title: 'Community networks' });
  return { ...body, submitter: { ...(body.submitter as object), language, timezone: 'Asia/Shanghai' } };
}

async function createWorkshopRequest(email: string, language: string, status?: 'draft' | 'submitted') {
  return createdFrom(
    await send(api(`/v1/consultations/${wsis}/submissions`), {
      method: 'POST',
      body: workshopBody(email, language, status),
    }),
  );
}

async function admin(method: 'GET' | 'POST', path: string, body?: unknown) {
  const response = await signedFetch(api(path), {
    method,
    credentials: localCredentials,
    region: localRegion,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>,
  };
}

const moderate = (submissionId: string, body: unknown, consultationId = wsis) =>
  admin('POST', `${adminPath(submissionId, consultationId)}/moderation`, body);

async function unsigned(method: 'GET' | 'POST', path: string, body?: unknown) {
  const response = await fetch(api(path), {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: await response.json(),
  };
}

/** What a refused request must leave as it was: the submission, the table, the SES store. */
async function snapshotOf(submissionId: string) {
  const { body } = await admin('GET', adminPath(submissionId));
  return {
    view: body,
    items: await submissionTableItemCount(runtime()),
    emails: await emailCount(runtime()),
  };
}

describe('the Secretariat’s view of a submission, with its history', () => {
  it('shows every change: created as a draft, edited (field names only), submitted, by the submitter', async () => {
    const created = await createWorkshopRequest('history@example.org', 'en', 'draft');
    const url = api(`/v1/submissions/${created.id}`);
    const edited = await send(url, {
      method: 'PATCH',
      headers: {
        ...bearer(created.editToken),
        'content-type': 'application/merge-patch+json',
        'if-match': '"1"',
      },
      body: { title: 'Community networks for rural areas', submitter: { organization: 'Ministry of ICT' } },
    });
    expect(edited.status).toBe(200);
    const submitted = await send(`${url}/submit`, { method: 'POST', headers: bearer(created.editToken) });
    expect(submitted.status).toBe(200);

    const reply = await admin('GET', adminPath(created.id));
    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    const view = adminSubmissionSchema.parse(reply.body);
    expect(view.submission).toMatchObject({
      id: created.id,
      reference: created.reference,
      status: 'submitted',
      version: 3,
      title: 'Community networks for rural areas',
    });
    expect(view.moderation).toBeUndefined();
    expect(view.emails).toEqual({ receipt: expect.objectContaining({ status: 'sent' }) });
    const at = '2022-03-06T12:00:00.000Z';
    expect(view.history).toEqual([
      { kind: 'created', at, actor: 'submitter', version: 1, status: 'draft' },
      { kind: 'edited', at, actor: 'submitter', version: 2, fields: ['submitter.organization', 'title'] },
      { kind: 'submitted', at, actor: 'submitter', version: 3 },
    ]);
    // Field names, never values: the history holds nothing the edit wrote.
    expect(JSON.stringify(view.history)).not.toContain('Ministry of ICT');
    expect(JSON.stringify(reply.body)).not.toContain('editTokenSha256');
  });

  it('shows a submission created submitted and then withdrawn', async () => {
    const created = await createWorkshopRequest('withdrawn-history@example.org', 'en');
    const withdrawn = await send(api(`/v1/submissions/${created.id}`), {
      method: 'DELETE',
      headers: bearer(created.editToken),
    });
    expect(withdrawn.status).toBe(200);
    const view = adminSubmissionSchema.parse((await admin('GET', adminPath(created.id))).body);
    expect(view.history.map(({ kind, version }) => [kind, version])).toEqual([
      ['created', 1],
      ['withdrawn', 2],
    ]);
    expect(view.history[0]).toMatchObject({ status: 'submitted' });
  });

  it('answers 404 for an unknown submission and for one of another consultation, 400 for a malformed id', async () => {
    const created = await createWorkshopRequest('not-found@example.org', 'en');
    const unknown = await admin('GET', adminPath('00000000-0000-4000-8000-000000000000'));
    expect(unknown.status).toBe(404);
    expect(problemSchema.parse(unknown.body).type).toBe('/problems/submission-not-found');
    expect((await admin('GET', adminPath(created.id, 'another-consultation'))).status).toBe(404);
    const malformed = await admin('GET', adminPath('not-a-uuid'));
    expect(malformed.status).toBe(400);
    expect(problemSchema.parse(malformed.body).errors?.[0]?.path).toBe('path.submissionId');
  });

  it('is refused unsigned: 403 problem+json /problems/missing-authentication', async () => {
    const created = await createWorkshopRequest('unsigned-get@example.org', 'en');
    const reply = await unsigned('GET', adminPath(created.id));
    expect(reply.status).toBe(403);
    expect(reply.contentType).toBe('application/problem+json');
    expect(reply.body).toMatchObject({ type: '/problems/missing-authentication' });
  });
});

describe('moderation of workshop requests', () => {
  it('asks for changes in the submitter’s language, once, and answers a repeat the same', async () => {
    const address = 'moderation-fr@example.org';
    const created = await createWorkshopRequest(address, 'fr');
    const before = (await emailsTo(runtime(), address)).length; // the receipt
    const body = {
      decision: 'request-changes',
      message: 'Merci d’ajouter un intervenant du secteur privé.\n\nLe Secrétariat',
    };
    const first = await moderate(created.id, body);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const result = moderationResponseSchema.parse(first.body);
    expect(result.moderation).toMatchObject({
      decision: 'request-changes',
      decidedBy: secretariatArn,
      decidedAt: '2022-03-06T12:00:00.000Z',
      version: 2,
      editableUntil: '2022-03-07T13:00:00Z',
    });
    expect(result.email.status).toBe('sent');
    expect(result.history.at(-1)).toEqual({
      kind: 'moderated',
      at: '2022-03-06T12:00:00.000Z',
      actor: secretariatArn,
      version: 2,
      decision: 'request-changes',
    });

    const emails = (await emailsTo(runtime(), address)).slice(before);
    expect(emails).toHaveLength(1);
    const [email] = emails;
    expect(email?.subject).toBe(`Modifications demandées pour la demande d’atelier ${created.reference}`);
    expect(email?.replyTo).toEqual(['wsis-info@itu.int']);
    expect(email?.body.text).toContain('Merci d’ajouter un intervenant du secteur privé.');
    expect(email?.body.text).toContain('lien de modification');
    expect(email?.body.text).toContain('2022-03-07 14:00 CET');
    expect(email?.body.text).toContain('2022-03-07 21:00');
    expect(email?.body.html).toContain('<html lang="fr" dir="ltr">');

    const repeat = await moderate(created.id, body);
    expect(repeat.status).toBe(200);
    expect(repeat.headers.get('idempotent-replayed')).toBe('true');
    expect(repeat.body).toEqual(first.body);
    expect((await emailsTo(runtime(), address)).slice(before)).toHaveLength(1);

    // The Secretariat's view says what became of both emails the request caused.
    const view = adminSubmissionSchema.parse((await admin('GET', adminPath(created.id))).body);
    expect(view.moderation).toEqual(result.moderation);
    expect(view.emails).toEqual({
      receipt: expect.objectContaining({ status: 'sent' }),
      moderation: { ...result.email },
    });
  });

  it('sends a new email for a later decision, in Arabic right to left, and records each in the audit trail', async () => {
    const address = 'moderation-ar@example.org';
    const created = await createWorkshopRequest(address, 'ar');
    const before = (await emailsTo(runtime(), address)).length;
    expect((await moderate(created.id, { decision: 'request-changes', message: 'أضف متحدثًا.' })).status).toBe(
      200,
    );
    const accepted = await moderate(created.id, {
      decision: 'accept',
      message: 'تم القبول.',
      reason: 'Speaker added',
    });
    expect(accepted.status).toBe(200);
    expect(moderationResponseSchema.parse(accepted.body).moderation).toMatchObject({
      decision: 'accept',
      version: 3,
      supersedes: { decision: 'request-changes', version: 2 },
    });
    const emails = (await emailsTo(runtime(), address)).slice(before);
    expect(emails.map((email) => email.subject)).toEqual([
      `مطلوب إدخال تعديلات على طلب حلقة العمل ${created.reference}`,
      `قُبل طلب حلقة العمل ${created.reference}`,
    ]);
    expect(emails[1]?.body.html).toContain('<html lang="ar" dir="rtl">');

    const trail = await admin(
      'GET',
      `/v1/admin/consultations/${wsis}/audit?kind=workshop-request-moderated&limit=1000`,
    );
    const entries = (trail.body.entries as { entry: Record<string, unknown> }[])
      .map((item) => item.entry)
      .filter((entry) => entry.kind === 'workshop-request-moderated' && entry.submissionId === created.id);
    expect(entries).toEqual([
      expect.objectContaining({
        actor: secretariatArn,
        reference: created.reference,
        before: null,
        after: expect.objectContaining({ decision: 'request-changes', version: 2 }),
      }),
      expect.objectContaining({
        reason: 'Speaker added',
        before: expect.objectContaining({ decision: 'request-changes', version: 2 }),
        after: expect.objectContaining({ decision: 'accept', version: 3 }),
      }),
    ]);
    // The audit trail keeps the message by its hash only.
    expect(JSON.stringify(entries)).not.toContain('تم القبول.');

    const changedWithoutReason = await moderate(created.id, {
      decision: 'reject',
      message: 'Finalement non.',
    });
    expect(changedWithoutReason.status).toBe(409);
    expect(problemSchema.parse(changedWithoutReason.body)).toMatchObject({
      type: '/problems/moderation-decided',
      errors: [{ path: 'body.reason' }],
    });
    expect((await emailsTo(runtime(), address)).slice(before)).toHaveLength(2);
  });

  it('refuses what cannot be moderated with a clear problem, writing and sending nothing', async () => {
    const official = createdFrom(
      await send(api(`/v1/consultations/${wsis}/submissions`), {
        method: 'POST',
        body: bodyFor('moderation-official@example.org'),
      }),
    );
    const draft = await createWorkshopRequest('moderation-draft@example.org', 'en', 'draft');
    const withdrawn = await createWorkshopRequest('moderation-withdrawn@example.org', 'en');
    await send(api(`/v1/submissions/${withdrawn.id}`), {
      method: 'DELETE',
      headers: bearer(withdrawn.editToken),
    });
    const target = await createWorkshopRequest('moderation-invalid@example.org', 'en');
    const decision = { decision: 'accept', message: 'Accepted.' };

    const cases: [string, unknown, number, string, string?][] = [
      [official.id, decision, 422, '/problems/not-a-workshop-request'],
      [draft.id, decision, 409, '/problems/workshop-request-not-submitted'],
      [withdrawn.id, decision, 409, '/problems/workshop-request-not-submitted'],
      ['00000000-0000-4000-8000-000000000000', decision, 404, '/problems/submission-not-found'],
      [target.id, { ...decision, decision: 'approve' }, 400, '/problems/validation', 'body.decision'],
      [target.id, { ...decision, message: '' }, 400, '/problems/validation', 'body.message'],
      [target.id, { ...decision, message: 'x'.repeat(5001) }, 400, '/problems/validation', 'body.message'],
      [target.id, { ...decision, cc: 'someone@example.org' }, 400, '/problems/validation', 'body'],
    ];
    for (const [submissionId, body, status, type, path] of cases) {
      const snapshot = await snapshotOf(target.id);
      const reply = await moderate(submissionId, body);
      expect(reply.status, JSON.stringify(reply.body)).toBe(status);
      expect(reply.headers.get('content-type')).toBe('application/problem+json');
      const problem = problemSchema.parse(reply.body);
      expect(problem.type).toBe(type);
      if (path !== undefined) expect(problem.errors?.map((error) => error.path)).toContain(path);
      expect(await snapshotOf(target.id)).toEqual(snapshot);
    }
    for (const created of [official, draft, withdrawn]) {
      const view = adminSubmissionSchema.parse((await admin('GET', adminPath(created.id))).body);
      expect(view.moderation).toBeUndefined();
      expect(view.history.some((event) => event.kind === 'moderated')).toBe(false);
    }
  });

  it('answers 409 when the submission changed during the request: the submitter’s edit and a moderation race', async () => {
    const created = await createWorkshopRequest('moderation-race@example.org', 'en');
    const edit = (index: number) =>
      send(api(`/v1/submissions/${created.id}`), {
        method: 'PATCH',
        headers: {
          ...bearer(created.editToken),
          'content-type': 'application/merge-patch+json',
          'if-match': `"${index + 1}"`,
        },
        body: { title: `Edit ${index}` },
      });
    // Edits and decisions race; each moderation either lands (200) or saw a stale version (409),
    // and every one that landed is in the history exactly once.
    const replies = await Promise.all([
      moderate(created.id, { decision: 'request-changes', message: 'First' }),
      edit(0),
      moderate(created.id, { decision: 'request-changes', message: 'Second' }),
      edit(1),
    ]);
    const moderations = [replies[0], replies[2]];
    for (const reply of moderations) expect([200, 409]).toContain(reply?.status);
    for (const reply of moderations.filter((reply) => reply?.status === 409)) {
      expect(problemSchema.parse(reply?.body).type).toBe('/problems/concurrent-change');
    }
    const view = adminSubmissionSchema.parse((await admin('GET', adminPath(created.id))).body);
    const versions = view.history.map((event) => event.version);
    expect(versions).toEqual(versions.map((_, index) => index + 1));
    expect(view.history.filter((event) => event.kind === 'moderated')).toHaveLength(
      moderations.filter((reply) => reply?.status === 200).length,
    );
  });

  it('is refused unsigned: 403 problem+json /problems/missing-authentication, nothing written', async () => {
    const created = await createWorkshopRequest('moderation-unsigned@example.org', 'en');
    const snapshot = await snapshotOf(created.id);
    const reply = await unsigned('POST', `${adminPath(created.id)}/moderation`, {
      decision: 'accept',
      message: 'Accepted.',
    });
    expect(reply.status).toBe(403);
    expect(reply.contentType).toBe('application/problem+json');
    expect(reply.body).toMatchObject({ type: '/problems/missing-authentication' });
    expect(await snapshotOf(created.id)).toEqual(snapshot);
  });

  // Last: it moves the shared clock past the deadline.
  it('refuses to ask for changes the deadline no longer allows: 409 submitter-cannot-edit', async () => {
    const created = await createWorkshopRequest('moderation-late@example.org', 'en');
    const moved = await fetch(api('/_local/clock'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ at: '2022-03-08T09:00:00Z' }),
    });
    expect(moved.status).toBe(200);
    const snapshot = await snapshotOf(created.id);
    const reply = await moderate(created.id, { decision: 'request-changes', message: 'Please shorten it.' });
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({
      type: '/problems/submitter-cannot-edit',
      closedAt: '2022-03-07T13:00:00Z',
    });
    expect(await snapshotOf(created.id)).toEqual(snapshot);
    // A decision needs no edit window.
    expect((await moderate(created.id, { decision: 'accept', message: 'Accepted as is.' })).status).toBe(200);
  });
});
