import { createWriteStream } from 'node:fs';
import { Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type AdminCommand, adminCommands, destroysData } from './admin-commands.ts';
import { renderAnswer, type TableStyle } from './answer-table.ts';
import { type ApiClient, ApiProblem, createApiClient, problemText } from './api-client.ts';
import { resolveApiTarget, UnreachableError } from './api-target.ts';
import {
  type CommandLineSources,
  type CommandRequest,
  parseCommandLine,
  UsageError,
} from './command-line.ts';
import { exitCodes } from './exit-codes.ts';
import { commandHelp, invocation, programHelp } from './help-text.ts';
import {
  cursorOption,
  figuresCommandFor,
  figuresRequest,
  followPages,
  waitForDelivery,
} from './long-running.ts';
import { byteSize, createProgress } from './progress.ts';

/**
 * `npm run admin -- <command> [options]`: parses the command line against the admin route contracts,
 * sends the signed request and prints the answer. Everything it touches comes in through `io`, so the
 * tests run it in process as well as a child process.
 */
export interface CliOutput extends Writable {
  readonly isTTY?: boolean;
}

export interface CliIo extends CommandLineSources {
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly fetch?: typeof fetch;
  /** Between two reads of an announcement's figures with `--wait`. */
  readonly pollIntervalMs?: number;
  /** Asks a yes/no question at the terminal; absent when standard input is not a terminal. */
  readonly confirm?: (question: string) => Promise<boolean>;
  /** The commands, from the manifest unless a test gives others. */
  readonly commands?: readonly AdminCommand[];
}

const waitTimeoutMs = 30 * 60 * 1000;

export async function runAdminCli(argv: readonly string[], io: CliIo): Promise<number> {
  const commands = io.commands ?? adminCommands();
  try {
    const parsed = await parseCommandLine(argv, commands, io);
    if (parsed.kind === 'program-help') {
      await write(io.stdout, programHelp(commands));
      return exitCodes.ok;
    }
    if (parsed.kind === 'command-help') {
      await write(io.stdout, commandHelp(parsed.command, commands));
      return exitCodes.ok;
    }
    checkLongRunOptions(parsed.request, commands);
    await confirmDestruction(parsed.request, io);
    const target = await resolveApiTarget(parsed.request.global, io.env, io.fetch);
    return await runCommand(parsed.request, createApiClient(target), commands, io);
  } catch (error) {
    if (error instanceof UsageError) {
      const help = error.command === undefined ? '' : ` ${error.command.name}`;
      const [first, ...more] = error.message.split('\n');
      const message = [first, ...more.map((line) => `  ${line}`)].join('\n');
      await write(
        io.stderr,
        `${paint(io.stderr, io.env, 'error:')} ${message}\nRun \`${invocation}${help} --help\` for usage.\n`,
      );
      return exitCodes.usage;
    }
    if (error instanceof ApiProblem) {
      const [first = '', ...rest] = problemText(error).split('\n');
      await write(io.stderr, `${[paint(io.stderr, io.env, first), ...rest].join('\n')}\n`);
      return exitCodes.refused;
    }
    if (error instanceof UnreachableError) {
      await write(io.stderr, `${paint(io.stderr, io.env, 'error:')} ${error.message}\n`);
      return exitCodes.unreachable;
    }
    throw error;
  }
}

async function runCommand(
  request: CommandRequest,
  client: ApiClient,
  commands: readonly AdminCommand[],
  io: CliIo,
): Promise<number> {
  const { global, command } = request;
  const progressOf = (label: string) => createProgress(io.stderr, { label });
  const key = request.generatedIdempotencyKey;
  if (key !== undefined) {
    await write(
      io.stderr,
      `Idempotency-Key ${key}: give --idempotency-key ${key} to repeat this request safely.\n`,
    );
  }

  if (global.all) {
    const all = await followPages(request, client, progressOf(command.name));
    await printJson(all, request, io);
    return exitCodes.ok;
  }

  const figuresCommand = global.wait ? figuresCommandFor(command, commands) : undefined;
  // Checked by checkLongRunOptions: with --wait, there is a figures command.
  if (figuresCommand !== undefined) {
    const created = await client.json(request);
    const figures = figuresRequest(request, created, figuresCommand);
    if (figures === undefined) {
      await write(io.stderr, 'The answer does not name the announcement; not waiting for its delivery.\n');
      await printJson(created, request, io);
      return exitCodes.ok;
    }
    const outcome = await waitForDelivery(figures, client, progressOf('delivery'), {
      pollIntervalMs: io.pollIntervalMs ?? 1000,
      timeoutMs: waitTimeoutMs,
    });
    await printJson(outcome.figures, request, io);
    return exitCodes.ok;
  }

  const response = await client.send(request);
  if (global.out !== undefined) {
    await saveTo(global.out, response, command.name, io);
    return exitCodes.ok;
  }
  const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  if (!mediaType.endsWith('json')) {
    // An export (CSV) or other text: passed through as it arrives, byte for byte.
    if (response.body !== null) await pipeline(Readable.fromWeb(response.body), io.stdout, { end: false });
    return exitCodes.ok;
  }
  const text = await response.text();
  if (text.length === 0) {
    if (!global.json) await write(io.stdout, `${response.status} ${response.statusText || 'OK'}\n`);
    return exitCodes.ok;
  }
  await printJson(JSON.parse(text), request, io);
  return exitCodes.ok;
}

