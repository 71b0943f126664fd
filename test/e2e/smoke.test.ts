import { describe, expect, inject, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createDynamoClients } from '../../shared/adapters/dynamodb/client.js';
import { freePort } from '../../scripts/lib/dynamodb-local.js';

/**
 * `npm run pulse -- smoke` as an admin runs it, against the test run's DynamoDB Local: a
 * whole cycle on a throwaway organization, every step on a line of its own.
 */
const STEPS = ['prepare', 'open', 'deliver', 'answer', 'close', 'alerts', 'dashboard', 'clean up'];

async function smoke(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  // A data folder of its own: no running platform's record is found there.
  const dataDir = await mkdtemp(join(tmpdir(), 'care-pulse-smoke-test-'));
  try {
    const cli = spawn('node_modules/.bin/tsx', ['scripts/pulse.ts', 'smoke'], {
      env: { ...process.env, PULSE_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    cli.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    cli.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => cli.once('exit', resolve));
    return { code, output };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function smokeTables(endpoint: string): Promise<string[]> {
  const { client } = createDynamoClients({ endpoint });
  try {
    const tables: string[] = [];
    let start: string | undefined;
    do {
      const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
      tables.push(...(page.TableNames ?? []));
      start = page.LastEvaluatedTableName;
    } while (start);
    return tables.filter((name) => name.startsWith('smoke-'));
  } finally {
    client.destroy();
  }
}

const stepLine = (output: string, step: string) => output.split('\n').find((line) => new RegExp(`^. ${step}:`).test(line));

describe('npm run pulse -- smoke', () => {
  it('runs a whole cycle on the local DynamoDB Local, every step passing, and leaves no table behind', async () => {
    const endpoint = inject('dynamoEndpoint');
    const { code, output } = await smoke({ DYNAMODB_ENDPOINT: endpoint });
    for (const step of STEPS) expect(stepLine(output, step), `${step} in:\n${output}`).toMatch(/^\u2714 /);
    expect(stepLine(output, 'answer')).toMatch(/11 of 12 links answered by POST to http:\/\/127\.0\.0\.1:\d+\/p\/<token>/);
    expect(stepLine(output, 'dashboard')).toMatch(/answers 200 and shows the \d+ published figures of 3 groups/);
    expect(output).toContain('Smoke test passed');
    expect(code).toBe(0);
    expect(await smokeTables(endpoint)).toEqual([]);
    // Never a token, a dashboard link or an address.
    expect(output).not.toMatch(/\/p\/[A-Za-z0-9_-]{22}/);
    expect(output).not.toMatch(/\/d\/[A-Za-z0-9_-]+\.\d+\./);
    expect(output).not.toContain('@');
  }, 120_000);

  it('says DynamoDB Local did not answer, without a stack trace, and exits 1', async () => {
    const endpoint = `http://127.0.0.1:${await freePort()}`;
    const { code, output } = await smoke({ DYNAMODB_ENDPOINT: endpoint });
    expect(stepLine(output, 'prepare')).toContain(
      `\u2718 prepare:    DynamoDB Local at ${endpoint} did not answer (ECONNREFUSED). Start the local platform with \`npm start\``,
    );
    for (const step of STEPS.slice(1, -1)) expect(stepLine(output, step)).toMatch(/^- .* not run \(prepare failed\)/);
    expect(output).toContain('Smoke test failed at prepare.');
    expect(output).not.toMatch(/^\s+at /m);
    expect(code).toBe(1);
  }, 60_000);
});
