import { type AdminCommand, destroysData } from './admin-commands.ts';
import { apiUrlVariable } from './api-target.ts';
import { type CommandOption, kebabCase, type RequestPart } from './command-options.ts';
import { exitCodes } from './exit-codes.ts';
import { cursorOption, figuresCommandFor } from './long-running.ts';

/** `--help` texts, built from the commands alone: no server, no credentials. */
export const invocation = 'npm run admin --';
const wrapWidth = 100;

export function programHelp(commands: readonly AdminCommand[]): string {
  const nameWidth = Math.max(...commands.map((command) => command.name.length), 8);
  const lines = [
    `Usage: ${invocation} <command> [options]`,
    '',
    'The Secretariat’s administration of the consultations: one command per admin route of the API',
    '(/v1/admin/*), each request signed with AWS Signature Version 4.',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(nameWidth)}  ${command.summary}`),
    '',
    'Options of every command:',
    ...globalOptionLines(),
    '',
    `Run \`${invocation} <command> --help\` for a command's options.`,
    '',
    'Examples:',
    `  ${invocation} reconcile-schedules --local --id wsis-forum-2022`,
    `  ${invocation} change-call-dates --local --id wsis-forum-2022 --call photo-contest \\`,
    '      --closes-at 2022-03-11T13:00:00Z --reason "Photo contest extended to 11 March"',
    `  ${invocation} grant-extension --endpoint "$API" --id wsis-forum-2022 --call official-submission \\`,
    '      --grantee.kind email --grantee.email amina.diallo@example.org --until 2022-03-10T13:00:00Z \\',
    '      --reason "Power cut" --json',
    '',
    ...exitCodeLines(),
  ];
  return `${lines.join('\n')}\n`;
}

export function commandHelp(command: AdminCommand, commands: readonly AdminCommand[]): string {
  const required = command.options.filter((option) => option.required && option.path.length === 1);
  const usage = [
    `${invocation} ${command.name}`,
    ...required.map((option) =>
      hasFields(option, command)
        ? `--${option.flag}.<field> <value>...`
        : `--${option.flag} <${valueName(option)}>`,
    ),
    '[options]',
  ].join(' ');
  const sections: string[] = [
    `Usage: ${usage}`,
    '',
    command.summary,
    `${command.method} ${command.path}${command.functionName === command.name ? '' : `  (${command.functionName})`}`,
    '',
    ...wrap(command.description, wrapWidth),
  ];
  const titles: Record<RequestPart, string> = {
    path: 'Path',
    query: 'Query',
    header: 'Headers',
    body: 'Body (JSON; or give it whole with --body <json>, --body - for standard input, or --body-file <file>)',
  };
  for (const part of ['path', 'query', 'header', 'body'] as const) {
    const options = command.options.filter((option) => option.part === part);
    if (options.length === 0) continue;
    sections.push('', `${titles[part]}:`, ...optionLines(options, command));
  }
  const special = specialOptionLines(command, commands);
  if (special.length > 0) sections.push('', 'Options of this command:', ...special);
  sections.push('', 'Options of every command:', ...globalOptionLines());
  return `${sections.join('\n')}\n`;
}

/** An object option whose fields are options of their own (`--grantee.kind`, `--grantee.email`). */
function hasFields(option: CommandOption, command: AdminCommand): boolean {
  return (
    option.type === 'json' &&
    command.options.some(
      (candidate) => candidate.part === option.part && candidate.flag.startsWith(`${option.flag}.`),
    )
  );
}

function optionLines(options: readonly CommandOption[], command: AdminCommand): string[] {
  const rows = options.map((option) => {
    const whole = hasFields(option, command)
      ? `The whole ${option.path.join('.')} as JSON, or its fields one by one (--${option.flag}.<field>).`
      : undefined;
    const name =
      option.type === 'boolean'
        ? `--${option.flag}, --no-${option.flag}`
        : `--${option.flag} <${valueName(option)}>${option.multiple ? '...' : ''}`;
    const facts = [
      option.required && option.path.length === 1 ? 'required' : undefined,
      enumText(option.enumValues),
      option.multiple ? 'repeat for several' : undefined,
    ].filter((fact) => fact !== undefined);
    const text = [whole, option.description, facts.length > 0 ? `(${facts.join('; ')})` : undefined]
      .filter((part) => part !== undefined)
      .join(' ');
    return [name, text] as const;
  });
  return twoColumns(rows);
}

