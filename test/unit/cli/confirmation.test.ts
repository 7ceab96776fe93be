import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { type CliIo, runAdminCli } from '../../../cli/admin-cli.ts';
import { adminCommands } from '../../../cli/admin-commands.ts';
import { commandHelp } from '../../../cli/help-text.ts';
import type { RouteContract } from '../../../shared/contracts/route-contract.ts';

// A route that destroys data, as part D of issue #7 adds one (`erase-person`).
const erasure: RouteContract = {
  summary: 'Erase a person',
  tags: ['admin'],
  body: z.strictObject({ email: z.email(), reason: z.string().optional() }),
  responses: {},
  problems: [],
};
const commands = adminCommands(
  [
    {
      name: 'erase-person',
      description: 'd',
      trigger: { kind: 'http', method: 'POST', path: '/v1/admin/people/erase', authorization: 'iam' },
    },
  ],
  { 'erase-person': erasure },
);
const eraseAmina = ['erase-person', '--email', 'amina.diallo@example.org', '--local'];

function harness(confirm?: (question: string) => Promise<boolean>) {
  let stderr = '';
  const reached: string[] = [];
  const io: CliIo = {
    commands,
    stdout: new Writable({ write: (_chunk, _encoding, callback) => callback() }),
    stderr: new Writable({
      write(chunk: Buffer, _encoding, callback) {
        stderr += chunk.toString('utf8');
        callback();
      },
    }),
    env: { PORT: '9' },
    // The first request a confirmed command makes is for the local endpoints: recorded, then refused.
    fetch: async (url) => {
      reached.push(String(url));
      throw new Error('no server in a unit test');
    },
    readText: async () => '',
    ...(confirm === undefined ? {} : { confirm }),
  };
  return { io, reached, stderr: () => stderr };
}

describe('a command that destroys data is sent only once confirmed', () => {
  it('refuses off a terminal without --yes, and sends nothing', async () => {
    const { io, reached, stderr } = harness();
    expect(await runAdminCli(eraseAmina, io)).toBe(2);
    expect(stderr()).toContain('error: erase-person destroys data for good: confirm with --yes.');
    expect(reached).toEqual([]);
  });

  it('asks at a terminal, naming what it erases, and sends nothing when the answer is no', async () => {
    const questions: string[] = [];
    const { io, reached, stderr } = harness(async (question) => {
      questions.push(question);
      return false;
    });
    expect(await runAdminCli(eraseAmina, io)).toBe(2);
    expect(questions).toEqual([
      'Erase a person (amina.diallo@example.org): this cannot be undone. Go on? [y/N] ',
    ]);
    expect(stderr()).toContain('Not confirmed; nothing was sent.');
    expect(reached).toEqual([]);
  });

  it('goes on when the answer is yes, or with --yes without asking', async () => {
    const confirmed = harness(async () => true);
    expect(await runAdminCli(eraseAmina, confirmed.io)).toBe(3);
    expect(confirmed.reached).toEqual(['http://127.0.0.1:9/_local/endpoints']);

    const asked: string[] = [];
    const withYes = harness(async (question) => {
      asked.push(question);
      return false;
    });
    expect(await runAdminCli([...eraseAmina, '--yes'], withYes.io)).toBe(3);
    expect(asked).toEqual([]);
    expect(withYes.reached).toHaveLength(1);
  });

  it('says so in its help', () => {
    const [command] = commands;
    if (command === undefined) throw new Error('no command');
    expect(commandHelp(command, commands)).toMatch(/--yes, -y +Go on without asking/);
  });
});
