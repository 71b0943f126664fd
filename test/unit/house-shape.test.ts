import { describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * What keeps the code carryable: no product file a reader cannot hold in mind, and no port so
 * wide that every use case depends on everything.
 */
const PRODUCT_DIRS = ['shared', 'functions', 'web', 'infra', 'scripts'];
const MAX_LINES = 400;
const MAX_PORT_METHODS = 10;

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && /\.tsx?$/.test(e.name)).map((e) => join(e.parentPath, e.name));
}

/** Each exported interface of a port file with the methods it declares. */
export function portMethods(text: string): { name: string; methods: string[] }[] {
  return [...text.matchAll(/export interface (\w+)(?: extends [^{]+)? \{([\s\S]*?)\n\}/g)].map((match) => ({
    name: match[1]!,
    methods: [...match[2]!.matchAll(/^ {2}(\w+)\??\(/gm)].map((m) => m[1]!),
  }));
}

describe('the house', () => {
  it(`has no product file over ${MAX_LINES} lines`, async () => {
    const files = (await Promise.all(PRODUCT_DIRS.map(sourceFiles))).flat();
    expect(files.length).toBeGreaterThan(50);
    const long = [];
    for (const file of files) {
      const lines = (await readFile(file, 'utf8')).split('\n').length;
      if (lines > MAX_LINES) long.push(`${file}: ${lines} lines`);
    }
    expect(long).toEqual([]);
  });

  it(`has no port over ${MAX_PORT_METHODS} methods`, async () => {
    const ports = [];
    for (const file of await sourceFiles('shared/ports')) for (const port of portMethods(await readFile(file, 'utf8'))) ports.push({ file, ...port });
    expect(ports.find((p) => p.name === 'RosterStore')?.methods).toContain('visitAllStaff');
    expect(ports.filter((p) => p.methods.length > MAX_PORT_METHODS).map((p) => `${p.file} ${p.name}: ${p.methods.length} methods`)).toEqual([]);
  });

  it('counts a port’s methods as a reader would, so a wide one cannot pass unseen', () => {
    const wide = `export interface Wide {\n${Array.from({ length: 11 }, (_, i) => `  m${i}(x: string): Promise<void>;\n  /** a comment(with parens) */`).join('\n')}\n}`;
    expect(portMethods(wide)).toEqual([{ name: 'Wide', methods: Array.from({ length: 11 }, (_, i) => `m${i}`) }]);
  });
});
