import { functionManifest, type Trigger } from '../functions/manifest.ts';
import type { RouteContract } from '../shared/contracts/route-contract.ts';
import { routeContracts } from '../shared/contracts/routes.ts';
import { type CommandOption, optionsOf } from './command-options.ts';

/**
 * One command per Secretariat route: every manifest entry with IAM authorization, described by its
 * route contract. A route added to the manifest and to `routeContracts` is a command with no change
 * here. A command is named after its function (the OpenAPI operationId in kebab case) without the
 * word `admin`, which every command of this CLI is: `change-call-dates`, `admin-list-submissions` →
 * `list-submissions`, `get-admin-stats` → `get-stats`. The function name is accepted too.
 */
export interface AdminCommand {
  readonly name: string;
  readonly functionName: string;
  readonly method: string;
  /** API path with `{name}` parameters, e.g. `/v1/admin/consultations/{id}/calls/{call}`. */
  readonly path: string;
  readonly summary: string;
  readonly description: string;
  readonly contract: RouteContract;
  readonly options: readonly CommandOption[];
  /** The route reads a JSON body (`--body`, `--body-file` and the body's own options). */
  readonly takesBody: boolean;
}

/** Routes that the CLI treats specially (see admin-cli.ts); each degrades to a plain command. */
export const specialRoutes = {
  /** `--wait` polls the announcement's delivery figures through this route. */
  announcementFigures: 'get-announcement',
  createAnnouncement: 'create-announcement',
} as const;

/**
 * A route that destroys data for good (`erase-person`, and any later `erase-*` route) is sent only
 * once confirmed: at a terminal by answering the question, in a script by `--yes`.
 */
export function destroysData(command: AdminCommand): boolean {
  return command.functionName.startsWith('erase-');
}

export function commandNameOf(functionName: string): string {
  const withoutAdmin = functionName
    .split('-')
    .filter((word) => word !== 'admin')
    .join('-');
  return withoutAdmin.length === 0 ? functionName : withoutAdmin;
}

/** What the CLI reads of a manifest entry. */
export interface RouteSource {
  readonly name: string;
  readonly description: string;
  readonly trigger: Trigger;
}

export function adminCommands(
  functions: readonly RouteSource[] = functionManifest,
  contracts: Readonly<Record<string, RouteContract>> = routeContracts,
): AdminCommand[] {
  const commands: AdminCommand[] = [];
  for (const fn of functions) {
    if (fn.trigger.kind !== 'http' || fn.trigger.authorization !== 'iam') continue;
    const contract = contracts[fn.name];
    if (contract === undefined) continue;
    const options = [
      ...optionsOf(contract.params, 'path'),
      ...optionsOf(contract.query, 'query'),
      ...optionsOf(contract.headers, 'header'),
      ...optionsOf(contract.body, 'body'),
    ];
    commands.push({
      name: commandNameOf(fn.name),
      functionName: fn.name,
      method: fn.trigger.method,
      path: fn.trigger.path,
      summary: contract.summary,
      description: contract.description ?? fn.description,
      contract,
      options: withDistinctFlags(options).map(withMadeUpKey),
      takesBody: contract.body !== undefined,
    });
  }
  // Two functions whose names differ only by `admin` keep their full names.
  const counts = new Map<string, number>();
  for (const command of commands) counts.set(command.name, (counts.get(command.name) ?? 0) + 1);
  return commands
    .map((command) =>
      (counts.get(command.name) ?? 0) > 1 ? { ...command, name: command.functionName } : command,
    )
    .sort((left, right) => left.name.localeCompare(right.name));
}

export function findCommand(commands: readonly AdminCommand[], name: string): AdminCommand | undefined {
  return commands.find((command) => command.name === name || command.functionName === name);
}

/**
 * Flags the CLI itself uses (and one part's field named like another's) get the part as a prefix:
 * a query field `out` would be `--query.out`.
 */
export const globalFlags = [
  'help',
  'json',
  'endpoint',
  'local',
  'aws-region',
  'profile',
  'body',
  'body-file',
  'out',
  'all',
  'wait',
  'yes',
] as const;

/** The CLI makes an Idempotency-Key up when none is given (command-line.ts): not required of the user. */
function withMadeUpKey(option: CommandOption): CommandOption {
  if (option.part !== 'header' || option.flag !== 'idempotency-key') return option;
  const note = 'Made up (a random UUID, shown on stderr) when not given.';
  return {
    ...option,
    required: false,
    description: option.description === undefined ? note : `${option.description} ${note}`,
  };
}

function withDistinctFlags(options: readonly CommandOption[]): CommandOption[] {
  const taken = new Set<string>(globalFlags);
  const distinct: CommandOption[] = [];
  for (const option of options) {
    const flag = taken.has(option.flag) ? `${option.part}.${option.flag}` : option.flag;
    taken.add(flag);
    distinct.push(flag === option.flag ? option : { ...option, flag });
  }
  return distinct;
}
