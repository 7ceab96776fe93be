import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adminCommands, findCommand } from '../../cli/admin-commands.ts';
import { cursorOption } from '../../cli/long-running.ts';
import { localCredentials, localRegion } from '../../local/runtime.ts';
import { runAdminCli } from '../support/admin-cli-process.ts';
import { reminderFixtures } from '../support/reminder-fixtures.ts';
import { getJson, useLocalRuntime } from './local-runtime.ts';
import { bodyFor, createdFrom, send } from './submission-helpers.ts';

// The day before the submission deadline, the clock frozen. The Scheduler emulator's check delivers
// what is due at the frozen instant (an announcement's start); the calendar's transitions are later.
const runtime = useLocalRuntime({ clockAt: '2022-03-06T12:00:00Z' });
const commands = adminCommands();
// The audit route is `get-audit-trail` until part C of issue #7 replaces it with `get-audit` (pages
// with a cursor, CSV); the tests use whichever the manifest has, and check more of `get-audit`.
function requiredCommand(name: string) {
  const command = findCommand(commands, name);
  if (command === undefined) throw new Error(`No ${name} route in the manifest`);
  return command;
}
const auditCommand = requiredCommand('get-audit');
const secretariatArn = 'arn:aws:iam::000000000000:user/local-secretariat';
const consultation = ['--id', 'wsis-forum-2022'];
const scratch = await mkdtemp(join(tmpdir(), 'admin-cli-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** The CLI against the running local runtime, as `npm run admin -- <args> --local` would run it. */
function admin(args: readonly string[], options: { stdin?: string } = {}) {
  return runAdminCli([...args, '--local', '--endpoint', runtime().endpoints.api], options);
}

async function storedVersion(): Promise<number> {
  const { body } = await getJson(`${runtime().endpoints.api}/v1/consultations/wsis-forum-2022`);
  return (body as { version: number }).version;
}

describe('the admin routes the CLI calls', () => {
  it('refuses every one of them unsigned: 403 problem+json /problems/missing-authentication', async () => {
    expect(commands.length).toBeGreaterThanOrEqual(6);
    for (const command of commands) {
      const path = command.path.replace(/\{[^}]+\}/g, (name) =>
        name === '{id}' ? 'wsis-forum-2022' : name === '{call}' ? 'photo-contest' : '1',
      );
      const response = await fetch(`${runtime().endpoints.api}${path}`, {
        method: command.method,
        ...(command.takesBody
          ? { headers: { 'content-type': 'application/json' }, body: '{"reason":"unsigned"}' }
          : {}),
      });
      expect(response.status, command.name).toBe(403);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await response.json()).toMatchObject({ type: '/problems/missing-authentication' });
    }
    expect(await storedVersion()).toBe(1);
  });
});

