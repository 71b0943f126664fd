import { DeleteTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { serve } from '@hono/node-server';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../functions/api/app.js';
import { createDynamoClients } from '../../shared/adapters/dynamodb/client.js';
import { ensureTable } from '../../shared/adapters/dynamodb/create-table.js';
import { dynamoStores } from '../../shared/adapters/dynamodb/stores.js';
import type { OrgConfig } from '../../shared/domain/org-config.js';
import { errorName, memoryLog } from '../../shared/logger.js';
import { systemClock } from '../../shared/ports/clock.js';
import { closeWave } from '../../shared/use-cases/close-wave.js';
import { importRoster } from '../../shared/use-cases/import-roster.js';
import { listWholeRoster } from '../../shared/services/roster-reads.js';
import { openWave } from '../../shared/use-cases/open-wave.js';
import { runAlerts } from '../../shared/use-cases/run-alerts.js';
import { localServices } from './local-services.js';
import { SmokeFailure, type SmokeTarget } from './smoke.js';
import { newSmokeId, smokeOrgFromTemplate, smokeRosterCsv, throwawayProblems } from './smoke-org.js';

/** Whether an SDK error came back from the service; one without an HTTP status never reached it. */
function answered(error: unknown): boolean {
  return error instanceof Error && '$metadata' in error && typeof (error.$metadata as { httpStatusCode?: unknown }).httpStatusCode === 'number';
}

/** A pulse link in a message, with its language if it names one. */
const PULSE_LINK = /https?:\/\/\S+\/p\/[A-Za-z0-9_-]{22}(?:\?lang=[a-z]{2})?/;
const DASHBOARD_LINK = /https?:\/\/\S+\/d\/[A-Za-z0-9_.-]+/;

/**
 * The smoke test on this machine, beside whatever else runs there: a table of its own on the
 * DynamoDB Local the platform uses (`smoke-<random>`, deleted at the end, failed or not),
 * the template organization under the same id, messages in an outbox of its own, and the
 * same app the platform serves, started in this process on a free loopback port, so the
 * demo's data and the running platform are never touched.
 * runSmoke -> local target -> DynamoDB Local, use cases, outbox, in-process app
 */
export function localSmokeTarget(options: { endpoint: string; templateFile?: string }): SmokeTarget {
  const id = newSmokeId();
  const log = memoryLog();
  const { client, documentClient } = createDynamoClients({ endpoint: options.endpoint });
  let org: OrgConfig | undefined;
  let tableMade = false;
  let outboxDir: string | undefined;
  let server: Server | undefined;
  let services: ReturnType<typeof localServices> | undefined;
  let executiveLink: string | undefined;

  const ready = () => {
    if (!org || !services) throw new SmokeFailure('the throwaway organization was not prepared');
    return { org, services };
  };

  return {
    description: `local, throwaway organization ${id} in table ${id} on DynamoDB Local at ${options.endpoint}`,

    async prepare() {
      org = await smokeOrgFromTemplate(id, options.templateFile);
      const refused = throwawayProblems(org);
      if (refused.length > 0) throw new SmokeFailure(`the template is not a throwaway organization: ${refused.join('; ')}`);
      try {
        await ensureTable(client, id);
        tableMade = true;
      } catch (error) {
        if (!answered(error)) {
          throw new SmokeFailure(
            `DynamoDB Local at ${options.endpoint} did not answer (${error instanceof Error && 'code' in error ? String(error.code) : errorName(error)}). Start the local platform with \`npm start\` in another terminal, or set DYNAMODB_ENDPOINT to a DynamoDB Local that runs.`,
            { cause: error },
          );
        }
        // It answered, so the table may have been made before the error: delete it too.
        tableMade = true;
        throw error;
      }
      outboxDir = await mkdtemp(join(tmpdir(), `care-pulse-${id}-`));
      // The app listens first, on a port the system picks, so links can name it.
      const app = createApp({ ...dynamoStores({ client: documentClient, tableName: id }), clock: systemClock, org, log });
      const listening = await new Promise<{ server: Server; port: number }>((resolve, reject) => {
        const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
          resolve({ server: started as Server, port: info.port }),
        );
        started.once('error', reject);
      });
      server = listening.server;
      const baseUrl = `http://127.0.0.1:${listening.port}`;
      services = localServices({ documentClient, tableName: id, org, outboxDir, baseUrl, clock: systemClock, log });
      const imported = await importRoster({ ...services.stores, org }, { file: 'smoke roster', text: smokeRosterCsv(org) });
      const roster = await listWholeRoster(services);
      const problems = throwawayProblems(org, roster);
      if (problems.length > 0) throw new SmokeFailure(`not a throwaway roster: ${problems.join('; ')}`);
      return `table ${id}: ${imported.changes.added} staff in ${org.departments.length} departments, all SES mailbox simulator addresses; app on ${baseUrl}`;
    },

    async open() {
      const { services } = ready();
      const { wave, dispatch } = await openWave(services.waveDeps);
      return { waveId: wave.id, issued: wave.issued, said: `opened wave ${wave.id} for ${wave.issued} staff; ${dispatch.queued.invite} invitations queued` };
    },

    async links(wave) {
      const { services } = ready();
      // Locally the queue sends as it is filled: by now every invitation is in the outbox, or failed.
      if (services.queue.failed.length > 0) throw new SmokeFailure(`${services.queue.failed.length} of ${wave.issued} invitations failed to send`);
      const links = [...new Set((await services.outbox.list()).flatMap((message) => PULSE_LINK.exec(message.text)?.[0] ?? []))];
      if (links.length !== wave.issued) throw new SmokeFailure(`${links.length} of ${wave.issued} invitations with a pulse link in the outbox`);
      return { links, said: `${links.length} of ${wave.issued} invitations sent, each with its own link (local outbox)` };
    },

    async close(waveId) {
      const { services } = ready();
      services.forget();
      await closeWave(services.waveDeps, waveId);
      if ((await services.stores.waves.getWave(waveId))?.status !== 'closed') throw new SmokeFailure(`wave ${waveId} still reads as open after closing it`);
      return `closed wave ${waveId}; its secret destroyed`;
    },

    async sendDigests(waveId) {
      const { org, services } = ready();
      const report = await runAlerts({ ...services.stores, messenger: services.outbox, clock: systemClock, org, log, baseUrl: services.deliverDeps.baseUrl });
      if (report.waveId !== waveId) throw new SmokeFailure(`the alert run evaluated ${report.waveId ?? 'no wave'}, not ${waveId}`);
      const leaders = org.leaders.filter((leader) => leader.executive || leader.departments.length > 0);
      if (report.sent.length !== leaders.length) {
        throw new SmokeFailure(
          `${report.sent.length} of ${leaders.length} leaders' digests sent (${report.refused.length} refused, ${report.retryLater.length} to retry, ${report.alreadySent.length} sent before)`,
        );
      }
      const executive = leaders.find((leader) => leader.executive) ?? leaders[0]!;
      executiveLink = DASHBOARD_LINK.exec(report.digests.find((digest) => digest.leaderId === executive.id)?.text ?? '')?.[0];
      if (!executiveLink) throw new SmokeFailure(`${executive.name}'s digest carries no dashboard link`);
      return `${report.sent.length} of ${leaders.length} leaders' digests sent, each with a dashboard link (local outbox)`;
    },

    async dashboard(waveId) {
      const { org, services } = ready();
      const leader = org.leaders.find((l) => l.executive) ?? org.leaders[0]!;
      if (!executiveLink) throw new SmokeFailure('no digest link to open');
      return { url: executiveLink, leaderName: leader.name, published: await services.stores.figures.readPublished(waveId) };
    },

    async cleanUp() {
      const done: string[] = [];
      if (server) {
        const open = server;
        open.closeAllConnections();
        await new Promise<void>((resolve) => open.close(() => resolve()));
        done.push('app stopped');
      }
      if (tableMade) {
        try {
          await client.send(new DeleteTableCommand({ TableName: id }));
          done.push(`table ${id} deleted`);
        } catch (error) {
          if (!(error instanceof ResourceNotFoundException)) throw error;
          done.push(`no table ${id} was made`);
        }
      }
      if (outboxDir) {
        await rm(outboxDir, { recursive: true, force: true });
        done.push('its outbox deleted');
      }
      client.destroy();
      return done.length > 0 ? done.join(', ') : 'nothing to clean up';
    },
  };
}
