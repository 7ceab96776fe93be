import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { adminCommands } from '../../../cli/admin-commands.ts';
import type { ApiClient } from '../../../cli/api-client.ts';
import { type CommandRequest, parseCommandLine } from '../../../cli/command-line.ts';
import {
  cursorOption,
  deliveryStateOf,
  figuresCommandFor,
  figuresRequest,
  followPages,
  waitForDelivery,
} from '../../../cli/long-running.ts';
import { byteSize, createProgress, progressLine } from '../../../cli/progress.ts';
import type { RouteContract } from '../../../shared/contracts/route-contract.ts';

const iam = (method: 'GET' | 'POST', path: string) =>
  ({ kind: 'http', method, path, authorization: 'iam' }) as const;
const contract = (parts: Partial<RouteContract>): RouteContract => ({
  summary: 's',
  tags: ['admin'],
  responses: {},
  problems: [],
  ...parts,
});
const id = z.strictObject({ id: z.string() });
const commands = adminCommands(
  [
    {
      name: 'admin-list-submissions',
      description: 'd',
      trigger: iam('GET', '/v1/admin/consultations/{id}/submissions'),
    },
    {
      name: 'create-announcement',
      description: 'd',
      trigger: iam('POST', '/v1/admin/consultations/{id}/announcements'),
    },
    {
      name: 'get-announcement',
      description: 'd',
      trigger: iam('GET', '/v1/admin/consultations/{id}/announcements/{announcementId}'),
    },
  ],
  {
    'admin-list-submissions': contract({
      params: id,
      query: z.strictObject({ cursor: z.string().optional(), call: z.string().optional() }),
    }),
    'create-announcement': contract({ params: id, body: z.strictObject({ subject: z.string() }) }),
    'get-announcement': contract({
      params: z.strictObject({ id: z.string(), announcementId: z.string() }),
    }),
  },
);

async function requestOf(argv: string[]): Promise<CommandRequest> {
  const parsed = await parseCommandLine(argv, commands, { readText: async () => '' });
  if (parsed.kind !== 'run') throw new Error('expected a request');
  return parsed.request;
}

function recordingSink(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (text: string) => written.push(text) };
}

/** An API client over canned answers, recording the requests: the pages and figures are pure logic. */
function cannedClient(
  answer: (request: CommandRequest) => unknown,
): ApiClient & { requests: CommandRequest[] } {
  const requests: CommandRequest[] = [];
  return {
    requests,
    send: async () => {
      throw new Error('not used');
    },
    json: async (request) => {
      requests.push(request);
      return answer(request);
    },
  };
}

describe('--all: following a cursor', () => {
  it('asks for each next page and answers every item as one list', async () => {
    const pages: Record<string, unknown> = {
      first: {
        items: [{ reference: 'WSIS22-OS-000003' }, { reference: 'WSIS22-OS-000002' }],
        nextCursor: 'b',
      },
      b: { items: [{ reference: 'WSIS22-OS-000001' }], nextCursor: 'c' },
      c: { items: [], nextCursor: null },
    };
    const client = cannedClient((request) => pages[request.query.cursor ?? 'first']);
    const request = await requestOf([
      'list-submissions',
      '--id',
      'wsis-forum-2022',
      '--call',
      'official-submission',
      '--all',
    ]);
    expect(cursorOption(request.command)?.flag).toBe('cursor');
    const sink = recordingSink(false);
    const all = await followPages(request, client, createProgress(sink, { label: 'list-submissions' }));
    expect(all).toEqual({
      items: [
        { reference: 'WSIS22-OS-000003' },
        { reference: 'WSIS22-OS-000002' },
        { reference: 'WSIS22-OS-000001' },
      ],
    });
    expect(client.requests.map((sent) => sent.query)).toEqual([
      { call: 'official-submission' },
      { call: 'official-submission', cursor: 'b' },
      { call: 'official-submission', cursor: 'c' },
    ]);
    expect(sink.written).toEqual(['list-submissions: 3 items in 3 pages\n']);
  });

  it('answers a single page as it is when it has no cursor, and stops on a repeated cursor', async () => {
    const single = cannedClient(() => ({ items: [{ a: 1 }] }));
    const request = await requestOf(['list-submissions', '--id', 'x']);
    expect(await followPages(request, single, createProgress(recordingSink(false), { label: 'l' }))).toEqual({
      items: [{ a: 1 }],
    });
    const looping = cannedClient(() => ({ items: [{ a: 1 }], nextCursor: 'same' }));
    const all = (await followPages(
      request,
      looping,
      createProgress(recordingSink(false), { label: 'l' }),
    )) as {
      items: unknown[];
    };
    expect(looping.requests).toHaveLength(2);
    expect(all.items).toHaveLength(2);
  });
});

