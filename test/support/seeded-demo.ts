import { readFile } from 'node:fs/promises';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ResourceInUseException } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { createDynamoClients } from '../../shared/adapters/dynamodb/client.js';
import { ensureTable } from '../../shared/adapters/dynamodb/create-table.js';
import type { OrgConfig } from '../../shared/domain/org-config.js';
import { copyItems, seedDemoYear } from '../../scripts/lib/seed-demo.js';
import type { testPlatform } from './scenario.js';

/**
 * The demo organization as `npm start` builds it: its roster and a year of closed pulses,
 * answered through the real submit path and published by the real use cases. Seeding takes
 * most of a minute of DynamoDB Local's time, and several test files read the same year, so it
 * is seeded once per test run, into a table of its own, and each caller gets a copy of every
 * item in its own table to use as it likes. The first file to ask seeds it; one asking
 * meanwhile waits for it.
 */
const TEMPLATE_TABLE = 'seeded-demo-year';
/** Written last, so a copy is never taken of half a year. Not copied. */
const DONE = { pk: 'TEST#SEEDED', sk: 'DONE' };
const WAIT_MS = 300_000;

type Platform = Awaited<ReturnType<typeof testPlatform>>;

export async function copySeededDemoYear(platform: Pick<Platform, 'client' | 'documentClient' | 'tableName' | 'clock'>, org: OrgConfig): Promise<void> {
  const { client, documentClient } = createDynamoClients({ endpoint: inject('dynamoEndpoint') });
  try {
    let seeding = false;
    try {
      seeding = (await ensureTable(client, TEMPLATE_TABLE)) === 'created';
    } catch (error) {
      // Another file created it a moment before this one: it seeds.
      if (!(error instanceof ResourceInUseException)) throw error;
    }
    if (seeding) {
      try {
        const roster = { file: 'orgs/demo-roster.csv', text: await readFile('orgs/demo-roster.csv', 'utf8') };
        await seedDemoYear({ client: documentClient, tableName: TEMPLATE_TABLE }, org, roster, platform.clock.now());
        await documentClient.send(new PutCommand({ TableName: TEMPLATE_TABLE, Item: { ...DONE, outcome: 'seeded', at: platform.clock.now().toISOString() } }));
      } catch (error) {
        await documentClient.send(new PutCommand({ TableName: TEMPLATE_TABLE, Item: { ...DONE, outcome: String(error) } }));
        throw error;
      }
    }
    const done = await waitForSeed(documentClient);
    if (done.outcome !== 'seeded') throw new Error(`Seeding the demo year failed in another test file: ${String(done.outcome)}`);
    if (done.at !== platform.clock.now().toISOString())
      throw new Error(`The demo year was seeded up to ${String(done.at)}; this test's clock reads ${platform.clock.now().toISOString()}.`);
    await copyItems(
      { client: documentClient, tableName: TEMPLATE_TABLE },
      { client: platform.documentClient, tableName: platform.tableName },
      { skip: (item) => item.pk === DONE.pk },
    );
  } finally {
    documentClient.destroy();
    client.destroy();
  }
}

async function waitForSeed(documentClient: ReturnType<typeof createDynamoClients>['documentClient']): Promise<Record<string, unknown>> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const { Item } = await documentClient.send(new GetCommand({ TableName: TEMPLATE_TABLE, Key: DONE, ConsistentRead: true }));
    if (Item) return Item;
    if (Date.now() > deadline) throw new Error(`The demo year was not seeded within ${WAIT_MS / 1000} s by the test file that began it.`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
