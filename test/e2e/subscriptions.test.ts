import { describe, expect, it } from 'vitest';
import { problemSchema } from '../../shared/contracts/problem.ts';
import { emailsTo } from '../support/ses-store.ts';
import { postJson, useLocalRuntime } from './local-runtime.ts';

const wsis = 'wsis-forum-2022';

describe('subscriptions with double opt-in through the local runtime', () => {
  const runtime = useLocalRuntime({ clockAt: '2022-02-01T09:00:00Z' });
  const api = (path: string) => `${runtime().endpoints.api}${path}`;
  const subscribe = (email: string, extra: Record<string, unknown> = {}) =>
    postJson(api(`/v1/consultations/${wsis}/subscriptions`), { email, language: 'fr', ...extra });
  const confirmationLinkIn = async (address: string): Promise<URL> => {
    const [email] = (await emailsTo(runtime().endpoints.sesStore, address)).slice(-1);
    const match = /https?:\/\/\S+\/v1\/subscriptions\/confirm\?\S+/.exec(email?.body.text ?? '');
    if (match === null) throw new Error(`No confirmation link in the email to ${address}`);
    return new URL(match[0]);
  };

  it('answers 202 and sends one confirmation email whose page confirms only on POST', async () => {
    const address = 'Amina.Diallo@example.org';
    const accepted = await subscribe(address, {
      timezone: 'Africa/Dakar',
      stakeholderType: 'civil-society',
      country: 'SN',
    });
    expect(accepted).toEqual({
      status: 202,
      body: { status: 'confirmation-pending', detail: expect.any(String) },
    });
    const [confirmation, ...others] = await emailsTo(
      runtime().endpoints.sesStore,
      'amina.diallo@example.org',
    );
    expect(others).toEqual([]);
    expect(confirmation?.subject).toBe(
      'Confirmez vos rappels pour Forum du SMSI de 2022 : processus de consultation ouverte',
    );
    expect(confirmation?.replyTo).toEqual(['wsis-info@itu.int']);
    expect(confirmation?.body.html).toContain('<html lang="fr" dir="ltr">');

    const link = await confirmationLinkIn('amina.diallo@example.org');
    expect(link.searchParams.get('lang')).toBe('fr');
    const token = link.searchParams.get('token') ?? '';
    // The page (what a link scanner fetches) confirms nothing: the token still confirms afterwards.
    const page = await fetch(api(`${link.pathname}${link.search}`));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain('<html lang="fr" dir="ltr">');
    expect(html).toContain('Confirmer mon abonnement');

    const confirmed = await postJson(api('/v1/subscriptions/confirm'), { token });
    expect(confirmed).toEqual({ status: 200, body: { status: 'confirmed', consultationId: wsis } });
    // Twice is fine: the second click of an impatient person.
    expect((await postJson(api('/v1/subscriptions/confirm'), { token })).status).toBe(200);
  });

  it('refuses a forged or altered token with a problem, and a malformed request with field paths', async () => {
    await subscribe('li.wei@example.cn');
    const token = (await confirmationLinkIn('li.wei@example.cn')).searchParams.get('token') ?? '';
    const altered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    const refused = await postJson(api('/v1/subscriptions/confirm'), { token: altered });
    expect(refused.status).toBe(404);
    expect(problemSchema.parse(refused.body).type).toBe('/problems/confirmation-link-invalid');

    const invalid = await postJson(api(`/v1/consultations/${wsis}/subscriptions`), {
      email: 'not-an-address',
      language: 'la',
      timezone: 'Mars/Olympus',
      extra: true,
    });
    expect(invalid.status).toBe(400);
    expect(
      problemSchema
        .parse(invalid.body)
        .errors?.map((error) => error.path)
        .sort(),
    ).toEqual(['body', 'body.email', 'body.language', 'body.timezone']);
    const unknown = await postJson(api('/v1/consultations/no-such-consultation/subscriptions'), {
      email: 'someone@example.org',
      language: 'en',
    });
    expect(unknown.status).toBe(404);
  });

  it('limits confirmation emails to one address to three a day, answering every request alike', async () => {
    const address = 'flood.target@example.org';
    for (let request = 0; request < 5; request += 1) expect((await subscribe(address)).status).toBe(202);
    expect(await emailsTo(runtime().endpoints.sesStore, address)).toHaveLength(3);
  });

  it('only the latest request’s link confirms', async () => {
    const address = 'two.requests@example.org';
    await subscribe(address);
    const first = (await confirmationLinkIn(address)).searchParams.get('token') ?? '';
    await subscribe(address, { language: 'es' });
    const second = (await confirmationLinkIn(address)).searchParams.get('token') ?? '';
    expect((await postJson(api('/v1/subscriptions/confirm'), { token: first })).status).toBe(404);
    expect((await postJson(api('/v1/subscriptions/confirm'), { token: second })).status).toBe(200);
  });
});
