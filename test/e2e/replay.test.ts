import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repositoryRoot = new URL('../../', import.meta.url).pathname;

/** `npm run replay`, as the Secretariat runs it before going live: the same script, as a process. */
describe('npm run replay', () => {
  it('prints the five phases in order, each with its official time and UTC instant, and exits 0', async () => {
    const { stdout, stderr } = await run(process.execPath, ['local/replay.ts'], {
      cwd: repositoryRoot,
      timeout: 120_000,
    });
    const phaseStarts = [
      '2021-08-19 14:00 CEST  2021-08-19T12:00:00Z  Phase I started',
      '2021-12-08 13:50 CET   2021-12-08T12:50:00Z  Phase II started',
      '2022-01-31 14:00 CET   2022-01-31T13:00:00Z  Phase III started',
      '2022-03-07 14:00 CET   2022-03-07T13:00:00Z  Phase IV started',
      '2022-05-02 14:00 CEST  2022-05-02T12:00:00Z  Phase V started',
    ];
    const positions = phaseStarts.map((line) => stdout.indexOf(line));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((left, right) => left - right)).toEqual(positions);
    expect(stdout).toContain(
      'email to wsis-info@itu.int: [wsis-forum-2022] Call closed: Official submissions',
    );
    expect(stdout).toMatch(/20 transitions applied, 5 emails sent, 0 failed deliveries\./);
    // The progress bar goes to stderr, so the timeline on stdout stays clean to read or save.
    expect(stderr).toMatch(/\[#{30}\] \d+\/\d+ 2022-06-03/);
    expect(stdout).not.toContain('"level"');
  });
});
