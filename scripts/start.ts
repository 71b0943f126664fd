/**
 * `npm start`: the whole platform on one machine. DynamoDB Local with the real table, the
 * Hono app on localhost, the demo organization with a first wave open, and an outbox
 * where every email and SMS lands.
 */
import { createAdaptorServer, type ServerType } from '@hono/node-server';
import { createApp } from '../functions/api/app.js';
import { runSchedule } from '../functions/dispatch/run-schedule.js';
import { ensureTable } from '../shared/adapters/dynamodb/create-table.js';
import { createDynamoClients } from '../shared/adapters/dynamodb/client.js';
import { loadOrgConfig } from '../shared/config.js';
import { AppError, StoredDataError } from '../shared/errors.js';
import { errorName, terminalLog } from '../shared/logger.js';
import { systemClock } from '../shared/ports/clock.js';
import { openWave } from '../shared/use-cases/open-wave.js';
import { readFile } from 'node:fs/promises';
import { importRoster, offChannelWarning } from '../shared/use-cases/import-roster.js';
import { runAlerts } from '../shared/use-cases/run-alerts.js';
import { basename, join } from 'node:path';
import { progressBar } from './lib/progress.js';
import { seedDemoYearApart } from './lib/seed-demo.js';
import { localServices } from './lib/local-services.js';
import { checkJava, PortInUseError, startDynamoLocal } from './lib/dynamodb-local.js';
import { PLATFORM_FILE, readLocalEnv } from './lib/local-env.js';
import { rmSync, writeFileSync } from 'node:fs';

const TICK_MS = 5 * 60 * 1000;

