/**
 * The admin CLI: `npm run pulse -- <command>`. See USAGE below.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { connect } from 'node:net';
import { parseArgs } from 'node:util';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { migrateTable } from '../shared/adapters/dynamodb/migrate.js';
import { TableIO } from '../shared/adapters/dynamodb/table-io.js';
import { AppError, InvalidInputError } from '../shared/errors.js';
import { closeWave } from '../shared/use-cases/close-wave.js';
import { describeStatus } from '../shared/use-cases/describe-status.js';
import { dispatchPending, type DispatchReport } from '../shared/services/dispatch.js';
import { describeShortUnit } from '../shared/domain/reach.js';
import { importRoster, offChannelWarning } from '../shared/use-cases/import-roster.js';
import { openWave } from '../shared/use-cases/open-wave.js';
import { remindWave } from '../shared/use-cases/remind-wave.js';
import { systemClock } from '../shared/ports/clock.js';
import { runAlerts } from '../shared/use-cases/run-alerts.js';
import { dashboardUrl, ensureDashboardKey } from '../shared/services/dashboard-links.js';
import { adminContext, readAdminTarget } from './lib/admin-context.js';
import { cardsCommand } from './lib/cards-command.js';
import { onAwsInstead, USAGE, WORKS_ON_AWS } from './lib/cli-usage.js';
import { demoLinks, demoRespondents, seededRandom, simulatedForm } from './lib/demo-answers.js';
import { progressBar } from './lib/progress.js';
import { listRoster } from '../shared/services/roster-reads.js';
import { removeFromRoster } from '../shared/use-cases/remove-from-roster.js';
import { changeAction, logAction } from '../shared/use-cases/log-action.js';
import { openFirst } from '../shared/domain/actions.js';
import type { Domain } from '../shared/domain/instrument.js';

type Context = Awaited<ReturnType<typeof adminContext>>;

type Flags = {
  'dry-run'?: boolean;
  'deactivate-many'?: boolean;
  status?: string;
  'target-on'?: string;
  'done-on'?: string;
  title?: string;
  'title-es'?: string;
  out?: string;
  lang?: string;
};

const commands: Record<string, (context: Context, args: string[], flags: Flags) => Promise<number>> = {
  'actions add': async (context, [leaderId, department, kind, title], flags) => {
    if (!leaderId || !department || !kind || !title)
      return usageError(
        'actions add needs a leader, a department, a kind and a title: npm run pulse -- actions add pc-director primary-care admin_burden "EHR upgrade"',
      );
    const action = await logAction({ ...context, clock: systemClock }, leaderId, {
      department,
      kind: kind as Domain,
      title,
      ...optional({ status: flags.status, targetOn: flags['target-on'], doneOn: flags['done-on'], titleEs: flags['title-es'] }),
    });
    console.log(
      `Logged ${action.id}: "${action.title}" for ${departmentName(context, action.department)} (${action.kind.replace('_', ' ')}), ${action.status}${action.doneOn ? ` on ${action.doneOn}` : ''}.`,
    );
    console.log('Staff of the department see it on their next pulse; leaders who oversee it see it on their dashboard.');
    return 0;
  },
  'actions list': async (context, [department]) => {
    if (department && !context.org.departments.some((d) => d.id === department))
      return fail(`Unknown department "${department}". Departments: ${context.org.departments.map((d) => d.id).join(', ')}.`);
    const actions = (await context.stores.actions.listActions(department ? { departments: [department] } : {})).sort(openFirst);
    if (actions.length === 0) return (console.log('No actions logged yet.'), 0);
    for (const a of actions) {
      const when = a.status === 'done' ? `done ${a.doneOn}` : `${a.status}${a.targetOn ? `, target ${a.targetOn}` : ''}`;
      console.log(`${a.id}  ${departmentName(context, a.department)}, ${a.kind.replace('_', ' ')}: "${a.title}" (${when})`);
    }
    return 0;
  },
  'actions update': async (context, [actionId], flags) => {
    if (!actionId)
      return usageError('actions update needs an action id (see `npm run pulse -- actions list`): npm run pulse -- actions update <id> --status done');
    const action = await changeAction(
      { ...context, clock: systemClock },
      actionId,
      optional({ status: flags.status, targetOn: flags['target-on'], doneOn: flags['done-on'], title: flags.title, titleEs: flags['title-es'] }),
    );
    console.log(
      `Updated ${action.id}: "${action.title}" is ${action.status}${action.doneOn ? ` (done ${action.doneOn})` : action.targetOn ? ` (target ${action.targetOn})` : ''}.`,
    );
    return 0;
  },
  'roster import': async (context, [file], flags) => {
    if (!file) return usageError('roster import needs a file: npm run pulse -- roster import staff.csv');
    const unreadable = (error: unknown) =>
      new InvalidInputError([`${file}: cannot read the file (${error instanceof Error && 'code' in error ? String(error.code) : 'unreadable'})`]);
    const readRosterFile = async function* () {
      try {
        yield* createReadStream(file);
      } catch (error) {
        throw unreadable(error);
      }
    };
    // Its size and time before each pass: a file saved between the check and the writes stops the import.
    const statRosterFile = () => stat(file).catch((error: unknown) => Promise.reject(unreadable(error)));
    const bar = progressBar('Importing');
    // Streamed from disk, twice (check, then write): a large roster is never held whole.
    const result = await importRoster(context, {
      file,
      read: readRosterFile,
      stat: statRosterFile,
      dryRun: flags['dry-run'] === true,
      deactivateMany: flags['deactivate-many'] === true,
      onProgress: bar.update,
    });
    const { added, updated, reactivated, deactivated, unchanged } = result.changes;
    console.log(`${result.dryRun ? 'Dry run, nothing written. Would import' : 'Imported'} ${result.rows} rows from ${file}:`);
    console.log(`  ${added} added, ${updated} updated, ${reactivated} reactivated, ${unchanged} unchanged, ${deactivated} deactivated`);
    if (deactivated > 0)
      console.log(
        `  deactivated (no longer in the file): ${Object.entries(result.deactivatedPerDepartment)
          .map(([d, n]) => `${d} ${n}`)
          .join(', ')}`,
      );
    if (result.offChannelRows > 0) console.warn(`  Warning: ${offChannelWarning(context.org, result.offChannelRows)}`);
    return 0;
  },
  'roster delete': async (context, [contact], flags) => {
    if (!contact) return usageError("roster delete needs the person's email or phone: npm run pulse -- roster delete nurse@example.org");
    const people = await removeFromRoster(context, contact, { dryRun: flags['dry-run'] === true });
    // Contacts are not echoed: the admin typed one, and terminals end up in logs.
    const departments = people.map((person) => context.org.departments.find((d) => d.id === person.department)?.name.en ?? person.department).join('; ');
    const entries = people.length === 1 ? 'the roster entry' : `the ${people.length} roster entries`;
    if (flags['dry-run']) {
      console.log(`Dry run, nothing deleted. Would delete ${entries} matching that contact (${departments}).`);
      return 0;
    }
    console.log(`Deleted ${entries} matching that contact (${departments}): their contacts, department, role and opt-outs are gone.`);
    console.log(
      'Nothing else names them: links are stored only as hashes, answers only as counts, and delivery records (a pseudonymous id) expire with their wave.',
    );
    console.log('Remove them from your roster file too, or the next import adds them back.');
    return 0;
  },
  status: async (context) => {
    const status = await describeStatus({ ...context, clock: systemClock });
    console.log(`${context.org.name} (k = ${context.org.k})\n`);
    console.log('Department                         active  inactive  reachable');
    for (const d of status.departments)
      console.log(`${d.name.padEnd(34)} ${String(d.activeStaff).padStart(6)}  ${String(d.inactiveStaff).padStart(8)}  ${String(d.reachableStaff).padStart(9)}`);
    if (status.unlistedDepartments.length > 0) {
      console.log('\nFiled under departments the org file no longer has (no wave counts them; their contacts are kept):');
      for (const d of status.unlistedDepartments)
        console.log(`${d.id.padEnd(34)} ${String(d.activeStaff).padStart(6)}  ${String(d.inactiveStaff).padStart(8)}`);
      console.log('Import the roster to move or deactivate them, or `roster delete <contact>` to delete someone.');
    }
    console.log('\nWave           status  closes                 issued  responses  rate');
    for (const w of status.waves) {
      const rate = w.issued === 0 || w.responses === undefined ? '-' : `${Math.round((100 * w.responses) / w.issued)}%`;
      const responses = w.responses ?? (w.status === 'open' ? 'at close' : '-');
      const row = [
        w.id.padEnd(14),
        w.status.padEnd(7),
        `${w.closesAt.slice(0, 16).replace('T', ' ')}Z`,
        String(w.issued).padStart(6),
        String(responses).padStart(9),
        rate.padStart(5),
      ];
      console.log(row.join(' '));
    }
    if (status.waves.length === 0) console.log('(no waves yet: run `npm run pulse -- wave open`)');
    if (status.olderWaves > 0) console.log(`(${status.olderWaves} older waves not shown)`);
    if (status.shortUnits.length > 0) {
      console.log('\nHeld: messages of the open wave that wait until k of their unit can be reached');
      for (const short of status.shortUnits) console.log(describeShortUnit(short, (id) => departmentName(context, id)));
    }
    return 0;
  },
  'wave open': async (context) => {
    const { wave, dispatch } = await openWave(context.waveDeps);
    const cards = Object.values(wave.cards ?? {}).reduce((sum, count) => sum + count, 0);
    const onCards = cards > 0 ? ` (${cards} on printed cards: \`cards <department>\` prints them)` : '';
    console.log(`Opened wave ${wave.id} for ${wave.issued} staff${onCards}; ${dispatch.queued.invite} sent their link now; closes ${wave.closesAt}.`);
    if (dispatch.held.length > 0) console.log(`Held until their send window opens: ${dispatch.held.join(', ')} (run \`wave dispatch\` later).`);
    printShortUnits(context, dispatch);
    return reportFailures(context);
  },
  'wave remind': async (context) => {
    const { waveId, dispatch } = await remindWave(context.waveDeps);
    console.log(`Wave ${waveId}: reminded ${dispatch.queued.reminder} people: everyone in the wave, since the platform cannot tell who has responded.`);
    if (dispatch.held.length > 0) console.log(`Held until their send window opens: ${dispatch.held.join(', ')}.`);
    printShortUnits(context, dispatch);
    return reportFailures(context);
  },
  'wave dispatch': async (context) => {
    const open = (await context.stores.waves.listWaves()).find((w) => w.status === 'open');
    if (!open) return fail('No wave is open.');
    const report = await dispatchPending(context.waveDeps, open.id);
    console.log(
      `Wave ${open.id}: sent ${report.queued.invite} invitations and ${report.queued.reminder} reminders.${report.held.length ? ` Still held: ${report.held.join(', ')}.` : ''}`,
    );
    printShortUnits(context, report);
    return reportFailures(context);
  },
  'wave close': async (context, [argument]) => {
    const waves = await context.stores.waves.listWaves();
    const target = argument ?? waves.find((w) => w.status === 'open')?.id;
    if (target === undefined || !waves.some((w) => w.id === target)) {
      return fail(argument ? `There is no wave "${argument}". \`npm run pulse -- status\` lists them.` : 'No wave is open.');
    }
    await closeWave(context.waveDeps, target);
    console.log(`Closed wave ${target}. Its links now say "this pulse has closed", and its secret is destroyed.`);
    return 0;
  },
  'alerts run': async (context, _args, flags) => {
    const report = await runAlerts(
      { ...context.stores, messenger: context.outbox, clock: systemClock, org: context.org, log: context.deliverDeps.log, baseUrl: context.env.baseUrl },
      { dryRun: flags['dry-run'] === true },
    );
    if (!report.waveId) return fail('No wave has closed yet: alerts look only at closed waves (`npm run pulse -- wave close`).');
    if (flags['dry-run']) {
      for (const digest of report.digests) console.log(`${'='.repeat(78)}\nTo: ${digest.to}\nSubject: ${digest.subject}\n\n${digest.text}\n`);
      console.log(`Dry run: ${report.digests.length} digests for wave ${report.waveId}, nothing sent.`);
      return 0;
    }
    console.log(
      report.sent.length > 0
        ? `Wave ${report.waveId}: sent ${report.sent.length} digests (see the outbox); ${report.alreadySent.length} had gone out before.`
        : report.alreadySent.length === report.digests.length
          ? `Wave ${report.waveId}: every digest had already gone out; nothing sent.`
          : `Wave ${report.waveId}: sent no digest; ${report.alreadySent.length} had gone out before.`,
    );
    if (report.refused.length > 0)
      console.error(`Refused for good, not tried again for this wave (check these leaders' addresses in the org config): ${report.refused.join(', ')}.`);
    if (report.retryLater.length > 0) console.error(`Failed in a way that may pass, tried again by the next run: ${report.retryLater.join(', ')}.`);
    return report.retryLater.length > 0 ? 1 : 0;
  },
  'dashboard link': async (context, [leaderId]) => {
    const leader = context.org.leaders.find((l) => l.id === leaderId);
    if (!leader)
      return usageError(
        `${leaderId ? `There is no leader "${leaderId}"` : 'Name a leader'}; the config's leaders are: ${context.org.leaders.map((l) => l.id).join(', ')}.`,
      );
    const baseUrl = context.target.baseUrl;
    if (baseUrl === undefined) return fail('dashboard link needs PULSE_BASE_URL: the PulseUrl output of the CarePulse-<id> stack.');
    // A link to a port nothing listens on is worse than none: it looks right and fails later.
    if (context.target.kind === 'local' && !(await listening(new URL(baseUrl)))) {
      return fail(
        `Nothing answers at ${baseUrl}. Start the platform with \`npm start\` (the CLI finds its ports in ${context.env.dataDir}), or set PORT to the port it runs on.`,
      );
    }
    console.log(
      `Dashboard of ${leader.name} (personal; do not forward):\n${dashboardUrl(await ensureDashboardKey(context.stores.actions), baseUrl, leader.id, systemClock.now())}`,
    );
    return 0;
  },
  'demo answer': async (context) => {
    // Answers the open wave's links the way the demo's departments would, through the running app.
    const open = (await context.stores.waves.listWaves()).find((w) => w.status === 'open');
    if (!open) return fail('No wave is open: `npm run pulse -- wave open` first.');
    const random = seededRandom(open.sequence + 1);
    // Only this wave's invitations: an earlier wave's links would take an answering share and then be refused.
    const invitations = (await context.outbox.list()).filter((m) => m.sentAt >= open.openedAt);
    const links = demoLinks(invitations, (text) => /(https?:\/\/\S+\/p\/[A-Za-z0-9_-]{22})/.exec(text)?.[1], await listRoster(context));
    const outcomes = new Map<number, number>();
    for (const { link, profile } of demoRespondents(links, random)) {
      const response = await fetch(link, { method: 'POST', body: new URLSearchParams(simulatedForm(open.items, profile, random)) }).catch(() => undefined);
      if (!response) return fail(`Could not reach ${context.env.baseUrl}: is \`npm start\` running?`);
      outcomes.set(response.status, (outcomes.get(response.status) ?? 0) + 1);
    }
    const words: Record<number, string> = {
      200: 'counted',
      409: 'already answered',
      410: 'closed or expired',
      404: 'not recognized',
      422: 'refused as incomplete',
      503: 'busy, to retry',
    };
    const said = [...outcomes].sort(([a], [b]) => a - b).map(([status, count]) => `${count} ${words[status] ?? `answered ${status}`}`);
    console.log(`Answered as the demo's staff: ${said.join(', ') || 'nothing (no links in the outbox)'}.`);
    console.log('Next: `npm run pulse -- wave close`, then `npm run pulse -- alerts run`.');
    return 0;
  },
  migrate: async (context) => {
    const report = await migrateTable(new TableIO({ client: context.documentClient, tableName: context.target.tableName }));
    console.log(
      `Migrated ${context.target.tableName}: ${report.plansPacked} wave plans packed, ${report.shardsMade} shards made for an open wave, ${report.countsFrozen} closed waves' counts frozen, ${report.shardsDeleted} closed waves' shards deleted, ${report.figuresRewritten} waves' published figures written under a save id.`,
    );
    if (report.figuresWithheld.length > 0)
      console.log(`Withheld as before (saved incompletely by 0.1.0, never shown): the figures of ${report.figuresWithheld.join(', ')}.`);
    return 0;
  },
  cards: (context, [department], flags) => cardsCommand(context, department, flags),
  'sms stop': async (context, [raw]) => {
    const phone = raw ? parsePhoneNumberFromString(raw, context.org.defaultCountry as CountryCode) : undefined;
    if (!phone?.isValid()) return usageError(`"${raw ?? ''}" is not a phone number; e.g. npm run pulse -- sms stop +13125550100`);
    await context.outbox.replyStop(phone.number);
    console.log('That number now counts as having replied STOP: the next SMS to it is not sent, and the roster records the opt-out.');
    return 0;
  },
};

/** Whether something accepts connections at the URL's host and port (half a second at most). */
function listening(url: URL): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port: Number(url.port || 80), timeout: 500 });
    const done = (ok: boolean) => (socket.destroy(), resolve(ok));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