describe('--wait: following an announcement’s delivery', () => {
  it('is offered on create-announcement only when get-announcement exists', () => {
    const create = commands.find((command) => command.name === 'create-announcement');
    if (create === undefined) throw new Error('no create-announcement');
    expect(figuresCommandFor(create, commands)?.name).toBe('get-announcement');
    expect(figuresCommandFor(create, [create])).toBeUndefined();
  });

  it('reads the figures of the created announcement until no recipient is in progress', async () => {
    const create = await requestOf([
      'create-announcement',
      '--id',
      'wsis-forum-2022',
      '--subject',
      'Extended',
      '--wait',
    ]);
    const figuresCommand = figuresCommandFor(create.command, commands);
    if (figuresCommand === undefined) throw new Error('no figures command');
    const figures = figuresRequest(create, { announcementId: 'a-1', status: 'accepted' }, figuresCommand);
    expect(figures?.pathParams).toEqual({ id: 'wsis-forum-2022', announcementId: 'a-1' });
    expect(figuresRequest(create, { nested: true }, figuresCommand)).toBeUndefined();
    expect(figuresRequest(create, { announcement: { id: 'a-2' } }, figuresCommand)?.pathParams).toEqual({
      id: 'wsis-forum-2022',
      announcementId: 'a-2',
    });

    const answers = [
      { recipients: 0, sent: 0, inProgress: 0 },
      { recipients: 4, sent: 1, inProgress: 3 },
      { recipients: 4, sent: 4, inProgress: 0 },
    ];
    const client = cannedClient(() => answers.shift());
    const sink = recordingSink(true);
    const slept: number[] = [];
    if (figures === undefined) throw new Error('no figures request');
    const outcome = await waitForDelivery(
      figures,
      client,
      createProgress(sink, { label: 'delivery', now: () => 0, redrawIntervalMs: 0 }),
      {
        pollIntervalMs: 250,
        timeoutMs: 60_000,
        sleep: async (ms) => {
          slept.push(ms);
        },
        now: () => 0,
      },
    );
    expect(outcome).toEqual({ figures: { recipients: 4, sent: 4, inProgress: 0 }, finished: true });
    expect(slept).toEqual([250, 250]);
    expect(sink.written.at(-1)).toBe('\r\u001b[2Kdelivery: delivered to 4 of 4 recipients\n');
    expect(sink.written.some((text) => text.includes('[#######.....................]  25%'))).toBe(true);
  });

  it('trusts a status when the figures carry one, and gives up after its time', async () => {
    expect(deliveryStateOf({ status: 'sending', recipients: 3, inProgress: 0 }).finished).toBe(false);
    expect(deliveryStateOf({ status: 'completed', recipients: 3, inProgress: 0 })).toEqual({
      done: 3,
      total: 3,
      finished: true,
    });
    // An announcement's view: its state, the recipients queued so far, and its wave's figures.
    expect(
      deliveryStateOf({
        state: 'sending',
        queuedRecipients: 3,
        figures: { recipients: 2, sent: 1, inProgress: 1 },
      }),
    ).toEqual({ done: 1, total: 3, finished: false });
    expect(
      deliveryStateOf({
        state: 'sent',
        queuedRecipients: 3,
        figures: { recipients: 3, sent: 3, inProgress: 0 },
      }),
    ).toEqual({ done: 3, total: 3, finished: true });
    expect(deliveryStateOf({ figures: { recipients: 2, queued: 1 } })).toEqual({
      done: 1,
      total: 2,
      finished: false,
    });
    let clock = 0;
    const client = cannedClient(() => ({ recipients: 5, inProgress: 5 }));
    const request = await requestOf(['get-announcement', '--id', 'x', '--announcement-id', 'a']);
    const outcome = await waitForDelivery(
      request,
      client,
      createProgress(recordingSink(false), { label: 'd' }),
      {
        pollIntervalMs: 1000,
        timeoutMs: 3000,
        sleep: async (ms) => {
          clock += ms;
        },
        now: () => clock,
      },
    );
    expect(outcome.finished).toBe(false);
    expect(client.requests).toHaveLength(4);
  });
});

describe('progress', () => {
  it('draws a bar in place on a terminal, and plain lines at most every interval elsewhere', () => {
    let now = 0;
    const terminal = recordingSink(true);
    const bar = createProgress(terminal, { label: 'export', now: () => now, barWidth: 10 });
    bar.update(512, 1024, '512 B');
    now = 50;
    bar.update(600, 1024);
    now = 200;
    bar.update(1024, 1024);
    bar.finish('1.0 KiB written');
    expect(terminal.written).toEqual([
      '\r\u001b[2Kexport [#####.....]  50% 512 B',
      '\r\u001b[2Kexport [##########] 100%',
      '\r\u001b[2Kexport: 1.0 KiB written\n',
    ]);

    now = 0;
    const log = recordingSink(false);
    const plain = createProgress(log, { label: 'export', now: () => now, plainIntervalMs: 5000 });
    plain.update(1, 4);
    now = 5000;
    plain.update(2, 4);
    now = 6000;
    plain.update(3, 4);
    plain.finish('done');
    expect(log.written).toEqual(['export:  50% (2/4)\n', 'export: done\n']);
  });

  it('writes counts without a total, and sizes in binary units', () => {
    expect(progressLine('pages', 120, undefined, 'items', 10)).toBe('pages: 120 items');
    expect(byteSize(512)).toBe('512 B');
    expect(byteSize(1536)).toBe('1.5 KiB');
    expect(byteSize(5 * 1024 * 1024)).toBe('5.0 MiB');
  });
});
