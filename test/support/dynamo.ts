import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { createDynamoClients } from '../../shared/adapters/dynamodb/client.js';
import { ensureTable } from '../../shared/adapters/dynamodb/create-table.js';
import type { RetryPolicy } from '../../shared/adapters/dynamodb/retry.js';
import { dynamoStores } from '../../shared/adapters/dynamodb/stores.js';
import { TableIO } from '../../shared/adapters/dynamodb/table-io.js';
import { unitsOfShards, writeFrozen } from '../../shared/adapters/dynamodb/wave-store.js';
import type { AggregateCounts } from '../../shared/domain/aggregates.js';
import type { UnitCounts, WaveCounts } from '../../shared/domain/evaluate-hotspots.js';
import { keys } from '../../shared/table.js';

/** A fresh table on the run's DynamoDB Local, built from the shared definition. */
export async function createTestTable(options: { retry?: RetryPolicy } = {}) {
  const { client, documentClient } = createDynamoClients({ endpoint: inject('dynamoEndpoint') });
  const tableName = `test-${randomUUID()}`;
  await ensureTable(client, tableName);
  const tableOptions = { client: documentClient, tableName, ...(options.retry ? { retry: options.retry } : {}) };
  const stores = dynamoStores(tableOptions);
  const table = new TableIO(tableOptions);
  return {
    client,
    documentClient,
    tableName,
    ...stores,
    stores,
    /**
     * An open wave's counts so far in one department, by role group, read from its shards as
     * they are: what the tests check a submit added, or did not. No product path reads them
     * while a wave is open.
     */
    readAggregates: async (waveId: string, department: string): Promise<{ roleGroup: string; counts: AggregateCounts }[]> =>
      unitsOfShards(await table.partition(keys.aggregatePartition(waveId, department), { consistent: true })).map(({ roleGroup, counts }) => ({
        roleGroup,
        counts,
      })),
    /** The same for every unit of the given departments, as the wave's close would freeze them. */
    readUnits: async (waveId: string, departments: readonly string[]): Promise<UnitCounts[]> =>
      (await Promise.all(departments.map((department) => table.partition(keys.aggregatePartition(waveId, department), { consistent: true })))).flatMap(
        (items) => unitsOfShards(items),
      ),
    /** A wave stored closed with these counts, as its close would have frozen them. */
    storeClosedWave: async ({ wave, units }: WaveCounts): Promise<void> => {
      await stores.waves.createWave({ ...wave, status: 'closed', frozenChunks: await writeFrozen(table, wave.id, units) });
      await table.setFields(keys.wave(wave.id), { shardsDeleted: true });
    },
    /** The table as stores see it, for what a test writes in an older release's shapes. */
    table,
    drop: async () => {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
      client.destroy();
    },
  };
}
