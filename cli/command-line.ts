import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { type AdminCommand, findCommand } from './admin-commands.ts';
import type { CommandOption, RequestPart } from './command-options.ts';

/** A command line the CLI cannot run as given: reported with the usage, exit code 2, nothing sent. */
export class UsageError extends Error {
  readonly command: AdminCommand | undefined;
  constructor(message: string, command?: AdminCommand) {
    super(message);
    this.name = 'UsageError';
    this.command = command;
  }
}

export interface GlobalOptions {
  readonly json: boolean;
  readonly endpoint?: string;
  readonly local: boolean;
  readonly awsRegion?: string;
  readonly profile?: string;
  readonly out?: string;
  readonly all: boolean;
  readonly wait: boolean;
  /** Confirms a command that destroys data (see `confirmationOf`) without asking. */
  readonly yes: boolean;
}

export interface CommandRequest {
  readonly command: AdminCommand;
  readonly global: GlobalOptions;
  readonly pathParams: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  /** The JSON body, for a route that reads one. */
  readonly body: unknown;
  /** The Idempotency-Key the CLI made up, the route needing one and none being given. */
  readonly generatedIdempotencyKey?: string;
}

export type ParsedCommandLine =
  | { readonly kind: 'program-help' }
  | { readonly kind: 'command-help'; readonly command: AdminCommand }
  | { readonly kind: 'run'; readonly request: CommandRequest };

export interface CommandLineSources {
  /** Reads `--body -` (standard input) or `--body-file <path>`. */
  readText(source: { readonly stdin: true } | { readonly file: string }): Promise<string>;
}

const idempotencyKeyHeader = 'idempotency-key';

type ParseArgsOptions = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

const globalOptionSpecs = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  endpoint: { type: 'string' },
  local: { type: 'boolean' },
  // `--region` is left to the routes: a UN M49 region is a filter of the Secretariat's listings.
  'aws-region': { type: 'string' },
  profile: { type: 'string' },
  body: { type: 'string' },
  'body-file': { type: 'string' },
  out: { type: 'string', short: 'o' },
  all: { type: 'boolean' },
  wait: { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
} as const satisfies ParseArgsOptions;

export async function parseCommandLine(
  argv: readonly string[],
  commands: readonly AdminCommand[],
  sources: CommandLineSources,
): Promise<ParsedCommandLine> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    const command = topic === undefined ? undefined : findCommand(commands, topic);
    if (topic !== undefined && command === undefined) throw unknownCommand(topic, commands);
    return command === undefined ? { kind: 'program-help' } : { kind: 'command-help', command };
  }
  if (name.startsWith('-')) {
    throw new UsageError(`Give the command first, then its options (got ${name}).`);
  }
  const command = findCommand(commands, name);
  if (command === undefined) throw unknownCommand(name, commands);

  const specs: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {
    ...globalOptionSpecs,
  };
  for (const option of command.options) {
    specs[option.flag] = {
      type: option.type === 'boolean' ? 'boolean' : 'string',
      ...(option.multiple ? { multiple: true } : {}),
    };
  }
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...rest],
      options: specs,
      strict: true,
      allowPositionals: false,
      allowNegative: true,
    }));
  } catch (error) {
    throw new UsageError(parseArgsMessage(error), command);
  }
  if (values.help === true) return { kind: 'command-help', command };

  const global: GlobalOptions = {
    json: values.json === true,
    local: values.local === true,
    all: values.all === true,
    wait: values.wait === true,
    yes: values.yes === true,
    ...stringOption(values, 'endpoint'),
    ...(typeof values['aws-region'] === 'string' ? { awsRegion: values['aws-region'] } : {}),
    ...stringOption(values, 'profile'),
    ...stringOption(values, 'out'),
  };

  const parts: Record<RequestPart, Record<string, unknown>> = { path: {}, query: {}, header: {}, body: {} };
  if (typeof values.body === 'string' || typeof values['body-file'] === 'string') {
    if (!command.takesBody) throw new UsageError(`${command.name} takes no body.`, command);
    parts.body = await readBody(values, sources, command);
  }
  const given = new Set<string>();
  for (const option of command.options) {
    const value = values[option.flag];
    if (value === undefined) continue;
    given.add(option.flag);
    assign(parts[option.part], option.path, wireValue(option, value, command));
  }
  // The route needs a key; without one given, a fresh one: said on stderr, so that repeating the
  // command with it is safe.
  let generatedIdempotencyKey: string | undefined;
  if (
    command.options.some((option) => option.part === 'header' && option.flag === idempotencyKeyHeader) &&
    parts.header[idempotencyKeyHeader] === undefined
  ) {
    generatedIdempotencyKey = randomUUID();
    parts.header[idempotencyKeyHeader] = generatedIdempotencyKey;
  }
  const missing = command.options.filter((option) => {
    if (!option.required || given.has(option.flag) || option.path.length !== 1) return false;
    const [field = ''] = option.path;
    return parts[option.part][field] === undefined;
  });
  const { contract } = command;
  const problems = [
    ...missing.map((option) => `Missing required option --${option.flag}.`),
    ...[
      ...issuesOf(contract.params, parts.path, 'path', command),
      ...issuesOf(contract.query, parts.query, 'query', command),
      ...issuesOf(contract.headers, parts.header, 'header', command),
      ...issuesOf(contract.body, parts.body, 'body', command),
    ]
      // A missing option is said once, above.
      .filter((issue) => !missing.some((option) => issue.option === option))
      .map((issue) => issue.text),
  ];
  if (problems.length > 0) throw new UsageError(problems.join('\n'), command);

  return {
    kind: 'run',
    request: {
      command,
      global,
      pathParams: asStrings(parts.path),
      query: asStrings(parts.query),
      headers: asStrings(parts.header),
      body: command.takesBody ? parts.body : undefined,
      ...(generatedIdempotencyKey === undefined ? {} : { generatedIdempotencyKey }),
    },
  };
}

