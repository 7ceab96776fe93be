import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localLinkSigningSecret } from '../../local/runtime.ts';
import { waveFiguresSchema } from '../../shared/contracts/subscriptions.ts';
import { addressKey } from '../../shared/domain/email-address.ts';
import { signUnsubscribeToken } from '../../shared/domain/link-tokens.ts';
import { issueExampleSubmission } from '../support/issue-example-submission.ts';
import { reminderFixtures } from '../support/reminder-fixtures.ts';
import { emailsTo } from '../support/ses-store.ts';
import { getSignedJson, postJson, useLocalRuntime } from './local-runtime.ts';

const wsis = 'wsis-forum-2022';
const waveId = 'deadline-20220307T1300Z-P2D';

/** The issue's official submission by another submitter, in English, as a draft or submitted. */
function submission(email: string, status: 'draft' | 'submitted', title = issueExampleSubmission.title) {
  return {
    ...issueExampleSubmission,
    submitter: { ...issueExampleSubmission.submitter, email, language: 'en' },
    title,
    status,
  };
}

/**
 * The `draft-holders` source for real: drafts created through the submissions API are found on the
 * submissions table (`byCallStatus`, then the items) when the wave runs. A draft holder is told which
 * draft is not submitted; one email per address even when the address is a subscriber too; never
 * to an address that unsubscribed; and a submitted submission gets no deadline reminder.
 */
describe('a deadline wave to draft holders as well as subscribers', () => {
  const runtime = useLocalRuntime({ clockAt: '2022-03-05T12:00:00Z', queueVisibilityTimeoutSeconds: 1 });
  let fixtures: ReturnType<typeof reminderFixtures>;
  const api = (path: string) => `${runtime().endpoints.api}${path}`;
  const create = async (body: unknown) => {
    const reply = await postJson(api(`/v1/consultations/${wsis}/submissions`), body);
    expect(reply.status).toBe(201);
  };

  beforeAll(async () => {
    fixtures = reminderFixtures(runtime());
    await create(submission('drafting@example.org', 'draft', 'Inclusion <b>by design</b>'));
    await create(submission('opted.out@example.org', 'draft'));
    await create(submission('also.subscribed@example.org', 'draft'));
    await create(submission('submitted@example.org', 'submitted'));
    await fixtures.confirmSubscribers(wsis, [{ email: 'also.subscribed@example.org', language: 'en' }]);
    const token = signUnsubscribeToken(localLinkSigningSecret, {
      consultationId: wsis,
      addressKey: addressKey('opted.out@example.org'),
    });
    expect((await fetch(api(`/v1/unsubscribe?token=${token}`), { method: 'POST' })).status).toBe(200);
  });
  afterAll(() => fixtures?.close());

  it('tells a draft holder which draft is not submitted, and skips one who unsubscribed', async () => {
    const store = runtime().endpoints.sesStore;
    // The submitted one's receipt, sent at creation.
    expect(await emailsTo(store, 'submitted@example.org')).toHaveLength(1);
    // The reconcile at start scheduled the wave (14:00 in Geneva, two days before the deadline).
    await postJson(api('/_local/clock'), { at: '2022-03-05T13:00:30Z' });
    await runtime().idle();
    const [drafting, ...more] = await emailsTo(store, 'drafting@example.org');
    expect(more).toEqual([]);
    expect(drafting?.body.text).toContain('Your draft “Inclusion <b>by design</b>” (Official submissions');
    expect(drafting?.body.html).toContain('Inclusion &lt;b&gt;by design&lt;/b&gt;');
    // Subscribers are queued before draft holders; the draft holder's text wins all the same.
    const [both, ...bothMore] = await emailsTo(store, 'also.subscribed@example.org');
    expect(bothMore).toEqual([]);
    expect(both?.body.text).toContain(`Your draft “${issueExampleSubmission.title}” (Official submissions`);
    expect(await emailsTo(store, 'opted.out@example.org')).toHaveLength(0);
    // Still only the receipt: a submitted submission is no draft to remind of.
    expect(await emailsTo(store, 'submitted@example.org')).toHaveLength(1);
    const figures = waveFiguresSchema.parse(
      (await getSignedJson(api(`/v1/admin/consultations/${wsis}/waves/${waveId}`))).body,
    );
    expect(figures).toMatchObject({ recipients: 3, sent: 2, unsubscribed: 1, inProgress: 0 });
  });
});