describe('npm run admin against the local runtime', () => {
  it('reconciles the schedules, answering JSON with --json', async () => {
    const run = await admin(['reconcile-schedules', ...consultation, '--json']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toMatchObject({
      consultationId: 'wsis-forum-2022',
      groupName: 'consultation-local-wsis-forum-2022',
      created: [],
      deleted: [],
      unchanged: runtime().startupReconciliation[0]?.created.length,
    });
  });

  it('moves the photo contest deadline from 7 to 11 March, shown as a table', async () => {
    const run = await admin([
      'change-call-dates',
      ...consultation,
      '--call',
      'photo-contest',
      '--closes-at',
      '2022-03-11T13:00:00Z',
      '--reason',
      'Photo contest extended to 11 March',
      '--expected-version',
      '1',
    ]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const lines = run.stdout.split('\n');
    expect(lines).toContain('outcome                   changed');
    expect(lines).toContain('version                   2');
    const changes = lines.indexOf('changes (1)');
    expect(changes).toBeGreaterThan(0);
    expect(lines[changes + 1]).toMatch(/^field +from +to$/);
    expect(lines[changes + 2]).toMatch(
      /^calls\.photo-contest\.closesAt +2022-03-07T13:00:00\.000Z +2022-03-11T13:00:00\.000Z$/,
    );
    expect(run.stdout).toContain('wsis-forum-2022-call-photo-contest-close');
    expect(await storedVersion()).toBe(2);
  });

  it('grants an extension from dotted options, and reads a body from standard input', async () => {
    const byOptions = await admin([
      'grant-extension',
      ...consultation,
      '--call',
      'official-submission',
      '--grantee.kind',
      'email',
      '--grantee.email',
      'amina.diallo@example.org',
      '--until',
      '2022-03-10T13:00:00Z',
      '--reason',
      'Power cut in Dakar',
      '--json',
    ]);
    expect(byOptions).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(byOptions.stdout)).toEqual({
      consultationId: 'wsis-forum-2022',
      extension: {
        call: 'official-submission',
        grantee: { kind: 'email', email: 'amina.diallo@example.org' },
        until: '2022-03-10T13:00:00.000Z',
        reason: 'Power cut in Dakar',
        grantedAt: '2022-03-06T12:00:00.000Z',
        grantedBy: secretariatArn,
      },
    });

    const fromStdin = await admin(
      ['grant-extension', ...consultation, '--call', 'workshop-request', '--body', '-'],
      {
        stdin: JSON.stringify({
          grantee: { kind: 'organization', organization: 'Ministry of Digital Economy' },
          until: '2022-03-12T13:00:00Z',
          reason: 'Translation under way',
        }),
      },
    );
    expect(fromStdin).toMatchObject({ code: 0, stderr: '' });
    expect(fromStdin.stdout).toMatch(/^extension\.grantee\.organization +Ministry of Digital Economy$/m);
  });

  it('shows the audit trail as a table of entries, and as JSON', async () => {
    const table = await admin([auditCommand.name, ...consultation]);
    expect(table).toMatchObject({ code: 0, stderr: '' });
    const lines = table.stdout.split('\n');
    const heading = lines.findIndex((line) => /^entries \(\d+\)$/.test(line));
    expect(lines[heading + 1]).toMatch(/\bkind\b.*\bat\b|\bat\b.*\bkind\b/);
    expect(lines.filter((line) => / calendar-changed /.test(` ${line} `))).toEqual([
      expect.stringContaining('Photo contest extended to 11 March'),
    ]);
    expect(lines.filter((line) => / extension-granted /.test(` ${line} `))).toHaveLength(2);

    const json = await admin([auditCommand.name, ...consultation, '--json']);
    const trail = JSON.parse(json.stdout) as { entries: { kind: string; actor?: string }[] };
    const adminEntries = trail.entries.filter((entry) =>
      ['calendar-changed', 'extension-granted'].includes(entry.kind),
    );
    expect(adminEntries.map((entry) => [entry.kind, entry.actor])).toEqual([
      ['calendar-changed', secretariatArn],
      ['extension-granted', secretariatArn],
      ['extension-granted', secretariatArn],
    ]);
  });

  it('follows the cursor through every page with --all, and answers the same entries as one page', async () => {
    const limit = auditCommand.options.some((option) => option.flag === 'limit') ? ['--limit', '3'] : [];
    const all = await admin([auditCommand.name, ...consultation, ...limit, '--all', '--json']);
    expect(cursorOption(auditCommand)).toBeDefined();
    const onePage = JSON.parse((await admin([auditCommand.name, ...consultation, '--json'])).stdout) as {
      entries: unknown[];
    };
    expect(all.code).toBe(0);
    const joined = JSON.parse(all.stdout) as { entries: unknown[]; nextCursor?: unknown };
    expect(joined.entries).toEqual(onePage.entries);
    expect(joined).not.toHaveProperty('nextCursor');
    // Off a terminal the progress is one line, at the end.
    expect(all.stderr).toBe(
      `${auditCommand.name}: ${onePage.entries.length} items in ${Math.ceil(onePage.entries.length / 3)} pages\n`,
    );
  });

  it('saves the audit trail to a file with --out, and its CSV export where the route has one', async () => {
    const trail = JSON.parse((await admin([auditCommand.name, ...consultation, '--json'])).stdout) as {
      entries: unknown[];
    };
    const file = join(scratch, 'audit.json');
    const saved = await admin([auditCommand.name, ...consultation, '--out', file]);
    expect(saved.code).toBe(0);
    expect(saved.stdout).toBe('');
    // Off a terminal: no bar, one line saying what was written.
    expect(saved.stderr).toMatch(
      new RegExp(`^${auditCommand.name}: \\d+(\\.\\d)? (B|KiB) written to .*audit\\.json\n$`),
    );
    expect((JSON.parse(await readFile(file, 'utf8')) as { entries: unknown[] }).entries).toEqual(
      trail.entries,
    );

    const csvFormat = auditCommand.options.find((option) => option.flag === 'format');
    expect(csvFormat?.enumValues).toContain('csv');
    const csvFile = join(scratch, 'audit.csv');
    const csv = await admin([auditCommand.name, ...consultation, '--format', 'csv', '--out', csvFile]);
    expect(csv.code).toBe(0);
    expect(csv.stderr).toMatch(new RegExp(`, ${trail.entries.length} rows written to .*audit\\.csv\n$`));
    const bytes = await readFile(csvFile);
    // Byte for byte as the API sent it: the BOM that makes Excel read UTF-8 is kept.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('gives a reminder wave’s figures', async () => {
    const run = await admin([
      'get-wave-figures',
      ...consultation,
      '--wave-id',
      'deadline-20220307T1300Z-P7D',
    ]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^waveId +deadline-20220307T1300Z-P7D$/m);
    expect(run.stdout).toMatch(/^inProgress +0$/m);
  });

  it('signs with the standard AWS credential chain when not --local (here, the environment)', async () => {
    const env = {
      AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
      AWS_REGION: localRegion,
      CONSULTATION_API_URL: runtime().endpoints.api,
    };
    const run = await runAdminCli(
      ['get-wave-figures', ...consultation, '--wave-id', 'meeting-phase-4-P1D', '--json'],
      {
        env,
      },
    );
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toMatchObject({ waveId: 'meeting-phase-4-P1D', recipients: 0 });

    const wrongSecret = await runAdminCli(['reconcile-schedules', ...consultation], {
      env: { ...env, AWS_SECRET_ACCESS_KEY: 'not-the-secret' },
    });
    expect(wrongSecret.code).toBe(1);
    expect(wrongSecret.stderr).toMatch(/^error: 403 .*\(\/problems\/invalid-signature\)/);
  });
});

describe('announcements (part C of issue #7) with --wait', () => {
  requiredCommand('create-announcement');

  it('sends one and follows its delivery to the end', async () => {
    const text = [
      '--subject.en',
      'Photo contest extended',
      '--text.en',
      'The photo contest now closes on 11 March.',
    ];
    const readers = ['en', 'fr', 'es'] as const;
    await reminderFixtures(runtime()).confirmSubscribers(
      'wsis-forum-2022',
      readers.map((language) => ({ email: `reader.${language}@example.org`, language })),
    );
    const run = await admin([
      'create-announcement',
      ...consultation,
      ...text,
      '--reason',
      'Extension',
      '--wait',
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^Idempotency-Key [0-9a-f-]{36}: give --idempotency-key /);
    expect(run.stderr).toMatch(/delivery: delivered to 3 of 3 recipients\n$/);
    expect(JSON.parse(run.stdout)).toMatchObject({
      state: 'sent',
      subject: { en: 'Photo contest extended' },
      figures: { recipients: 3, sent: 3, inProgress: 0 },
    });
  });
});

describe('the Secretariat’s listing (part A of issue #7): pages, export, statistics', () => {
  it('lists every page with --all, exports CSV to a file and counts', async () => {
    requiredCommand('admin-list-submissions');
    const references: string[] = [];
    for (const [index, country] of ['SN', 'BR', 'JP'].entries()) {
      const reply = await send(`${runtime().endpoints.api}/v1/consultations/wsis-forum-2022/submissions`, {
        method: 'POST',
        headers: { 'idempotency-key': `admin-cli-listing-${index}` },
        body: bodyFor(`listing.${index}@example.org`, {
          submitter: {
            ...(bodyFor('x@example.org').submitter as object),
            email: `listing.${index}@example.org`,
            country,
          },
        }),
      });
      references.push(createdFrom(reply).reference);
    }

    const all = await admin(['list-submissions', ...consultation, '--limit', '2', '--all', '--json']);
    expect(all.code).toBe(0);
    const listed = JSON.parse(all.stdout) as { items: { reference: string }[] };
    const onePage = JSON.parse((await admin(['list-submissions', ...consultation, '--json'])).stdout) as {
      items: { reference: string }[];
    };
    // Every page joined, in the route's order (newest first; the frozen clock makes them tie, by id).
    expect(listed.items).toEqual(onePage.items);
    expect(listed.items.map((item) => item.reference).sort()).toEqual([...references].sort());
    expect(all.stderr).toBe('list-submissions: 3 items in 2 pages\n');

    const africa = await admin(['list-submissions', ...consultation, '--region', 'africa']);
    expect(africa.code).toBe(0);
    expect(africa.stdout).toContain(references[0]);
    expect(africa.stdout).not.toContain(references[1]);

    const file = join(scratch, 'submissions.csv');
    const exported = await admin(['export-submissions', ...consultation, '--format', 'csv', '--out', file]);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toMatch(/^export-submissions: .*, 3 rows written to .*submissions\.csv\n$/);
    const csv = await readFile(file);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // No personal data unless asked for.
    expect(csv.toString('utf8')).not.toContain('listing.0@example.org');

    const stats = await admin(['get-stats', ...consultation]);
    expect(stats.code).toBe(0);
    expect(stats.stdout).toMatch(/^submitted\.total +3$/m);
  });
});

describe('personal data (part D of issue #7): export, then erase only when confirmed', () => {
  const amina = 'amina.diallo@example.org';

  it('exports what is held about an address, erases it with --yes, then holds nothing', async () => {
    requiredCommand('erase-person');
    // The extension granted above is held under her address.
    const before = await admin(['export-person', '--email', amina, '--json']);
    expect(before.code).toBe(0);
    expect((JSON.parse(before.stdout) as { extensions: unknown[] }).extensions).toHaveLength(1);

    // Off a terminal (as here), an erasure needs --yes; without it nothing is sent.
    const unconfirmed = await admin(['erase-person', '--email', amina]);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('erase-person destroys data for good: confirm with --yes.');
    expect(
      (
        JSON.parse((await admin(['export-person', '--email', amina, '--json'])).stdout) as {
          extensions: unknown[];
        }
      ).extensions,
    ).toHaveLength(1);

    const erased = await admin([
      'erase-person',
      '--email',
      amina,
      '--reason',
      'Request DP-2022-001',
      '--yes',
      '--json',
    ]);
    expect(erased.code).toBe(0);
    expect(JSON.parse(erased.stdout)).toHaveProperty('addressKey');
    expect(erased.stdout).not.toContain(amina);

    const after = await admin(['export-person', '--email', amina, '--json']);
    expect((JSON.parse(after.stdout) as { extensions: unknown[] }).extensions).toEqual([]);
  });
});

describe('when it cannot or will not send', () => {
  it('prints the API’s problem on stderr with exit code 1, and changes nothing', async () => {
    const version = await storedVersion();
    const run = await admin([
      'change-call-dates',
      ...consultation,
      '--call',
      'photo-contest',
      '--closes-at',
      '2022-03-01T13:00:00Z',
      '--reason',
      'A date in the past',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: 422 .+ \(\/problems\/calendar-rule\)\n/);
    expect(run.stderr).toMatch(/^ {2}body\.closesAt: The new closesAt must be in the future/m);
    expect(await storedVersion()).toBe(version);
  });

  it('refuses a usage error with exit code 2 before sending anything', async () => {
    const version = await storedVersion();
    const run = await admin([
      'change-call-dates',
      ...consultation,
      '--call',
      'photo-contest',
      '--closes-at',
      '11 March',
      '--reason',
      'Typo',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error: --closes-at: Invalid ISO datetime');
    expect(await storedVersion()).toBe(version);
  });

  it('says so with exit code 3 when no local runtime answers', async () => {
    const closedPort = await freePort();
    const run = await runAdminCli([
      'reconcile-schedules',
      ...consultation,
      '--local',
      '--endpoint',
      `http://127.0.0.1:${closedPort}`,
    ]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(
      `No local runtime answered at http://127.0.0.1:${closedPort}/_local/endpoints`,
    );
    expect(run.stderr).toContain('Is `npm start` running on that port?');
  });
});

/** A loopback port nothing listens on: taken from the system, then released. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null ? resolve(address.port) : reject(),
      );
    });
  });
}
