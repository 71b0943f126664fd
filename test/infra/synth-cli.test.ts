import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs infra/app.ts as the CDK CLI does (context in CDK_CONTEXT_JSON) and returns its exit code and output. */
async function synthApp(context: Record<string, string>) {
  const outdir = await mkdtemp(join(tmpdir(), 'cdk-cli-'));
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'infra/app.ts'], {
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify(context), CDK_OUTDIR: outdir },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe('infra/app.ts', () => {
  it('refuses a broken org file with its path and the reason', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'org-'));
    const file = join(dir, 'broken.json');
    await writeFile(file, JSON.stringify({ id: 'broken', name: 'Broken', timeZone: 'Nowhere/City', departments: [], roleGroups: [{ id: 'rn', name: 'RN' }] }));
    const result = await synthApp({ org: 'broken', orgFile: file });
    expect(result.code).toBe(1);
    expect(result.output).toContain(`${file}: timeZone: not an IANA time zone`);
    expect(result.output).toContain(`${file}: departments: Too small`);
  }, 60_000);

  it('refuses a missing org file, saying which', async () => {
    const result = await synthApp({ org: 'nosuchorg' });
    expect(result.code).toBe(1);
    expect(result.output).toContain('orgs/nosuchorg.json: cannot read the file (ENOENT)');
  }, 60_000);

  it('asks for an organization when none is named', async () => {
    const result = await synthApp({});
    expect(result.code).toBe(1);
    expect(result.output).toContain('-c org=<name>');
  }, 60_000);
});