/** The URL path of a request: the route's path with its parameters filled in, and its query. */
export function requestPath(request: CommandRequest): string {
  const path = request.command.path.replace(/\{([^}]+)\}/g, (_match, name: string) =>
    encodeURIComponent(request.pathParams[name] ?? ''),
  );
  const query = new URLSearchParams(request.query).toString();
  return query.length === 0 ? path : `${path}?${query}`;
}

function unknownCommand(name: string, commands: readonly AdminCommand[]): UsageError {
  const near = commands
    .filter((command) => command.name.includes(name) || name.includes(command.name))
    .map((command) => command.name);
  const hint = near.length > 0 ? ` Did you mean ${near.join(' or ')}?` : '';
  return new UsageError(`Unknown command "${name}".${hint}`);
}

function parseArgsMessage(error: unknown): string {
  if (!(error instanceof Error)) return 'The options could not be read.';
  // Node's messages end with advice about `--` for positionals, which commands take none of.
  return error.message.replace(/\. To specify a positional argument.*$/s, '.');
}

function stringOption<K extends string>(values: Record<string, unknown>, key: K): { [P in K]?: string } {
  const value = values[key];
  return (typeof value === 'string' ? { [key]: value } : {}) as { [P in K]?: string };
}

async function readBody(
  values: Record<string, unknown>,
  sources: CommandLineSources,
  command: AdminCommand,
): Promise<Record<string, unknown>> {
  const inline = values.body;
  const file = values['body-file'];
  if (inline !== undefined && file !== undefined) {
    throw new UsageError('Give the body once: --body or --body-file.', command);
  }
  let text: string;
  let origin: string;
  try {
    if (inline === '-' || file === '-') {
      text = await sources.readText({ stdin: true });
      origin = 'standard input';
    } else if (typeof file === 'string') {
      text = await sources.readText({ file });
      origin = file;
    } else {
      text = String(inline);
      origin = '--body';
    }
  } catch (error) {
    throw new UsageError(
      `The body could not be read: ${error instanceof Error ? error.message : error}`,
      command,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `The body in ${origin} is not JSON: ${error instanceof Error ? error.message : error}`,
      command,
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UsageError(`The body in ${origin} must be a JSON object.`, command);
  }
  return parsed as Record<string, unknown>;
}

/**
 * The value an option puts in its request part. Path, query and header values travel as text (the
 * server's contract coerces them); body values take their JSON type.
 */
function wireValue(
  option: CommandOption,
  value: string | boolean | (string | boolean)[],
  command: AdminCommand,
): unknown {
  const convert = (single: string | boolean): unknown => {
    if (option.part !== 'body') return String(single);
    if (typeof single === 'boolean') return single;
    switch (option.type) {
      case 'integer':
      case 'number': {
        const number = Number(single);
        // Left as text when not a number: the contract then names the field and what it expects.
        return single.trim() === '' || Number.isNaN(number) ? single : number;
      }
      case 'json':
        try {
          return JSON.parse(single);
        } catch {
          throw new UsageError(`--${option.flag} takes JSON; ${JSON.stringify(single)} is not.`, command);
        }
      default:
        return single;
    }
  };
  if (Array.isArray(value)) {
    const converted = value.map(convert);
    return option.part === 'body' ? converted : converted.join(',');
  }
  return convert(value);
}

/** Sets `target.a.b = value` for the path `['a', 'b']`, keeping what a JSON body already holds. */
function assign(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    const existing = target[head];
    target[head] = isRecord(existing) && isRecord(value) ? { ...existing, ...value } : value;
    return;
  }
  const existing = target[head];
  const child: Record<string, unknown> = isRecord(existing) ? { ...existing } : {};
  assign(child, rest, value);
  target[head] = child;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function asStrings(values: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, String(value)]));
}

/**
 * The contract checked before anything is sent, as the server would check it: a mistake is named by
 * its option (`--closes-at: ...`) and costs no request.
 */
function issuesOf(
  schema: z.ZodType | undefined,
  value: Record<string, unknown>,
  part: RequestPart,
  command: AdminCommand,
): { option: CommandOption | undefined; text: string }[] {
  if (schema === undefined) return [];
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const path = issue.path.map(String);
    const option = [...command.options]
      .filter((candidate) => candidate.part === part)
      .filter((candidate) => path.slice(0, candidate.path.length).join('.') === candidate.path.join('.'))
      .sort((left, right) => right.path.length - left.path.length)[0];
    const where =
      option === undefined
        ? [part, ...path].join('.')
        : `--${option.flag}${path.length > option.path.length ? ` (${path.join('.')})` : ''}`;
    const text =
      issue.code === 'unrecognized_keys'
        ? `${where}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`
        : `${where}: ${issue.message}`;
    return { option, text };
  });
}
