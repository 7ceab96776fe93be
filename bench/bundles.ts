import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { type FunctionDefinition, functionManifest } from '../functions/manifest.ts';
import { esbuildOptionsFor, functionBundling } from '../infra/constructs/function-bundling.ts';
import { type StageName, stageConfigs, stageNames } from '../infra/stage-config.ts';
import { repositoryRoot } from './repository-root.ts';

/**
 * Bundle budget (`npm run bench:bundles`): every function of the manifest is bundled with the
 * settings the CDK construct uses (`infra/constructs/function-bundling.ts`), beside a bundle that
 * holds only the AWS SDK clients found in the function's own bundle, built the same way. Each
 * bundle is then loaded in fresh Node.js processes, alternating function and SDK-only bundle so that
 * both see the same machine load, with `--enable-source-maps` as Lambda runs them.
 *
 * Targets, per function: minified size <= 512 KB, and load time <= 1.3x the SDK-only bundle's.
 * The size is that of `index.mjs`, the file Lambda loads; the source map is a separate file
 * (`index.mjs.map`) and not counted, but with `--enable-source-maps` Node reads and parses it when
 * the bundle loads, so its cost is in the load time of both bundles.
 * Load time is measured from the start of the Node process to the end of the bundle's import (what a
 * Lambda cold start's init pays, runtime start-up included); the import alone is printed too. The
 * ratio is the median of per-pair ratios (each function load over the SDK-only load right after it),
 * which holds on a busy machine where the medians of each side drift apart.
 * The process exits with 1 when a target is missed. Two reference rows follow the table, measured
 * the same way but not budgeted: the floor under every function (`floors`, below); BENCH_FLOORS=0
 * leaves them out.
 */
const sizeBudgetBytes = 512 * 1024;
const loadRatioBudget = 1.3;
const runs = Number(process.env.BENCH_RUNS ?? 15);
/** A comma-separated list of function names to measure, to iterate on a few; all by default. */
const only = process.env.BENCH_FUNCTIONS?.split(',').map((name) => name.trim());
/** The stage whose bundles are measured: prod, the budgeted one, unless BENCH_STAGE says otherwise. */
const stage: StageName = stageNames.find((name) => name === process.env.BENCH_STAGE) ?? 'prod';
const variant = { powertoolsTracer: stageConfigs[stage].powertoolsTracer };

interface LoadTime {
  /** Process start to the end of the import: the whole init. */
  readonly sinceStartMs: number;
  /** The `import()` of the bundle alone. */
  readonly importMs: number;
  /**
   * CPU time of the process (all its threads, user and system) at the end of the import: what the
   * init computed, less sensitive than wall time to other processes competing for the machine.
   */
  readonly cpuMs: number;
}

interface Bundle {
  readonly file: string;
  readonly bytes: number;
  readonly metafile: Metafile;
}

const workDirectory = mkdtempSync(path.join(tmpdir(), 'consultation-bundles-'));

/** Bundles an entry file, or generated source resolved from the repository root. */
async function bundle(
  entry: string | { readonly contents: string; readonly sourcefile: string },
  directory: string,
): Promise<Bundle> {
  mkdirSync(directory, { recursive: true });
  const file = path.join(directory, functionBundling.outputFileName);
  const options = esbuildOptionsFor(typeof entry === 'string' ? entry : entry.sourcefile, file, variant);
  const result = await build({
    ...options,
    ...(typeof entry === 'string'
      ? {}
      : {
          entryPoints: undefined,
          stdin: {
            contents: entry.contents,
            resolveDir: repositoryRoot,
            sourcefile: entry.sourcefile,
            loader: 'ts',
          },
        }),
    absWorkingDir: repositoryRoot,
    metafile: true,
  });
  return { file, bytes: statSync(file).size, metafile: result.metafile };
}

/** `node_modules/@aws-sdk/client-dynamodb/dist-es/...` -> `@aws-sdk/client-dynamodb`. */
function packageOf(input: string): string | undefined {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  return match?.[1];
}

/** The AWS SDK client packages a bundle holds: the `@aws-sdk/client-*` and `lib-*` it pulled in. */
function sdkClientPackages(metafile: Metafile): string[] {
  const packages = new Set<string>();
  for (const input of Object.keys(metafile.inputs)) {
    const name = packageOf(input);
    if (name !== undefined && /^@aws-sdk\/(client|lib)-/.test(name)) packages.add(name);
  }
  return [...packages].sort();
}