/** The values an option takes; a long list (countries) by its count and first few. */
function enumText(values: readonly string[] | undefined): string | undefined {
  if (values === undefined) return undefined;
  if (values.length <= 16) return `one of: ${values.join(', ')}`;
  return `one of ${values.length} values: ${values.slice(0, 8).join(', ')}, ...`;
}

function valueName(option: CommandOption): string {
  if (option.type === 'boolean') return 'true|false';
  if (option.enumValues !== undefined) {
    const choices = option.enumValues.join('|');
    return choices.length <= 24 ? choices : kebabCase(option.path[option.path.length - 1] ?? 'value');
  }
  if (option.format === 'date-time') return 'instant';
  if (option.format !== undefined) return option.format;
  if (option.type === 'json') return 'json';
  return option.type === 'string' ? 'text' : option.type;
}

function specialOptionLines(command: AdminCommand, commands: readonly AdminCommand[]): string[] {
  const rows: (readonly [string, string])[] = [];
  if (cursorOption(command) !== undefined) {
    rows.push([
      '--all',
      'Follow the cursor through every page and answer them as one list (progress on stderr).',
    ]);
  }
  if (destroysData(command)) {
    rows.push([
      '--yes, -y',
      'Go on without asking (needed off a terminal): this command destroys data for good.',
    ]);
  }
  if (figuresCommandFor(command, commands) !== undefined) {
    rows.push([
      '--wait',
      'Then follow the delivery figures until every recipient is done (progress on stderr).',
    ]);
  }
  return twoColumns(rows);
}

function globalOptionLines(): string[] {
  return twoColumns([
    ['--endpoint <url>', `The API's base URL (default: the ${apiUrlVariable} variable).`],
    [
      '--local',
      'Use the running `npm start`: its API, region and local credentials (from /_local/endpoints; --endpoint or PORT if not on 3000).',
    ],
    ['--aws-region <region>', 'AWS region to sign for (default: AWS_REGION, or the execute-api host name).'],
    [
      '--profile <name>',
      'AWS profile of the credential chain (default: AWS_PROFILE, the environment, SSO, instance role).',
    ],
    ['--json', 'Print the answer as JSON, for scripts (default: readable tables).'],
    [
      '--out, -o <file>',
      'Write the answer to a file as it arrives (exports: CSV or JSON), with progress on stderr.',
    ],
    ['--help, -h', 'This help.'],
  ]);
}

function exitCodeLines(): string[] {
  return [
    'Exit codes:',
    ...twoColumns([
      [String(exitCodes.ok), 'done'],
      [String(exitCodes.refused), 'the API refused or failed (its problem is printed on stderr)'],
      [String(exitCodes.usage), 'the command line is wrong (nothing was sent)'],
      [String(exitCodes.unreachable), 'no API or no credentials'],
    ]),
  ];
}

function twoColumns(rows: readonly (readonly [string, string])[]): string[] {
  const nameWidth = Math.min(32, Math.max(0, ...rows.map(([name]) => name.length)));
  const lines: string[] = [];
  for (const [name, text] of rows) {
    const indent = 2 + nameWidth + 2;
    const wrapped = wrap(text, wrapWidth - indent);
    if (name.length > nameWidth) {
      lines.push(`  ${name}`);
      lines.push(...wrapped.map((line) => `${' '.repeat(indent)}${line}`));
    } else {
      const [first = '', ...more] = wrapped;
      lines.push(`  ${name.padEnd(nameWidth)}  ${first}`.trimEnd());
      lines.push(...more.map((line) => `${' '.repeat(indent)}${line}`));
    }
  }
  return lines;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((part) => part.length > 0)) {
    if (line.length > 0 && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line.length === 0 ? word : `${line} ${word}`;
    }
  }
  if (line.length > 0) lines.push(line);
  return lines;
}
