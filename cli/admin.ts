import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';
import { text } from 'node:stream/consumers';
import { runAdminCli } from './admin-cli.ts';

/** `npm run admin -- <command> [options]`; `npm run admin -- --help` lists the commands. */
const exitCode = await runAdminCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  readText: (source) => ('stdin' in source ? text(process.stdin) : readFile(source.file, 'utf8')),
  // Questions only at a terminal: a script confirms with --yes.
  ...(process.stdin.isTTY && process.stderr.isTTY ? { confirm } : {}),
});
process.exitCode = exitCode;

async function confirm(question: string): Promise<boolean> {
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await terminal.question(question)).trim());
  } finally {
    terminal.close();
  }
}
