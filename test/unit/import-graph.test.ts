import { describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, normalize } from 'node:path';

/**
 * The house's joints: no module reaches itself again through its imports (types included,
 * which is where circles hide), and the domain imports nothing from ports, adapters or use
 * cases: they depend on it, never the reverse. The words people read (shared/words) sit
 * beside the domain, under the same rule: the domain, the Lambdas and the pages all read them.
 */
async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && /\.tsx?$/.test(e.name)).map((e) => normalize(join(e.parentPath, e.name)));
}

async function importGraph(): Promise<Map<string, string[]>> {
  const files = [...(await sources('shared')), ...(await sources('functions')), ...(await sources('web')), ...(await sources('infra'))];
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    const targets = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+'(\.{1,2}\/[^']+)'/g)].map((m) => {
      const resolved = normalize(join(dirname(file), m[1]!)).replace(/\.js$/, '');
      return [`${resolved}.ts`, `${resolved}.tsx`].find((candidate) => known.has(candidate));
    });
    graph.set(
      file,
      targets.filter((t): t is string => t !== undefined),
    );
  }
  return graph;
}

describe('the import graph', () => {
  it('has no circles', async () => {
    const graph = await importGraph();
    const circles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        circles.push([...path.slice(path.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'visiting');
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(circles).toEqual([]);
  });

  it('has no use case importing another: what two share lives in the domain or in shared/services', async () => {
    const graph = await importGraph();
    const between = [...graph].flatMap(([file, targets]) =>
      file.startsWith('shared/use-cases/') ? targets.filter((t) => t.startsWith('shared/use-cases/')).map((t) => `${file} -> ${t}`) : [],
    );
    const servicesUp = [...graph].flatMap(([file, targets]) =>
      file.startsWith('shared/services/') ? targets.filter((t) => t.startsWith('shared/use-cases/')).map((t) => `${file} -> ${t}`) : [],
    );
    expect([...between, ...servicesUp]).toEqual([]);
  });

  it('points from the domain and its words to nothing above them', async () => {
    const graph = await importGraph();
    const above = /^(shared\/(ports|adapters|use-cases|services)|functions|infra|web|scripts)\//;
    const bottom = /^shared\/(domain|words)\//;
    const upward = [...graph].flatMap(([file, targets]) => (bottom.test(file) ? targets.filter((t) => above.test(t)).map((t) => `${file} -> ${t}`) : []));
    expect(upward).toEqual([]);
  });
});