/** An entry exporting each package's client class, so nothing is tree-shaken away. */
async function sdkOnlyEntry(packages: readonly string[]): Promise<string> {
  const lines: string[] = [];
  for (const name of packages) {
    const module: Record<string, unknown> = await import(name);
    const clients = Object.keys(module).filter((key) => key.endsWith('Client') && !key.startsWith('__'));
    lines.push(`export { ${clients.join(', ')} } from '${name}';`);
  }
  return lines.length === 0 ? 'export {};\n' : `${lines.join('\n')}\n`;
}

/** The largest contributors to a bundle's minified output, by package (or first-party folder). */
function largestParts(metafile: Metafile, count: number): string {
  const output = Object.values(metafile.outputs).find((candidate) => candidate.entryPoint !== undefined);
  const byPart = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const part = packageOf(input) ?? input.split('/').slice(0, 2).join('/');
    byPart.set(part, (byPart.get(part) ?? 0) + bytesInOutput);
  }
  return [...byPart]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([part, bytes]) => `${part} ${kilobytes(bytes)}`)
    .join(', ');
}

const loader = `
const started = performance.now();
await import(process.argv[1]);
const loaded = performance.now();
const cpu = process.cpuUsage();
process.stdout.write(JSON.stringify({ sinceStartMs: loaded, importMs: loaded - started, cpuMs: (cpu.user + cpu.system) / 1000 }));
`;

