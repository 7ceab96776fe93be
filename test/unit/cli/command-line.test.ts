import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { adminCommands } from '../../../cli/admin-commands.ts';
import {
  type CommandLineSources,
  type CommandRequest,
  parseCommandLine,
  requestPath,
  UsageError,
} from '../../../cli/command-line.ts';
import type { RouteContract } from '../../../shared/contracts/route-contract.ts';

const commands = adminCommands();
const noInput: CommandLineSources = {
  readText: async () => {
    throw new Error('nothing to read');
  },
};

async function run(argv: string[], sources: CommandLineSources = noInput): Promise<CommandRequest> {
  const parsed = await parseCommandLine(argv, commands, sources);
  if (parsed.kind !== 'run') throw new Error(`expected a request, got ${parsed.kind}`);
  return parsed.request;
}

async function usageError(argv: string[], sources: CommandLineSources = noInput): Promise<UsageError> {
  const error = await parseCommandLine(argv, commands, sources).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(UsageError);
  return error as UsageError;
}

const photoContest = ['--id', 'wsis-forum-2022', '--call', 'photo-contest'];

describe('a command line becomes a request', () => {
  it('puts path options in the path and body options, typed, in the body', async () => {
    const request = await run([
      'change-call-dates',
      ...photoContest,
      '--closes-at',
      '2022-03-11T13:00:00Z',
      '--reason',
      'Photo contest extended',
      '--expected-version',
      '1',
      '--json',
    ]);
    expect(request.command.name).toBe('change-call-dates');
    expect(request.global).toMatchObject({ json: true, local: false, all: false, wait: false });
    expect(request.pathParams).toEqual({ id: 'wsis-forum-2022', call: 'photo-contest' });
    expect(request.body).toEqual({
      closesAt: '2022-03-11T13:00:00Z',
      reason: 'Photo contest extended',
      expectedVersion: 1,
    });
    expect(requestPath(request)).toBe('/v1/admin/consultations/wsis-forum-2022/calls/photo-contest');
  });

  it('builds a nested body from dotted options, and merges them over a JSON body', async () => {
    const request = await run(
      [
        'grant-extension',
        '--id',
        'wsis-forum-2022',
        '--call',
        'official-submission',
        '--body-file',
        'grant.json',
        '--grantee.email',
        'amina.diallo@example.org',
      ],
      {
        readText: async (source) => {
          expect(source).toEqual({ file: 'grant.json' });
          return JSON.stringify({
            grantee: { kind: 'email', email: 'someone@example.org' },
            until: '2022-03-10T13:00:00Z',
            reason: 'Power cut',
          });
        },
      },
    );
    expect(request.body).toEqual({
      grantee: { kind: 'email', email: 'amina.diallo@example.org' },
      until: '2022-03-10T13:00:00Z',
      reason: 'Power cut',
    });
  });

  it('reads the body from standard input with --body -', async () => {
    const request = await run(['change-call-dates', ...photoContest, '--body', '-'], {
      readText: async (source) => {
        expect(source).toEqual({ stdin: true });
        return '{"closesAt":"2022-03-11T13:00:00Z","reason":"From a script"}';
      },
    });
    expect(request.body).toEqual({ closesAt: '2022-03-11T13:00:00Z', reason: 'From a script' });
  });

  it('sends no body to a route that reads none, and reads the global options', async () => {
    const request = await run([
      'reconcile-schedules',
      '--id',
      'wsis-forum-2022',
      '--endpoint',
      'https://api.example.org/prod',
      '--aws-region',
      'eu-central-2',
      '--profile',
      'secretariat',
    ]);
    expect(request.body).toBeUndefined();
    expect(request.global).toMatchObject({
      endpoint: 'https://api.example.org/prod',
      awsRegion: 'eu-central-2',
      profile: 'secretariat',
    });
  });

  it('answers help for the program and for each command, without anything else required', async () => {
    expect(await parseCommandLine([], commands, noInput)).toEqual({ kind: 'program-help' });
    expect(await parseCommandLine(['--help'], commands, noInput)).toEqual({ kind: 'program-help' });
    for (const command of commands) {
      expect(await parseCommandLine([command.name, '--help'], commands, noInput)).toEqual({
        kind: 'command-help',
        command,
      });
    }
    expect(await parseCommandLine(['help', 'grant-extension'], commands, noInput)).toMatchObject({
      kind: 'command-help',
      command: { name: 'grant-extension' },
    });
  });
});

