import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { adminCommands, commandNameOf, findCommand } from '../../../cli/admin-commands.ts';
import { flagOf, kebabCase, optionsOf } from '../../../cli/command-options.ts';
import { httpFunctions } from '../../../functions/manifest.ts';
import type { RouteContract } from '../../../shared/contracts/route-contract.ts';

describe('commands from the manifest and the route contracts', () => {
  it('has one command per IAM route of the manifest, and none for public routes', () => {
    const commands = adminCommands();
    const iamRoutes = httpFunctions.filter((fn) => fn.trigger.authorization === 'iam').map((fn) => fn.name);
    expect(commands.map((command) => command.functionName).sort()).toEqual([...iamRoutes].sort());
    expect(commands.map((command) => command.name)).toEqual(
      expect.arrayContaining([
        'change-call-dates',
        'change-phase-dates',
        'grant-extension',
        'reconcile-schedules',
        'get-wave-figures',
      ]),
    );
    expect(findCommand(commands, 'create-submission')).toBeUndefined();
  });

  it('names a command after its function without the word admin, and finds it by either name', () => {
    expect(commandNameOf('admin-list-submissions')).toBe('list-submissions');
    expect(commandNameOf('get-admin-stats')).toBe('get-stats');
    expect(commandNameOf('grant-extension')).toBe('grant-extension');
    const contract: RouteContract = { summary: 'List', tags: ['admin'], responses: {}, problems: [] };
    const trigger = { kind: 'http', method: 'GET', authorization: 'iam' } as const;
    const commands = adminCommands(
      [
        { name: 'admin-list-submissions', description: 'd', trigger: { ...trigger, path: '/v1/admin/a' } },
        { name: 'list-submissions', description: 'd', trigger: { ...trigger, path: '/v1/admin/b' } },
        { name: 'get-admin-stats', description: 'd', trigger: { ...trigger, path: '/v1/admin/c' } },
      ],
      { 'admin-list-submissions': contract, 'list-submissions': contract, 'get-admin-stats': contract },
    );
    // Two functions that would share a name keep their own.
    expect(commands.map((command) => command.name)).toEqual([
      'admin-list-submissions',
      'get-stats',
      'list-submissions',
    ]);
    expect(findCommand(commands, 'get-admin-stats')?.name).toBe('get-stats');
  });

  it('skips an IAM route whose contract is not there yet', () => {
    const commands = adminCommands(
      [
        {
          name: 'create-announcement',
          description: 'd',
          trigger: { kind: 'http', method: 'POST', path: '/v1/admin/x', authorization: 'iam' },
        },
      ],
      {},
    );
    expect(commands).toEqual([]);
  });

  it('derives change-call-dates’ options from its path parameters and body', () => {
    const command = findCommand(adminCommands(), 'change-call-dates');
    expect(command?.method).toBe('PATCH');
    expect(command?.path).toBe('/v1/admin/consultations/{id}/calls/{call}');
    expect(
      command?.options.map((option) => [option.flag, option.part, option.type, option.required]),
    ).toEqual([
      ['id', 'path', 'string', true],
      ['call', 'path', 'string', true],
      ['opens-at', 'body', 'string', false],
      ['closes-at', 'body', 'string', false],
      ['reason', 'body', 'string', true],
      ['expected-version', 'body', 'integer', false],
    ]);
    const call = command?.options.find((option) => option.flag === 'call');
    expect(call?.enumValues).toContain('photo-contest');
    const closesAt = command?.options.find((option) => option.flag === 'closes-at');
    expect(closesAt).toMatchObject({ format: 'date-time', description: expect.stringContaining('UTC') });
  });
});

describe('options from a zod schema', () => {
  it('kebab-cases names and dots nested fields; a union of objects offers every variant’s fields', () => {
    const schema = z.strictObject({
      waveId: z.string().meta({ description: 'The wave' }),
      grantee: z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('email'), email: z.email() }),
        z.strictObject({ kind: z.literal('organization'), organization: z.string() }),
      ]),
      actionLines: z.array(z.enum(['C1', 'C2'])).optional(),
      sdgs: z.array(z.int().min(1).max(17)).optional(),
      publish: z.boolean().optional(),
      tags: z.record(z.string(), z.string()).optional(),
    });
    const options = optionsOf(schema, 'body');
    expect(options.map((option) => option.flag)).toEqual([
      'wave-id',
      'grantee',
      'grantee.kind',
      'grantee.email',
      'grantee.organization',
      'action-lines',
      'sdgs',
      'publish',
      'tags',
    ]);
    const byFlag = new Map(options.map((option) => [option.flag, option]));
    expect(byFlag.get('wave-id')).toMatchObject({
      required: true,
      description: 'The wave',
      path: ['waveId'],
    });
    expect(byFlag.get('grantee')).toMatchObject({ type: 'json', required: true });
    expect(byFlag.get('grantee.kind')).toMatchObject({
      path: ['grantee', 'kind'],
      enumValues: ['email', 'organization'],
      required: true,
    });
    // Required in one variant only.
    expect(byFlag.get('grantee.email')?.required).toBe(false);
    expect(byFlag.get('action-lines')).toMatchObject({
      multiple: true,
      enumValues: ['C1', 'C2'],
      required: false,
    });
    expect(byFlag.get('sdgs')).toMatchObject({ multiple: true, type: 'integer' });
    expect(byFlag.get('publish')).toMatchObject({ type: 'boolean', multiple: false });
    expect(byFlag.get('tags')).toMatchObject({ type: 'json' });
  });

  it('follows schemas moved into $defs by .meta({ id })', () => {
    const instant = z.iso.datetime().meta({ id: 'Instant', description: 'An instant' });
    const options = optionsOf(z.strictObject({ at: instant }).meta({ id: 'Body' }), 'body');
    expect(options).toEqual([
      expect.objectContaining({ flag: 'at', format: 'date-time', description: 'An instant', required: true }),
    ]);
  });

  it('keeps header names, and has no options for a missing part', () => {
    expect(flagOf(['idempotency-key'], 'header')).toBe('idempotency-key');
    expect(kebabCase('personalData')).toBe('personal-data');
    expect(optionsOf(undefined, 'query')).toEqual([]);
  });

  it('prefixes a field named like one of the CLI’s own options with its part', () => {
    const contract: RouteContract = {
      summary: 'Export',
      tags: ['admin'],
      query: z.strictObject({ format: z.enum(['csv', 'json']), out: z.string().optional() }),
      responses: {},
      problems: [],
    };
    const [command] = adminCommands(
      [
        {
          name: 'export-things',
          description: 'd',
          trigger: { kind: 'http', method: 'GET', path: '/v1/admin/things', authorization: 'iam' },
        },
      ],
      { 'export-things': contract },
    );
    expect(command?.options.map((option) => option.flag)).toEqual(['format', 'query.out']);
  });
});
