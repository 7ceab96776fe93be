import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type CliIo, runAdminCli as runInProcess } from '../../../cli/admin-cli.ts';
import { adminCommands } from '../../../cli/admin-commands.ts';
import { runAdminCli } from '../../support/admin-cli-process.ts';

// Nothing listens on the discard port of loopback: a command that tried to reach it would fail.
const noServer = { CONSULTATION_API_URL: 'http://127.0.0.1:9' };

function capture(): Writable & { text(): string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  return Object.assign(stream, { text: () => chunks.join('') });
}

function offlineIo() {
  const stdout = capture();
  const stderr = capture();
  const io: CliIo = {
    stdout,
    stderr,
    env: noServer,
    fetch: async () => {
      throw new Error('--help and usage errors must not reach the network');
    },
    readText: async () => {
      throw new Error('nothing to read');
    },
  };
  return { io, stdout, stderr };
}

describe('the admin CLI with no server and no credentials', () => {
  it('runs on the pinned Node 24, the one `npm run admin` uses', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24);
  });

  it('prints the program’s help, listing every admin command, as a child process', async () => {
    const run = await runAdminCli(['--help'], { env: noServer });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^Usage: npm run admin -- <command> \[options\]/);
    for (const command of adminCommands()) {
      expect(run.stdout).toMatch(new RegExp(`^  ${command.name} +${regexEscape(command.summary)}$`, 'm'));
    }
    expect(run.stdout).toContain('--local');
    expect(run.stdout).toContain('Exit codes:');
  });

  it('prints a command’s help with its route, description and options, as a child process', async () => {
    const run = await runAdminCli(['change-call-dates', '--help'], { env: noServer });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain(
      'Usage: npm run admin -- change-call-dates --id <text> --call <call> --reason <text> [options]',
    );
    expect(run.stdout).toContain('PATCH /v1/admin/consultations/{id}/calls/{call}');
    expect(run.stdout).toContain('Moves a call’s opening and/or deadline');
    expect(run.stdout).toMatch(/--closes-at <instant> +Instant in UTC/);
    expect(run.stdout).toMatch(/--expected-version <integer>/);
  });

  it('has help for every command, in process, without touching the network', async () => {
    for (const command of adminCommands()) {
      const { io, stdout, stderr } = offlineIo();
      expect(await runInProcess([command.name, '--help'], io)).toBe(0);
      expect(stdout.text()).toContain(`${command.method} ${command.path}`);
      for (const option of command.options) {
        // `--closes-at <instant>`, or a flag: `--personal-data, --no-personal-data`.
        expect(stdout.text()).toMatch(new RegExp(`--${regexEscape(option.flag)}[ ,]`));
      }
      expect(stderr.text()).toBe('');
    }
  });

  it('reports a usage error on stderr with exit code 2, as a child process', async () => {
    const run = await runAdminCli(
      ['change-call-dates', '--id', 'wsis-forum-2022', '--call', 'photo-contest'],
      {
        env: noServer,
      },
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      [
        'error: Missing required option --reason.',
        'Run `npm run admin -- change-call-dates --help` for usage.',
        '',
      ].join('\n'),
    );
  });

  it('refuses --all on a route without pages and --wait on one that starts no delivery', async () => {
    const all = offlineIo();
    expect(
      await runInProcess(
        [
          'change-call-dates',
          '--id',
          'wsis-forum-2022',
          '--call',
          'photo-contest',
          '--closes-at',
          '2022-03-11T13:00:00Z',
          '--reason',
          'r',
          '--all',
        ],
        all.io,
      ),
    ).toBe(2);
    expect(all.stderr.text()).toContain(
      '--all follows a cursor from page to page; change-call-dates has no pages.',
    );
    const wait = offlineIo();
    expect(await runInProcess(['reconcile-schedules', '--id', 'wsis-forum-2022', '--wait'], wait.io)).toBe(2);
    expect(wait.stderr.text()).toContain(
      "--wait follows an announcement's delivery; reconcile-schedules starts none.",
    );
  });

  it('asks where the API is when neither --endpoint, CONSULTATION_API_URL nor --local says', async () => {
    const { io, stderr } = offlineIo();
    expect(await runInProcess(['reconcile-schedules', '--id', 'wsis-forum-2022'], { ...io, env: {} })).toBe(
      2,
    );
    expect(stderr.text()).toContain('Say where the API is');
    const deployed = offlineIo();
    expect(
      await runInProcess(
        ['reconcile-schedules', '--id', 'wsis-forum-2022', '--endpoint', 'https://api.example.org'],
        {
          ...deployed.io,
          env: {},
        },
      ),
    ).toBe(2);
    expect(deployed.stderr.text()).toContain('Say which AWS region signs the requests');
  });
});

function regexEscape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
