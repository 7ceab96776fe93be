import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';
import { text } from 'node:stream/consumers';
import { runAdminCli } from './admin-cli.ts';
import { exitCodes } from './exit-codes.ts';

/** `npm run admin -- <command> [options]`; `npm run admin -- --help` lists the commands. */

// `npm run admin -- get-audit --id ... | head`: the reader has what it wanted; stop quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(exitCodes.ok);
  throw error;
});

try {
  process.exitCode = await runAdminCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    readText: (source) => ('stdin' in source ? text(process.stdin) : readFile(source.file, 'utf8')),
    // Questions only at a terminal: a script confirms with --yes.
    ...(process.stdin.isTTY && process.stderr.isTTY ? { confirm } : {}),
  });
} catch (error) {
  // Not a refusal, a usage error or an unreachable API (those are reported with their own codes):
  // an answer the CLI could not read, a file it could not write.
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = exitCodes.refused;
}

async function confirm(question: string): Promise<boolean> {
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await terminal.question(question)).trim());
  } finally {
    terminal.close();
  }
}
