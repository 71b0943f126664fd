/**
 * The roster import benchmark in a process of its own, so its peak memory is the import's
 * and not what earlier sections of the run left behind. Prints one JSON line.
 * Usage: node --import tsx scripts/bench/roster-process.ts <dynamodb endpoint> <rows>
 */
import { benchRoster } from './sections.js';

const [endpoint, rows] = process.argv.slice(2);
if (!endpoint || !rows) throw new Error('usage: roster-process.ts <dynamodb endpoint> <rows>');
console.log(JSON.stringify(await benchRoster(endpoint, Number(rows))));