/** `--all` and `--wait` where they mean something, rather than ignored where they do not. */
function checkLongRunOptions(request: CommandRequest, commands: readonly AdminCommand[]): void {
  const { command, global } = request;
  if (global.all && cursorOption(command) === undefined) {
    throw new UsageError(`--all follows a cursor from page to page; ${command.name} has no pages.`, command);
  }
  if (global.wait && figuresCommandFor(command, commands) === undefined) {
    throw new UsageError(`--wait follows an announcement's delivery; ${command.name} starts none.`, command);
  }
}

async function confirmDestruction(request: CommandRequest, io: CliIo): Promise<void> {
  const { command } = request;
  if (!destroysData(command) || request.global.yes) return;
  if (io.confirm === undefined) {
    throw new UsageError(`${command.name} destroys data for good: confirm with --yes.`, command);
  }
  const what = Object.values({ ...request.pathParams, ...request.query, ...asRecord(request.body) })
    .filter((value) => typeof value === 'string')
    .join(', ');
  const agreed = await io.confirm(`${command.summary} (${what}): this cannot be undone. Go on? [y/N] `);
  if (!agreed) throw new UsageError('Not confirmed; nothing was sent.', command);
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

async function printJson(answer: unknown, request: CommandRequest, io: CliIo): Promise<void> {
  const json = `${JSON.stringify(answer, null, 2)}\n`;
  if (request.global.out !== undefined) {
    const body = new Response(json);
    await saveTo(request.global.out, body, request.command.name, io);
    return;
  }
  if (request.global.json) {
    await write(io.stdout, json);
    return;
  }
  await write(io.stdout, `${renderAnswer(answer, tableStyle(io))}\n`);
}

/** Streams an answer into a file, counting bytes and lines on the way, with progress on stderr. */
async function saveTo(path: string, response: Response, label: string, io: CliIo): Promise<void> {
  const total = Number(response.headers.get('content-length') ?? Number.NaN);
  const isCsv = (response.headers.get('content-type') ?? '').includes('csv');
  const progress = createProgress(io.stderr, { label });
  let bytes = 0;
  let lines = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      for (const byte of chunk) if (byte === 0x0a) lines += 1;
      progress.update(bytes, Number.isFinite(total) ? total : undefined, rowsText(bytes, lines, isCsv));
      callback(null, chunk);
    },
  });
  const source = response.body === null ? Readable.from([]) : Readable.fromWeb(response.body);
  await pipeline(source, counter, createWriteStream(path));
  progress.finish(`${rowsText(bytes, lines, isCsv)} written to ${path}`);
}

function rowsText(bytes: number, lines: number, isCsv: boolean): string {
  // A CSV's first line is its header.
  return isCsv ? `${byteSize(bytes)}, ${Math.max(0, lines - 1)} rows` : byteSize(bytes);
}

function tableStyle(io: CliIo): TableStyle {
  const colour = wantsColour(io.stdout, io.env);
  const columns = (io.stdout as { columns?: number }).columns;
  return {
    emphasis: colour ? (text) => `\u001b[1m${text}\u001b[22m` : (text) => text,
    ...(io.stdout.isTTY === true ? { maxCellWidth: Math.max(24, Math.floor((columns ?? 120) / 3)) } : {}),
  };
}

function paint(stream: CliOutput, env: CliIo['env'], text: string): string {
  return wantsColour(stream, env) ? `\u001b[31m${text}\u001b[39m` : text;
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
function wantsColour(stream: CliOutput, env: CliIo['env']): boolean {
  return stream.isTTY === true && (env.NO_COLOR ?? '') === '' && env.TERM !== 'dumb';
}

function write(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}
