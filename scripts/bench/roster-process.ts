/**
 * The roster import benchmark. Prints one JSON line.
 * Usage: node --import tsx scripts/bench/roster-process.ts <dynamodb endpoint> <rows>
 *
 * This process writes the file; another imports it, so its peak memory is the import's and
 * not what writing the file or earlier sections of the run left behind. That process runs
 * plain node over an esbuild bundle of this file (own-process.ts); an empty bundle run the
 * same way gives `baselineRssMb`, so a reader sees what the import adds.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { benchOrg, benchPlatform } from './fixtures.js';
import { round, timed } from './measure.js';
import { bundleForOwnProcess, lastJsonLine } from './own-process.js';
import { peakRssMb } from './peak-rss.js';

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
      lines.push(
        `${email},+1202${String(5_000_000 + i).padStart(7, '0')},d${department},${i % 3 ? 'nurse' : 'physician'},en,${['email', 'sms', 'both'][i % 3]}\n`,
      );
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
  const { ms, result } = await timed(() => importRoster({ ...platform.stores, org }, { file, read: () => createReadStream(file) }));
  return {
    tableName: platform.tableName,
    rows: result.rows,
    changes: result.changes,
    seconds: round(ms / 1000, 2),
    rowsPerSecond: round(result.rows / (ms / 1000), 0),
    peakRssMb: peakRssMb(),
  };
}

/**
 * Roster import of `rows` rows: the file written here, then imported by a plain node process
 * over a bundle of this file, beside an empty process run the same way.
 */
export async function benchRoster(endpoint: string, rows: number) {
  const dir = await mkdtemp(join(tmpdir(), 'bench-roster-'));
  try {
    const file = join(dir, 'roster.csv');
    await pipeline(Readable.from(rosterCsv(rows)), createWriteStream(file));
    const nextMonth = join(dir, 'roster-next-month.csv');
    await pipeline(Readable.from(rosterCsv(rows, true)), createWriteStream(nextMonth));
    const bundle = await bundleForOwnProcess(dir, { 'roster-process': fileURLToPath(import.meta.url) });
    const baselineRssMb = await bundle.baselineRssMb();
    const measured = (await lastJsonLine([bundle.path('roster-process'), endpoint, FILE, file])) as Awaited<ReturnType<typeof benchRosterHere>>;
    // The import an organization runs every month: the same people, a few changed, into the
    // roster the first one stored (every stored person's facts and contacts are held).
    const reimport = (await lastJsonLine([bundle.path('roster-process'), endpoint, FILE, nextMonth, measured.tableName])) as Awaited<
      ReturnType<typeof benchRosterHere>
    >;
    const { tableName: _first, ...first } = measured;
    const { tableName: _again, ...again } = reimport;
    return { ...first, imported: first.changes.added, baselineRssMb, reimport: again };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [endpoint, rowsOrFlag, file, tableName] = process.argv.slice(2);
  if (!endpoint || !rowsOrFlag || (rowsOrFlag === FILE && !file))
    throw new Error(`usage: roster-process.ts <dynamodb endpoint> <rows>, or <dynamodb endpoint> ${FILE} <roster.csv> [<table>] to import in this process`);
  console.log(JSON.stringify(rowsOrFlag === FILE ? await benchRosterHere(endpoint, file!, tableName) : await benchRoster(endpoint, Number(rowsOrFlag))));
}
