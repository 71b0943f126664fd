import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The emulator as `npm start` and the tests start it: a Java process of its own, which must
 * end with the process that started it (Ctrl+C while the demo seeds stops two of them).
 */
const STARTER = `
  const { startDynamoLocal } = await import(${JSON.stringify(resolve('scripts/lib/dynamodb-local.ts'))});
  const dynamo = await startDynamoLocal();
  const environment = (await import('node:fs')).readFileSync('/proc/' + dynamo.process.pid + '/environ', 'utf8');
  console.log(JSON.stringify({ pid: dynamo.process.pid, javaOptions: environment.split('\\0').find((v) => v.startsWith('JDK_JAVA_OPTIONS=')), after: process.env.JDK_JAVA_OPTIONS ?? null }));
  process.exit(0);
`;

const running = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
};

describe('DynamoDB Local, as the platform starts it', () => {
  it('does not outlive the process that started it, and keeps the developer’s own Java options last so they win', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', STARTER], {
      env: { ...process.env, JDK_JAVA_OPTIONS: '-Xmx384m' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    expect(code, output).toBe(0);
    const started = JSON.parse(output.trim().split('\n').at(-1)!) as { pid: number; javaOptions: string; after: string | null };

    expect(started.javaOptions).toBe('JDK_JAVA_OPTIONS=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx384m');
    // The starter's own environment is as it was: only the emulator got the options.
    expect(started.after).toBe('-Xmx384m');
    for (let waited = 0; running(started.pid) && waited < 5_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    expect(running(started.pid), 'the emulator is still running after its starter exited').toBe(false);
  });
});
