/**
 * The roster import benchmark in a process of its own, so its peak memory is the import's
 * and not what earlier sections of the run left behind. Prints one JSON line.
 * Usage: node --import tsx scripts/bench/roster-process.ts <dynamodb endpoint> <rows>
 */
import { benchOrg, benchPlatform } from './fixtures.js';
import { round, timed } from './measure.js';

/** Roster import of `rows` rows into an empty table: time and the process's peak memory. */
export async function benchRoster(endpoint: string, rows: number) {
  const { importRoster } = await import('../../shared/use-cases/import-roster.js');
  const org = benchOrg(100);
  const platform = await benchPlatform(endpoint, org);
  const lines = ['email,phone,department,role,locale,channel'];
  for (let i = 0; i < rows; i++) lines.push(`person.${i}@bench.example,+1202${String(5_000_000 + i).padStart(7, '0')},d${i % 100},${i % 3 ? 'nurse' : 'physician'},en,${['email', 'sms', 'both'][i % 3]}`);
  const text = lines.join('\n');
  const { ms, result } = await timed(() => importRoster({ store: platform.store, org }, { file: 'bench.csv', text }));
  return { rows, imported: result.changes.added.length, seconds: round(ms / 1000, 2), rowsPerSecond: round(rows / (ms / 1000), 0), peakRssMb: round(process.resourceUsage().maxRSS / 1024, 0) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [endpoint, rows] = process.argv.slice(2);
  if (!endpoint || !rows) throw new Error('usage: roster-process.ts <dynamodb endpoint> <rows>');
  console.log(JSON.stringify(await benchRoster(endpoint, Number(rows))));
}
