import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localLinkSigningSecret } from '../../local/runtime.ts';
import { waveFiguresSchema } from '../../shared/contracts/subscriptions.ts';
import { addressKey } from '../../shared/domain/email-address.ts';
import { signUnsubscribeToken } from '../../shared/domain/link-tokens.ts';
import type { RecipientSource } from '../../shared/ports/recipient-source.ts';
import { reminderFixtures } from '../support/reminder-fixtures.ts';
import { emailsTo } from '../support/ses-store.ts';
import { getJson, postJson, useLocalRuntime } from './local-runtime.ts';

const wsis = 'wsis-forum-2022';
const waveId = 'deadline-20220307T1300Z-P2D';

/**
 * The `draft-holders` port is the submissions work's to implement; this in-memory stand-in (two
 * pages, like a Query) shows the seam: what the port yields, a wave sends, one email per address
 * even when the address is a subscriber too, and never to an address that unsubscribed.
 */
const draftHolders: RecipientSource = {
  async page(_consultationId, _wave, cursor) {
    return cursor === undefined
      ? {
          recipients: [
            {
              email: 'drafting@example.org',
              language: 'en',
              source: 'draft-holder',
              drafts: [{ call: 'official-submission', title: 'Inclusion <b>by design</b>' }],
            },
            { email: 'opted.out@example.org', language: 'en', source: 'draft-holder', drafts: [] },
          ],
          cursor: 'second-page',
        }
      : {
          recipients: [
            { email: 'also.subscribed@example.org', language: 'en', source: 'draft-holder', drafts: [] },
          ],
        };
  },
};

describe('a deadline wave to draft holders as well as subscribers', () => {
  const runtime = useLocalRuntime({
    clockAt: '2022-03-05T12:00:00Z',
    queueVisibilityTimeoutSeconds: 1,
    extraRecipientSources: { 'draft-holders': draftHolders },
  });
  let fixtures: ReturnType<typeof reminderFixtures>;
  const api = (path: string) => `${runtime().endpoints.api}${path}`;

  beforeAll(async () => {
    fixtures = reminderFixtures(runtime());
    await fixtures.confirmSubscribers(wsis, [{ email: 'also.subscribed@example.org', language: 'en' }]);
    const token = signUnsubscribeToken(localLinkSigningSecret, {
      consultationId: wsis,
      addressKey: addressKey('opted.out@example.org'),
    });
    expect((await fetch(api(`/v1/unsubscribe?token=${token}`), { method: 'POST' })).status).toBe(200);
  });
  afterAll(() => fixtures?.close());

  it('tells a draft holder which draft is not submitted, and skips one who unsubscribed', async () => {
    await fixtures.scheduleWave(wsis, waveId, '2022-03-05T14:00:00');
    await postJson(api('/_local/clock'), { at: '2022-03-05T13:00:30Z' });
    await runtime().idle();
    const store = runtime().endpoints.sesStore;
    const [drafting, ...more] = await emailsTo(store, 'drafting@example.org');
    expect(more).toEqual([]);
    expect(drafting?.body.text).toContain('Your draft “Inclusion <b>by design</b>” (Official submissions');
    expect(drafting?.body.html).toContain('Inclusion &lt;b&gt;by design&lt;/b&gt;');
    expect(await emailsTo(store, 'also.subscribed@example.org')).toHaveLength(1);
    expect(await emailsTo(store, 'opted.out@example.org')).toHaveLength(0);
    const figures = waveFiguresSchema.parse(
      (await getJson(api(`/v1/admin/consultations/${wsis}/waves/${waveId}`))).body,
    );
    expect(figures).toMatchObject({ recipients: 3, sent: 2, unsubscribed: 1, inProgress: 0 });
  });
});
