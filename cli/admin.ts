import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import { runAdminCli } from './admin-cli.ts';

/** `npm run admin -- <command> [options]`; `npm run admin -- --help` lists the commands. */
const exitCode = await runAdminCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  readText: (source) => ('stdin' in source ? text(process.stdin) : readFile(source.file, 'utf8')),
});
process.exitCode = exitCode;
