/**
 * A year of closed pulses for the demo organization, so a newcomer's first dashboard has
 * trends, hotspots, follow-ups and a measured intervention. Every answer goes through the
 * real submit path (`submitPulse`: token consumed and aggregate added in one transaction),
 * printed cards' answers too; every wave is opened, closed and published by the real use
 * cases, at the dates it would have had; only the messages of past waves are not sent, since
 * nobody could click them.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDynamoClients } from '../../shared/adapters/dynamodb/client.js';
import { ensureTable } from '../../shared/adapters/dynamodb/create-table.js';
import { dynamoStores } from '../../shared/adapters/dynamodb/stores.js';
import { TableIO } from '../../shared/adapters/dynamodb/table-io.js';
import { DynamoWaveSecretStore } from '../../shared/adapters/dynamodb/wave-secrets.js';
import { mapLimit } from '../../shared/concurrency.js';
import type { Action } from '../../shared/domain/actions.js';
import { calendarDate } from '../../shared/domain/actions.js';
import type { OrgConfig } from '../../shared/domain/org-config.js';
import { canBeSent } from '../../shared/domain/staff.js';
import { deriveToken } from '../../shared/domain/tokens.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { DeliveryQueue } from '../../shared/ports/delivery-queue.js';
import type { Stores } from '../../shared/ports/stores.js';
import type { WaveSecretStore } from '../../shared/ports/wave-secrets.js';
import { closeWave } from '../../shared/use-cases/close-wave.js';
import { listRoster } from '../../shared/services/roster-reads.js';
import { changeAction, logAction } from '../../shared/use-cases/log-action.js';
import { openWave } from '../../shared/use-cases/open-wave.js';
import { cardId, tokenExpiresAt } from '../../shared/domain/wave.js';
import { CARD_ROLE } from '../../shared/domain/recording-units.js';
import { frozenCounts } from '../../shared/use-cases/run-alerts.js';
import { evaluateWave, HISTORY_WAVES, type Evaluation } from '../../shared/domain/evaluate-hotspots.js';
import { submitPulse } from '../../shared/use-cases/submit-pulse.js';
import { importRoster, type ImportRosterResult, type RosterSource } from '../../shared/use-cases/import-roster.js';
import { startDynamoLocal } from './dynamodb-local.js';
import { WaveCache } from '../../shared/services/pulse-links.js';
import { demoHistoryProfile, seededRandom, simulatedForm } from './demo-answers.js';
import { demoComment } from './demo-comments.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const CADENCE_DAYS = { week: 7, '2weeks': 14, month: 28 } as const;
/** Answers in flight at once: enough to keep DynamoDB Local busy, few enough to stay polite. */
const SUBMIT_CONCURRENCY = 8;

export interface SeedDeps extends Stores {
  secrets: WaveSecretStore;
  org: OrgConfig;
}

/** Past waves send nothing: their links would be closed before anyone could click them. */
const pastQueue: DeliveryQueue = { enqueue: async () => {} };

const fixedClock = (at: Date): Clock => ({ now: () => new Date(at) });

/**
 * Seeds `waves` closed pulses ending one cadence before `now`, with the demo's story: the
 * primary care clinic's EMR frustration halves after an EHR upgrade done mid-year, the
 * emergency department is buried in documentation and has lately become overloaded, and the
 * front desk reports verbal abuse. Returns the actions it logged.
 */