async function main() {
  const env = readLocalEnv();
  const javaProblem = checkJava();
  if (javaProblem) {
    console.error(javaProblem);
    process.exit(1);
  }
  const org = await loadOrgConfig(env.orgFile);

  // Bound first: a port in use says so before the long first start, and with PORT=0 the
  // links the outbox gets from then on carry the port the platform really has.
  const web = await listen(env.PORT);
  console.log(`Starting DynamoDB Local on ${env.PULSE_DYNAMODB_PORT === 0 ? 'a free port' : `port ${env.PULSE_DYNAMODB_PORT}`} (data in ${env.dynamoDir}) ...`);
  const dynamo = await startDynamoLocal({ port: env.PULSE_DYNAMODB_PORT, dataDir: env.dynamoDir }).catch((error: unknown) => {
    web.server.close();
    throw error instanceof PortInUseError ? new Error(`${error.message} ${portAdvice('PULSE_DYNAMODB_PORT')}`, { cause: error }) : error;
  });
  // Stopped while it seeds, too: left running, the emulator would hold its port and data.
  let stopping = false;
  let stopServing = () => {};
  const shutdown = async () => {
    stopping = true;
    stopServing();
    web.server.close();
    await dynamo.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  try {
    stopServing = await serveLocally({ ...env, PORT: web.port, baseUrl: `http://localhost:${web.port}` }, org, dynamo, web);
  } catch (error) {
    // What fails because the emulator was stopped under it is no news.
    if (stopping) return;
    web.server.close();
    // Left running, the emulator would hold its port and make the next start fail too.
    await dynamo.stop();
    if (error instanceof StoredDataError) {
      throw new Error(
        `${error.message}\n\nThe data in ${env.dataDir} was written by another version of Care Pulse. To start afresh, delete that folder (or set PULSE_DATA_DIR to a new one) and run npm start again.`,
        { cause: error },
      );
    }
    throw error;
  }
}

const portAdvice = (variable: string) => `Stop what runs there (another npm start?), or set ${variable} to another port; ${variable}=0 takes a free one.`;

/** What answers on the platform's port: a short "starting" until the app is ready. */
interface Listener {
  server: ServerType;
  port: number;
  serve(app: { fetch: (request: Request, env: unknown) => Response | Promise<Response> }): void;
}

/** Listens on `port` (0: a free one) and reports the port it got. */
async function listen(port: number): Promise<Listener> {
  let app: Parameters<Listener['serve']>[0] | undefined;
  const server = createAdaptorServer({
    fetch: (request, env) =>
      app?.fetch(request, env) ?? new Response('Care Pulse is starting; try again in a moment.\n', { status: 503, headers: { 'retry-after': '5' } }),
    hostname: '127.0.0.1',
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE' ? new Error(`Care Pulse could not listen on port ${port}: something else already does. ${portAdvice('PORT')}`) : error,
      ),
    );
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the platform listens on no TCP port');
  return { server, port: address.port, serve: (ready) => (app = ready) };
}

async function serveLocally(
  env: ReturnType<typeof readLocalEnv>,
  org: Awaited<ReturnType<typeof loadOrgConfig>>,
  dynamo: Awaited<ReturnType<typeof startDynamoLocal>>,
  web: Listener,
) {
  const { client, documentClient } = createDynamoClients({ endpoint: dynamo.endpoint });
  const created = await ensureTable(client, env.TABLE_NAME);
  const log = terminalLog();
  const services = localServices({ documentClient, tableName: env.TABLE_NAME, org, outboxDir: env.outboxDir, baseUrl: env.baseUrl, clock: systemClock, log });
  const { stores, outbox } = services;

  if ((await stores.waves.listWaves()).length === 0) {
    // orgs/<name>-roster.csv, when present, is the first roster (the demo ships one).
    const rosterFile = env.orgFile.replace(/\.json$/, '-roster.csv');
    const rosterText = await readFile(rosterFile, 'utf8').catch(() => undefined);
    if (rosterText === undefined) {
      console.log(`No roster yet: import one with \`npm run pulse -- roster import <file.csv>\`, then \`npm run pulse -- wave open\`.`);
    } else {
      const roster = { file: rosterFile, text: rosterText };
      // Only the demo gets a made-up past; a real organization starts from its first pulse.
      const demo = basename(env.orgFile) === 'demo.json';
      const seeded = demo
        ? await seedDemoYearApart({ documentClient, tableName: env.TABLE_NAME }, org, roster, new Date(), {
            onWave: progressBar('Seeding a year of closed demo pulses').update,
            onCopy: progressBar(`Writing it to ${env.dynamoDir}`).update,
          })
        : undefined;
      const imported = seeded?.imported ?? (await importRoster({ ...stores, org }, roster));
      if (imported.offChannelRows > 0) console.warn(`Warning: ${offChannelWarning(org, imported.offChannelRows)}`);
      if (seeded) {
        const { actions } = seeded;
        const alerts = await runAlerts({ ...stores, messenger: outbox, clock: systemClock, org, log, baseUrl: env.baseUrl });
        console.log(
          `Seeded ${org.name}'s last year: ${(await stores.waves.listWaves()).length} closed pulses, ${actions.length} leader actions; ${alerts.sent.length} leaders got the latest digest (see the outbox).`,
        );
      }
      const { wave, dispatch } = await openWave(services.waveDeps);
      console.log(
        `Loaded ${org.name}: ${imported.rows} staff in ${org.departments.length} departments; opened wave ${wave.id} and sent ${dispatch.queued.invite} people their link (see the outbox).`,
      );
      if (dispatch.held.length > 0) console.log(`Held until their send window opens: ${dispatch.held.join(', ')}.`);
    }
  } else {
    console.log(`Table ${env.TABLE_NAME} ${created === 'created' ? 'created' : 'found'} with existing waves; nothing reseeded.`);
  }

  const app = createApp({ ...stores, clock: systemClock, org, log, outbox });
  const platformFile = join(env.dataDir, PLATFORM_FILE);
  web.serve(app);
  // The admin CLI reads where we listen from here, so it needs no PORT of its own, even
  // when the ports were free ones picked at start.
  writeFileSync(platformFile, JSON.stringify({ port: web.port, dynamoPort: dynamo.port, pid: process.pid }));
  console.log('');
  console.log(`  Care Pulse is running at ${env.baseUrl}`);
  console.log(`  Outbox (click a pulse link): ${env.baseUrl}/dev/outbox`);
  console.log(`  Health check:                ${env.baseUrl}/healthz`);
  console.log(`  DynamoDB Local:              ${dynamo.endpoint}`);
  console.log('  Stop with Ctrl+C. Data stays in', env.dataDir);

  // The local stand-in for the hourly schedule: send what waited for a send window, and
  // close a wave whose time is up.
  const tick = setInterval(() => {
    services.forget();
    runSchedule({ ...services.waveDeps, log }, { action: 'tick' }).catch((error: unknown) => log.error('tick-failed', { error: errorName(error) }));
  }, TICK_MS);

  return () => {
    clearInterval(tick);
    rmSync(platformFile, { force: true });
  };
}

main().catch((error: unknown) => {
  console.error(error instanceof AppError ? error.message : error instanceof Error ? error.message : String(error));
  process.exit(1);
});