function loadOnce(file: string): LoadTime {
  const result = spawnSync(
    process.execPath,
    ['--enable-source-maps', '--input-type=module', '--eval', loader, pathToFileURL(file).href],
    { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } },
  );
  if (result.status !== 0) throw new Error(`Loading ${file} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as LoadTime;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

interface Row {
  readonly name: string;
  readonly clients: readonly string[];
  readonly bytes: number;
  readonly sdkBytes: number;
  readonly load: LoadTime;
  readonly sdkLoad: LoadTime;
  /** Median of the per-pair ratios (function run i over SDK-only run i, loaded one after the other). */
  readonly loadRatio: number;
  /** The same for the CPU time (informative: the budget is on the load time). */
  readonly cpuRatio: number;
  readonly largest: string;
}

/**
 * What every function loads before any code of its own, measured like a function against the same
 * SDK-only bundle: the Lambda entry (Powertools logger and metrics with their middy middlewares,
 * CORS, the runtime config read once) around a handler that does nothing, alone and with the
 * DynamoDB clients most functions hold. Printed as reference rows, not budgeted: their ratio is the
 * least any function can have, whatever its own code.
 */
const floors: readonly Subject[] = [
  {
    name: 'floor: Lambda entry, no client',
    entry: {
      sourcefile: 'floor-entry.ts',
      contents: `import { lambdaEntry } from './functions/lambda-entry.ts';
export const handler = lambdaEntry(() => async () => ({}), {});
`,
    },
  },
  {
    name: 'floor: Lambda entry + DynamoDB',
    entry: {
      sourcefile: 'floor-entry-dynamodb.ts',
      contents: `import { lambdaEntry } from './functions/lambda-entry.ts';
export const handler = lambdaEntry(() => async () => ({}), {});
export { DynamoDBClient } from '@aws-sdk/client-dynamodb';
export { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
`,
    },
  },
];

interface Subject {
  readonly name: string;
  readonly entry: string | { readonly contents: string; readonly sourcefile: string };
}

async function measure(subject: Subject): Promise<Row> {
  const directory = path.join(workDirectory, subject.name.replace(/[^a-z0-9-]+/gi, '-'));
  const functionBundle = await bundle(subject.entry, path.join(directory, 'function'));
  const clients = sdkClientPackages(functionBundle.metafile);
  const sdkBundle = await bundle(
    { contents: await sdkOnlyEntry(clients), sourcefile: 'sdk-only.ts' },
    path.join(directory, 'sdk-only'),
  );

  // One warm-up each (file system cache), then alternate so both see the same conditions.
  loadOnce(functionBundle.file);
  loadOnce(sdkBundle.file);
  const loads: LoadTime[] = [];
  const sdkLoads: LoadTime[] = [];
  for (let run = 0; run < runs; run++) {
    loads.push(loadOnce(functionBundle.file));
    sdkLoads.push(loadOnce(sdkBundle.file));
  }
  const medianOf = (times: readonly LoadTime[]): LoadTime => ({
    sinceStartMs: median(times.map((time) => time.sinceStartMs)),
    importMs: median(times.map((time) => time.importMs)),
    cpuMs: median(times.map((time) => time.cpuMs)),
  });
  // Paired: a slow moment of a shared machine slows both loads of a pair, and cancels in their ratio.
  const pairRatios = loads.map(
    (load, run) => load.sinceStartMs / (sdkLoads[run]?.sinceStartMs ?? Number.NaN),
  );
  const cpuPairRatios = loads.map((load, run) => load.cpuMs / (sdkLoads[run]?.cpuMs ?? Number.NaN));
  return {
    name: subject.name,
    clients,
    bytes: functionBundle.bytes,
    sdkBytes: sdkBundle.bytes,
    load: medianOf(loads),
    sdkLoad: medianOf(sdkLoads),
    loadRatio: median(pairRatios),
    cpuRatio: median(cpuPairRatios),
    largest: largestParts(functionBundle.metafile, 5),
  };
}

function table(rows: readonly Row[], reference = false): string {
  const header = [
    'function',
    'SDK clients in bundle',
    'minified',
    'SDK-only',
    'load ms (fn / SDK-only)',
    'load ratio (paired)',
    'import ms (fn / SDK-only)',
    'CPU ms (fn / SDK-only)',
    'CPU ratio',
    'within budget',
  ];
  const lines = rows.map((row) => {
    const within = row.bytes <= sizeBudgetBytes && row.loadRatio <= loadRatioBudget;
    return [
      row.name,
      row.clients.length === 0
        ? '(none)'
        : row.clients.map((name) => name.replace('@aws-sdk/', '')).join(', '),
      kilobytes(row.bytes),
      kilobytes(row.sdkBytes),
      `${row.load.sinceStartMs.toFixed(1)} / ${row.sdkLoad.sinceStartMs.toFixed(1)}`,
      `${row.loadRatio.toFixed(2)}x`,
      `${row.load.importMs.toFixed(1)} / ${row.sdkLoad.importMs.toFixed(1)}`,
      `${row.load.cpuMs.toFixed(1)} / ${row.sdkLoad.cpuMs.toFixed(1)}`,
      `${row.cpuRatio.toFixed(2)}x`,
      reference ? '(reference)' : within ? 'yes' : 'NO',
    ];
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)),
  );
  const format = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [format(header), format(widths.map((width) => '-'.repeat(width))), ...lines.map(format)].join('\n');
}

try {
  const rows: Row[] = [];
  for (const definition of functionManifest as readonly FunctionDefinition[]) {
    if (only !== undefined && !only.includes(definition.name)) continue;
    rows.push(await measure({ name: definition.name, entry: path.join(repositoryRoot, definition.entry) }));
  }
  const floorRows: Row[] = [];
  if (process.env.BENCH_FLOORS !== '0') for (const floor of floors) floorRows.push(await measure(floor));
  console.log(
    `Bundle budget: ${rows.length} functions of stage ${stage} (Powertools tracer ${variant.powertoolsTracer ? 'bundled' : 'not bundled'}), ` +
      `Node ${process.versions.node}, median of ${runs} fresh processes each, ` +
      `targets <= ${kilobytes(sizeBudgetBytes)} minified and <= ${loadRatioBudget}x the SDK-only load time\n`,
  );
  console.log(table(rows));
  if (floorRows.length > 0) {
    console.log(
      '\nThe floor under every function (the Lambda entry around a handler that does nothing), measured the same way:\n',
    );
    console.log(table(floorRows, true));
  }
  console.log('\nLargest parts of each bundle (minified bytes):');
  for (const row of rows) console.log(`  ${row.name}: ${row.largest}`);
  // The same test as the table's last column: the paired ratio.
  const missed = rows.filter((row) => row.bytes > sizeBudgetBytes || row.loadRatio > loadRatioBudget);
  if (missed.length > 0) {
    console.log(`\nOver budget: ${missed.map((row) => row.name).join(', ')}`);
    process.exitCode = 1;
  }
} finally {
  rmSync(workDirectory, { recursive: true, force: true });
}
