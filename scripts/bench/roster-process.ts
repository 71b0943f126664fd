/**
 * The roster import benchmark. Prints one JSON line.
 * Usage: node --import tsx scripts/bench/roster-process.ts <dynamodb endpoint> <rows>
 *
 * This process writes the file; another imports it, so its peak memory is the import's and
 * not what writing the file or earlier sections of the run left behind. That process runs
 * plain node over an esbuild bundle of this file, because the TypeScript loader alone holds
 * some 80 MB that is no part of the import; an empty bundle run the same way gives
 * `baselineRssMb`, so a reader sees what the import adds.
 */
import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { benchOrg, benchPlatform } from './fixtures.js';
import { round, timed } from './measure.js';

const run = promisify(execFile);

/** Tells the bundled copy to import a file in its own process rather than launch one. */
const FILE = '--file';

/**
 * A roster of `rows` people in 100 departments, a thousand lines a chunk. `nextMonth` is the
 * same organization an import later: one person in 50 gone, one in 50 moved to another
 * department, one in 100 with a new email (their phone kept), and as many newcomers as leavers.
 */
function* rosterCsv(rows: number, nextMonth = false): Generator<string> {
  yield 'email,phone,department,role,locale,channel\n';
  const last = nextMonth ? rows + rows / 50 : rows;
  for (let start = 0; start < last; start += 1000) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(last, start + 1000); i++) {
      if (nextMonth && i < rows && i % 50 === 7) continue;
      const department = nextMonth && i % 50 === 11 ? (i + 1) % 100 : i % 100;
      const email = nextMonth && i % 100 === 13 ? `person.${i}@new-domain.example` : `person.${i}@bench.example`;
      lines.push(`${email},+1202${String(5_000_000 + i).padStart(7, '0')},d${department},${i % 3 ? 'nurse' : 'physician'},en,${['email', 'sms', 'both'][i % 3]}\n`);
    }
    yield lines.join('');
  }
}

/**
 * Imports a roster file in this process, streamed from disk as the CLI does it, into an
 * empty table or into `tableName` as an earlier import left it: the time, what changed, and
 * this process's peak memory.
 */
export async function benchRosterHere(endpoint: string, file: string, tableName?: string) {
  const { importRoster } = await import('../../shared/use-cases/import-roster.js');
  const org = benchOrg(100);
  const platform = await benchPlatform(endpoint, org, tableName);
  const { ms, result } = await timed(() => importRoster({ store: platform.store, org }, { file, read: () => createReadStream(file) }));
  return { tableName: platform.tableName, rows: result.rows, changes: result.changes, seconds: round(ms / 1000, 2), rowsPerSecond: round(result.rows / (ms / 1000), 0), peakRssMb: round(process.resourceUsage().maxRSS / 1024, 0) };
}

/**
 * Roster import of `rows` rows: the file written here, then imported by a plain node process
 * over a bundle of this file, beside an empty process run the same way.
 */
export async function benchRoster(endpoint: string, rows: number) {
  // Not imported above: the bundled copy has no esbuild to load, and needs none.
  const { build } = await import('esbuild');
  const dir = await mkdtemp(join(tmpdir(), 'bench-roster-'));
  try {
    const file = join(dir, 'roster.csv');
    await pipeline(Readable.from(rosterCsv(rows)), createWriteStream(file));
    const nextMonth = join(dir, 'roster-next-month.csv');
    await pipeline(Readable.from(rosterCsv(rows, true)), createWriteStream(nextMonth));
    await writeFile(join(dir, 'empty.ts'), 'console.log(JSON.stringify({ peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));\n');
    await build({
      entryPoints: { 'roster-process': fileURLToPath(import.meta.url), empty: join(dir, 'empty.ts') },
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
    const lastLine = async (args: string[]) => JSON.parse((await run(process.execPath, args, { maxBuffer: 1 << 20 })).stdout.trim().split('\n').at(-1)!) as unknown;
    const baseline = (await lastLine([join(dir, 'empty.mjs')])) as { peakRssMb: number };
    const measured = (await lastLine([join(dir, 'roster-process.mjs'), endpoint, FILE, file])) as Awaited<ReturnType<typeof benchRosterHere>>;
    // The import an organization runs every month: the same people, a few changed, into the
    // roster the first one stored (every stored person's facts and contacts are held).
    const reimport = (await lastLine([join(dir, 'roster-process.mjs'), endpoint, FILE, nextMonth, measured.tableName])) as Awaited<ReturnType<typeof benchRosterHere>>;
    const { tableName: _first, ...first } = measured;
    const { tableName: _again, ...again } = reimport;
    return { ...first, imported: first.changes.added, baselineRssMb: baseline.peakRssMb, reimport: again };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [endpoint, rowsOrFlag, file, tableName] = process.argv.slice(2);
  if (!endpoint || !rowsOrFlag || (rowsOrFlag === FILE && !file)) throw new Error(`usage: roster-process.ts <dynamodb endpoint> <rows>, or <dynamodb endpoint> ${FILE} <roster.csv> [<table>] to import in this process`);
  console.log(JSON.stringify(rowsOrFlag === FILE ? await benchRosterHere(endpoint, file!, tableName) : await benchRoster(endpoint, Number(rowsOrFlag))));
}