/** Units whose messages wait because fewer than k of their people can be reached, in words. */
function printShortUnits(context: Context, report: DispatchReport): void {
  for (const short of report.short) console.log(describeShortUnit(short, (id) => departmentName(context, id)));
}

function departmentName(context: Context, id: string): string {
  return context.org.departments.find((d) => d.id === id)?.name.en ?? id;
}

/** Only the options given, so the schema's defaults apply to the rest. */
function optional<T extends Record<string, string | undefined>>(values: T): Partial<Record<keyof T, string>> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<Record<keyof T, string>>;
}

function reportFailures(context: Context): number {
  if (context.queue.failed.length === 0) return 0;
  console.error(`${context.queue.failed.length} messages failed to send; run the same command again to retry them.`);
  return 1;
}

function usageError(message: string): number {
  console.error(`${message}\n\n${USAGE}`);
  return 2;
}

function fail(message: string): number {
  console.error(message);
  return 1;
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      'dry-run': { type: 'boolean' },
      'deactivate-many': { type: 'boolean' },
      status: { type: 'string' },
      'target-on': { type: 'string' },
      'done-on': { type: 'string' },
      title: { type: 'string' },
      'title-es': { type: 'string' },
      out: { type: 'string' },
      lang: { type: 'string' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  // The smoke test makes its own organization and target, so it needs no admin context.
  if (positionals[0] === 'smoke' && positionals.length === 1) return (await import('./lib/smoke-command.js')).smokeCommand();
  const name = ['status', 'migrate', 'cards'].includes(positionals[0] ?? '') ? positionals[0]! : positionals.slice(0, 2).join(' ');
  const command = commands[name];
  if (!command) return usageError(positionals.length === 0 ? 'Name a command.' : `Unknown command "${positionals.join(' ')}".`);
  const args = positionals.slice(name.split(' ').length);
  if (readAdminTarget().kind === 'aws' && !WORKS_ON_AWS.has(name)) return fail(onAwsInstead(name));
  const context = await adminContext();
  try {
    return await command(context, args, values);
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
