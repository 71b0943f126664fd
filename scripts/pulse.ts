/**
 * The admin CLI: `npm run pulse -- <command>`.
 *
 *   status              roster head counts per department; waves with links issued and answers
 *   wave open           open the next wave and send everyone their link
 *   wave close [id]     close the open wave (or the one named): its links stop working
 */
import { parseArgs } from 'node:util';
import { AppError } from '../shared/errors.js';
import { systemClock } from '../shared/ports/clock.js';
import { closeWave } from '../shared/use-cases/close-wave.js';
import { describeStatus } from '../shared/use-cases/describe-status.js';
import { openWave } from '../shared/use-cases/open-wave.js';
import { adminContext } from './lib/admin-context.js';

const USAGE = `Usage: npm run pulse -- <command>

  status              roster head counts per department; waves, links issued, answers counted
  wave open           open the next wave and send every active staff member their link
  wave close [id]     close the open wave (or the one named); its links then answer "closed"

Environment: PULSE_ORG (default demo), PULSE_DATA_DIR, PULSE_DYNAMODB_PORT, DYNAMODB_ENDPOINT.`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  const [command, subcommand, argument] = positionals;
  if (values.help || command === undefined) {
    console.log(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  const known = command === 'status' || (command === 'wave' && (subcommand === 'open' || subcommand === 'close'));
  if (!known) {
    console.error(`Unknown command "${positionals.join(' ')}".\n\n${USAGE}`);
    return 2;
  }

  const context = await adminContext();
  try {
    if (command === 'status') {
      const status = await describeStatus(context);
      console.log(`${context.org.name} (k = ${context.org.k})\n`);
      console.log('Department                         active  inactive');
      for (const d of status.departments) console.log(`${d.name.padEnd(34)} ${String(d.activeStaff).padStart(6)}  ${String(d.inactiveStaff).padStart(8)}`);
      console.log('\nWave           status  closes                 issued  answered  rate');
      for (const w of status.waves) {
        const rate = w.issued === 0 ? '-' : `${Math.round((100 * w.answered) / w.issued)}%`;
        console.log(`${w.id.padEnd(14)} ${w.status.padEnd(7)} ${w.closesAt.slice(0, 16).replace('T', ' ')}Z  ${String(w.issued).padStart(6)}  ${String(w.answered).padStart(8)}  ${rate.padStart(4)}`);
      }
      if (status.waves.length === 0) console.log('(no waves yet: run `npm run pulse -- wave open`)');
      return 0;
    }
    if (subcommand === 'open') {
      const wave = await openWave({ store: context.store, messenger: context.messenger, clock: systemClock, org: context.org, baseUrl: context.env.baseUrl });
      console.log(`Opened wave ${wave.id}: ${wave.issued} links sent; closes ${wave.closesAt}.`);
      return 0;
    }
    const waves = await context.store.listWaves();
    const target = argument ?? waves.find((w) => w.status === 'open')?.id;
    if (target === undefined || !waves.some((w) => w.id === target)) {
      console.error(argument ? `There is no wave "${argument}". \`npm run pulse -- status\` lists them.` : 'No wave is open.');
      return 1;
    }
    await closeWave({ store: context.store, clock: systemClock }, target);
    console.log(`Closed wave ${target}. Its links now answer "this pulse has closed", and its secret is destroyed.`);
    return 0;
  } finally {
    context.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof AppError || error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