export async function seedDemoHistory(
  deps: SeedDeps,
  now: Date,
  options: { waves?: number; onWave?: (done: number, total: number) => void } = {},
): Promise<Action[]> {
  const { org, ...stores } = deps;
  const waves = options.waves ?? Math.round(365 / CADENCE_DAYS[org.cadence.every]);
  const every = CADENCE_DAYS[org.cadence.every] * DAY_MS;
  const openFor = org.cadence.openForDays * DAY_MS;
  const start = now.getTime() - waves * every;
  const at = (sequence: number, offsetMs = 0) => new Date(start + sequence * every + offsetMs);
  const upgradeAt = Math.floor(waves / 2);
  const roster = (await listRoster({ ...stores, org })).filter((person) => canBeSent(person, org.channels));
  const random = seededRandom(2026);
  const actions: Action[] = [];
  const published: Evaluation[] = [];
  const has = (department: string) => org.departments.some((d) => d.id === department);
  const leads = (leader: string) => org.leaders.some((l) => l.id === leader);
  // As the app's submit path does: a wave's questions are read once, not once per answer.
  const waveCache = new WaveCache();

  for (let sequence = 0; sequence < waves; sequence++) {
    // Leaders act between pulses, as they would.
    if (sequence === upgradeAt - 4 && has('primary-care') && leads('pc-director')) {
      const upgrade = await logAction({ ...stores, org, clock: fixedClock(at(sequence, -DAY_MS)) }, 'pc-director', {
        department: 'primary-care',
        kind: 'admin_burden',
        title: 'EHR upgrade chosen with the clinic’s own users',
        titleEs: 'Actualización del expediente clínico electrónico elegida con el propio personal de la clínica',
        status: 'in-progress',
      });
      actions.push(upgrade);
    }
    if (sequence === upgradeAt && actions[0]) {
      // Done the day after the pulse before it closed: that pulse is "before", the next "after".
      const doneAt = at(sequence - 1, openFor + DAY_MS);
      actions[0] = await changeAction({ ...stores, org, clock: fixedClock(doneAt) }, actions[0].id, {
        status: 'done',
        doneOn: calendarDate(doneAt, org.timeZone),
      });
    }
    if (sequence === waves - 8 && has('emergency') && leads('ed-manager')) {
      actions.push(
        await logAction({ ...stores, org, clock: fixedClock(at(sequence, -DAY_MS)) }, 'ed-manager', {
          department: 'emergency',
          kind: 'admin_burden',
          title: 'Scribes for evening shifts',
          titleEs: 'Escribas para los turnos de la tarde',
          status: 'planned',
        }),
      );
    }
    if (sequence === waves - 6 && has('billing') && leads('billing-manager')) {
      actions.push(
        await logAction({ ...stores, org, clock: fixedClock(at(sequence, -DAY_MS)) }, 'billing-manager', {
          department: 'billing',
          kind: 'workload',
          title: 'Clear the claim rework backlog with temporary help',
          titleEs: 'Ponerse al día con las reclamaciones por rehacer, con ayuda temporal',
          status: 'planned',
          targetOn: calendarDate(at(sequence + 3), org.timeZone),
        }),
      );
    }

    const openedAt = at(sequence);
    const { wave } = await openWave({ ...deps, queue: pastQueue, clock: fixedClock(openedAt) });
    const secret = await deps.secrets.get(wave.id);
    if (!secret) throw new Error(`The secret of wave ${wave.id} is missing right after it opened.`);
    const answering = roster.filter((person) => wave.units[`${person.department}/${person.roleGroup}`] !== undefined);
    // What its sends would have recorded: everyone in the wave was reached, so each unit's answers count.
    await stores.answers.recordReach(
      answering.map((person) => {
        const [department = '', roleGroup = ''] = wave.units[`${person.department}/${person.roleGroup}`]!.split('/');
        return { waveId: wave.id, staffId: person.id, unit: { department, roleGroup }, expiresAt: tokenExpiresAt(wave) };
      }),
    );
    // Comments from a sequence of their own too, so the answers are the same with them or without.
    const commentRandom = seededRandom(9000 + sequence);
    const forms = answering.flatMap((person) => {
      const profile = demoHistoryProfile(person.department, sequence, waves, upgradeAt);
      if (random() >= profile.responseRate) return [];
      const comment = demoComment(person.department, person.locale, commentRandom);
      return [
        {
          token: deriveToken(secret, person.id),
          form: {
            ...simulatedForm(wave.items, profile, random),
            wave: wave.id,
            unit: wave.units[`${person.department}/${person.roleGroup}`]!,
            ...(comment === undefined ? {} : { comment }),
          },
        },
      ];
    });
    // Printed cards answer as their department does, from a sequence of their own, so the
    // roster's answers are the same with cards or without.
    const cardRandom = seededRandom(7000 + sequence);
    const cardForms = Object.entries(wave.cards ?? {}).flatMap(([department, count]) => {
      const profile = demoHistoryProfile(department, sequence, waves, upgradeAt);
      return Array.from({ length: count }, (_, index) => cardId(department, index + 1))
        .filter(() => cardRandom() < profile.responseRate)
        .map((id) => ({
          token: deriveToken(secret, id),
          form: { ...simulatedForm(wave.items, profile, cardRandom), wave: wave.id, unit: wave.units[`${department}/${CARD_ROLE}`]! },
        }));
    });
    const answeredAt = fixedClock(new Date(openedAt.getTime() + openFor / 2));
    await mapLimit(forms, SUBMIT_CONCURRENCY, ({ token, form }) => submitPulse({ ...stores, org, clock: answeredAt, random, waveCache }, token, form));
    await mapLimit(cardForms, SUBMIT_CONCURRENCY, ({ token, form }) =>
      submitPulse({ ...stores, org, clock: answeredAt, random: cardRandom, waveCache }, token, form),
    );
    await closeWave({ ...stores, secrets: deps.secrets, clock: fixedClock(new Date(openedAt.getTime() + openFor)) }, wave.id);
    // Published in turn with the waves before it, as each alert run would have done: from the
    // counts frozen at close, since the close deleted the shards.
    const closed = await stores.waves.getWave(wave.id);
    if (!closed) throw new Error(`Wave ${wave.id} is missing right after it closed.`);
    const evaluation = evaluateWave(org, (await frozenCounts(stores.waves, [closed])).get(closed.id)!, published.slice(0, HISTORY_WAVES));
    await stores.figures.savePublished(evaluation);
    published.unshift(evaluation);
    options.onWave?.(sequence + 1, waves);
  }
  // Since the last pulse the scribes started: staff hear it on the pulse that opens next.
  const scribes = actions.findIndex((a) => a.title === 'Scribes for evening shifts');
  if (scribes >= 0)
    actions[scribes] = await changeAction({ ...stores, org, clock: fixedClock(new Date(now.getTime() - 2 * DAY_MS)) }, actions[scribes]!.id, {
      status: 'in-progress',
    });
  return actions;
}

