import { describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && /\.tsx?$/.test(e.name)).map((e) => join(e.parentPath, e.name));
}

describe('the domain', () => {
  it('imports no AWS SDK, CDK or middy, so it is tested fast and alone', async () => {
    const files = [
      ...(await sourceFiles('shared/domain')),
      ...(await sourceFiles('shared/words')),
      ...(await sourceFiles('shared/use-cases')),
      ...(await sourceFiles('shared/services')),
      ...(await sourceFiles('web')),
    ];
    expect(files.length).toBeGreaterThan(10);
    const offenders: string[] = [];
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      if (/from '(@aws-sdk\/|aws-cdk-lib|constructs|@middy\/)/.test(text)) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });
});
