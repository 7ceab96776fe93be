import { spawn } from 'node:child_process';

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `npm run admin -- <args>` as the Secretariat would, as a child process of the pinned Node
 * (vitest's `process.execPath`), with an environment holding no AWS settings unless given.
 */
export function runAdminCli(
  args: readonly string[],
  options: { readonly env?: Readonly<Record<string, string>>; readonly stdin?: string } = {},
): Promise<CliRun> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith('AWS_') && name !== 'CONSULTATION_API_URL' && name !== 'PORT',
    ),
  );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['cli/admin.ts', ...args], {
      cwd: new URL('../..', import.meta.url),
      env: { ...inherited, NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}