/**
 * The demo's roster and year, written where writes cost least and then copied where they will
 * live. The real use cases write it all into an emulator held in memory; every item left at
 * the end (a small part of what was written: the close deletes what each wave no longer needs)
 * is then copied into `target` in one pass. On an emulator that keeps its data on disk, each
 * of the seed's writes would be a write to the file (docs/benchmarks.md, "The test suite").
 */
export async function seedDemoYearApart(
  target: { documentClient: DynamoDBDocumentClient; tableName: string },
  org: OrgConfig,
  roster: RosterSource,
  now: Date,
  options: { onWave?: (done: number, total: number) => void; onCopy?: (written: number, total: number) => void } = {},
): Promise<{ imported: ImportRosterResult; actions: Action[] }> {
  const scratch = await startDynamoLocal();
  const { client, documentClient } = createDynamoClients({ endpoint: scratch.endpoint });
  try {
    await ensureTable(client, target.tableName);
    const where = { client: documentClient, tableName: target.tableName };
    const seeded = await seedDemoYear(where, org, roster, now, options);
    await copyItems(where, { client: target.documentClient, tableName: target.tableName }, { onCopy: options.onCopy });
    return seeded;
  } finally {
    documentClient.destroy();
    client.destroy();
    await scratch.stop();
  }
}

/** The demo's roster, then its year, into one table, through the real use cases. */
export async function seedDemoYear(
  where: { client: DynamoDBDocumentClient; tableName: string },
  org: OrgConfig,
  roster: RosterSource,
  now: Date,
  options: { onWave?: (done: number, total: number) => void } = {},
): Promise<{ imported: ImportRosterResult; actions: Action[] }> {
  const stores = dynamoStores(where);
  const imported = await importRoster({ ...stores, org }, roster);
  const actions = await seedDemoHistory({ ...stores, secrets: new DynamoWaveSecretStore(where), org }, now, { onWave: options.onWave });
  return { imported, actions };
}

/** Every item of one table written into another, but those `skip` names. */
export async function copyItems(
  from: { client: DynamoDBDocumentClient; tableName: string },
  to: { client: DynamoDBDocumentClient; tableName: string },
  options: { skip?: (item: Record<string, unknown>) => boolean; onCopy?: (written: number, total: number) => void } = {},
): Promise<void> {
  const items: Record<string, unknown>[] = [];
  await new TableIO(from).scanPages({ ConsistentRead: true }, 4, (page) => void items.push(...page.filter((item) => !options.skip?.(item))));
  await new TableIO(to).batchPut(items, options.onCopy);
}
