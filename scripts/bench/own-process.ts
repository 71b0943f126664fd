/**
 * Part of a benchmark run in a process of its own: plain node over an esbuild bundle of its
 * entry, because the TypeScript loader alone holds some 80 MB that is no part of what is
 * measured. An empty bundle run the same way gives the baseline a reader compares against.
 * Both measure their peak with peakRssMb (peak-rss.ts).
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Bundles `entries` (name -> TypeScript file) into `dir` as `<name>.mjs`, beside `empty.mjs`,
 * a process that prints its own peak memory and does nothing else.
 */
export async function bundleForOwnProcess(dir: string, entries: Record<string, string>) {
  // Not imported above: a bundled copy has no esbuild to load, and needs none.
  const { build } = await import('esbuild');
  await writeFile(
    join(dir, 'empty.ts'),
    `import { peakRssMb } from ${JSON.stringify(fileURLToPath(new URL('./peak-rss.ts', import.meta.url)))};\nconsole.log(JSON.stringify({ peakRssMb: peakRssMb() }));\n`,
  );
  await build({
    entryPoints: { ...entries, empty: join(dir, 'empty.ts') },
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    external: ['esbuild'],
    // Some dependencies still call require(); give the ESM bundle one.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return {
    /** The bundle of one entry, to run with plain node. */
    path: (name: string) => join(dir, `${name}.mjs`),
    /** Peak RSS of an empty process run the same way. */
    baselineRssMb: async () => ((await lastJsonLine([join(dir, 'empty.mjs')])) as { peakRssMb: number }).peakRssMb,
  };
}

/** Runs plain node with `args` and reads the JSON on the last line it prints. */
export async function lastJsonLine(args: string[]): Promise<unknown> {
  const { stdout } = await run(process.execPath, args, { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as unknown;
}