describe('usage errors, found before anything is sent', () => {
  it('names every missing or invalid option at once, by its flag', async () => {
    const error = await usageError([
      'change-call-dates',
      '--id',
      'wsis-forum-2022',
      '--call',
      'photo',
      '--closes-at',
      '2022-03-11',
      '--expected-version',
      'one',
    ]);
    const lines = error.message.split('\n');
    expect(lines[0]).toBe('Missing required option --reason.');
    expect(lines.slice(1).map((line) => line.split(':')[0])).toEqual([
      '--call',
      '--closes-at',
      '--expected-version',
    ]);
    expect(error.command?.name).toBe('change-call-dates');
  });

  it('refuses an unknown command, an unknown option, a positional argument and a bad JSON body', async () => {
    expect((await usageError(['change-calls-dates'])).message).toMatch(
      /Unknown command "change-calls-dates"/,
    );
    expect((await usageError(['grant'])).message).toMatch(/Did you mean grant-extension\?/);
    expect((await usageError(['change-call-dates', ...photoContest, '--deadline', 'x'])).message).toMatch(
      /Unknown option '--deadline'/,
    );
    expect((await usageError(['change-call-dates', 'photo-contest'])).message).toMatch(/positional/);
    expect(
      (await usageError(['change-call-dates', ...photoContest, '--body', '{"reason":'])).message,
    ).toMatch(/--body is not JSON/);
    expect((await usageError(['reconcile-schedules', '--id', 'x', '--body', '{}'])).message).toBe(
      'reconcile-schedules takes no body.',
    );
    expect((await usageError(['--json'])).message).toMatch(/Give the command first/);
  });

  it('applies the contract’s own rules, e.g. a date change needs a date', async () => {
    const error = await usageError(['change-call-dates', ...photoContest, '--reason', 'Nothing to change']);
    expect(error.message).toBe('--closes-at: Give opensAt, closesAt, or both');
    const unknownField = await usageError([
      'change-call-dates',
      ...photoContest,
      '--body',
      '{"deadline":"x"}',
    ]);
    expect(unknownField.message).toContain('body: unknown field deadline');
  });
});

describe('query and headers', () => {
  const contract: RouteContract = {
    summary: 'Export',
    tags: ['admin'],
    params: z.strictObject({ id: z.string() }),
    query: z.strictObject({
      format: z.enum(['csv', 'json']),
      personalData: z.enum(['true', 'false']).optional(),
      sdg: z.string().optional(),
    }),
    headers: z.object({ 'idempotency-key': z.uuid() }),
    responses: {},
    problems: [],
  };
  const exportCommands = adminCommands(
    [
      {
        name: 'admin-export-submissions',
        description: 'd',
        trigger: {
          kind: 'http',
          method: 'GET',
          path: '/v1/admin/consultations/{id}/submissions/export',
          authorization: 'iam',
        },
      },
    ],
    { 'admin-export-submissions': contract },
  );

  it('sends query options as text in the query string, and makes an idempotency key when none is given', async () => {
    const parsed = await parseCommandLine(
      ['export-submissions', '--id', 'wsis forum', '--format', 'csv', '--personal-data', '--sdg', '4'],
      exportCommands,
      noInput,
    );
    if (parsed.kind !== 'run') throw new Error('expected a request');
    expect(parsed.request.query).toEqual({ format: 'csv', personalData: 'true', sdg: '4' });
    expect(requestPath(parsed.request)).toBe(
      '/v1/admin/consultations/wsis%20forum/submissions/export?format=csv&personalData=true&sdg=4',
    );
    expect(parsed.request.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(parsed.request.generatedIdempotencyKey).toBe(parsed.request.headers['idempotency-key']);
    const keyOption = exportCommands[0]?.options.find((option) => option.flag === 'idempotency-key');
    expect(keyOption).toMatchObject({ part: 'header', required: false });

    const given = await parseCommandLine(
      [
        'export-submissions',
        '--id',
        'x',
        '--format',
        'csv',
        '--idempotency-key',
        '0c5ef5a4-1f5b-4f55-9d56-0d7f4c1e7a11',
      ],
      exportCommands,
      noInput,
    );
    if (given.kind !== 'run') throw new Error('expected a request');
    expect(given.request.headers).toEqual({ 'idempotency-key': '0c5ef5a4-1f5b-4f55-9d56-0d7f4c1e7a11' });
    expect(given.request.generatedIdempotencyKey).toBeUndefined();
  });

  it('makes a true/false query switch a flag, --no- sending false', async () => {
    const switchOption = exportCommands[0]?.options.find((option) => option.flag === 'personal-data');
    expect(switchOption).toMatchObject({ type: 'boolean', part: 'query' });
    const parsed = await parseCommandLine(
      ['export-submissions', '--id', 'x', '--format', 'json', '--no-personal-data'],
      exportCommands,
      noInput,
    );
    if (parsed.kind !== 'run') throw new Error('expected a request');
    expect(parsed.request.query).toEqual({ format: 'json', personalData: 'false' });
  });
});
