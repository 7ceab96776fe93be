import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer } from '../../local/api-gateway/api-server.ts';
import { startSesLocal } from '../../local/ses-local.ts';
import { createSesMailer } from '../../shared/adapters/ses/ses-mailer.ts';

interface StoredEmail {
  from: string;
  destination: { to: string[] };
  replyTo: string[];
  subject: string;
  body: { text: string; html: string };
  headers?: { name: string; value: string }[];
  attachments: { filename: string; contentType: string; content: string }[];
}

describe('SES mailer against aws-ses-v2-local', () => {
  let server: Server;
  let endpoint: string;
  let client: SESv2Client;

  beforeAll(async () => {
    server = await startSesLocal({ host: '127.0.0.1', port: 0 });
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = new SESv2Client({
      endpoint,
      region: 'eu-central-2',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    });
  });
  afterAll(async () => {
    client?.destroy();
    if (server) await closeServer(server);
  });

  it('sends HTML and text, Reply-To, custom headers and an attachment', async () => {
    const mailer = createSesMailer(client, { from: 'WSIS Secretariat <no-reply@consultations.localhost>' });
    const { messageId } = await mailer.send({
      to: ['amina.diallo@example.org'],
      replyTo: ['wsis-info@itu.int'],
      subject: 'Réception de votre contribution',
      html: '<p dir="ltr">Merci &amp; à bientôt</p>',
      text: 'Merci & à bientôt',
      headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      attachments: [
        {
          fileName: 'meeting.ics',
          contentType: 'text/calendar',
          content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
        },
      ],
    });
    expect(messageId).not.toBe('');

    const store = (await (await fetch(`${endpoint}/store`)).json()) as { emails: StoredEmail[] };
    const email = store.emails.at(-1);
    expect(email).toMatchObject({
      from: 'WSIS Secretariat <no-reply@consultations.localhost>',
      destination: { to: ['amina.diallo@example.org'] },
      replyTo: ['wsis-info@itu.int'],
      subject: 'Réception de votre contribution',
      body: { text: 'Merci & à bientôt', html: '<p dir="ltr">Merci &amp; à bientôt</p>' },
    });
    expect(email?.headers).toContainEqual({
      name: 'List-Unsubscribe-Post',
      value: 'List-Unsubscribe=One-Click',
    });
    expect(email?.attachments.map((attachment) => attachment.filename)).toEqual(['meeting.ics']);
  });

  it("uses the configured reply-to when the email names none, and the email's own otherwise", async () => {
    const mailer = createSesMailer(client, {
      from: 'WSIS Secretariat <no-reply@consultations.localhost>',
      replyTo: 'wsis-info@itu.int',
    });
    const base = {
      to: ['amina.diallo@example.org'],
      subject: 'Rappel',
      html: '<p>Rappel</p>',
      text: 'Rappel',
    };
    await mailer.send(base);
    await mailer.send({ ...base, replyTo: ['photo-contest@itu.int'] });
    const store = (await (await fetch(`${endpoint}/store`)).json()) as { emails: StoredEmail[] };
    expect(store.emails.slice(-2).map((email) => email.replyTo)).toEqual([
      ['wsis-info@itu.int'],
      ['photo-contest@itu.int'],
    ]);
  });
});
