import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../shared/table.js';
import type { Wave } from '../../shared/domain/wave.js';
import { createTestTable } from '../support/dynamo.js';
import { closedWave } from '../support/waves.js';

/**
 * A wave's recording plan on the table: every job that lists the waves reads each one, so
 * what one wave item weighs is paid on every run, once per wave the organization has ever had.
 */
let table: Awaited<ReturnType<typeof createTestTable>>;
beforeAll(async () => {
  table = await createTestTable();
});
afterAll(async () => table.drop());

/** A plan like a large health system's: 2,000 departments of three role groups each. */
function largeWave(sequence: number): Wave {
  const staffPerUnit: Record<string, number> = {};
  for (let d = 0; d < 2000; d++) for (const role of ['nurse', 'physician', 'support']) staffPerUnit[`dept-${d}/${role}`] = 5 + ((d * 7 + role.length) % 40);
  const { wave } = closedWave(sequence, [], staffPerUnit, 10 - sequence);
  // Units as a plan records them: a person's department/role -> the unit that counts them.
  return { ...wave, units: Object.fromEntries(Object.keys(staffPerUnit).map((key, index) => [key, index % 50 === 0 ? `dept-${index % 2000}/_all` : key])) };
}

/** What DynamoDB counts towards an item's size, near enough: names and values as written. */
function itemBytes(item: Record<string, unknown>): number {
  return JSON.stringify(item, (_key, value: unknown) => (value instanceof Uint8Array ? 'x'.repeat(value.length) : value)).length;
}

describe('a wave on the table', () => {
  it('reads back the recording plan it was opened with, by itself and in the list of waves', async () => {
    const waves = [largeWave(0), largeWave(1)];
    for (const wave of waves) await table.stores.waves.createWave(wave);
    expect(await table.stores.waves.getWave(waves[0]!.id)).toEqual(waves[0]);
    const listed = await table.stores.waves.listWaves();
    expect(listed.find((w) => w.id === waves[1]!.id)).toEqual(waves[1]);
  });

  it('weighs a fraction of its plan as maps, which for 2,000 departments would be near the 400 KB item limit', async () => {
    const wave = largeWave(2);
    await table.stores.waves.createWave(wave);
    const { Item } = await table.documentClient.send(new GetCommand({ TableName: table.tableName, Key: keys.wave(wave.id) }));
    expect(Item!.staffPerUnit).toBeUndefined();
    expect(Item!.units).toBeUndefined();
    const asMaps = itemBytes({ ...Item!, plan: undefined, staffPerUnit: wave.staffPerUnit, units: wave.units });
    expect(asMaps).toBeGreaterThan(250 * 1024);
    expect(itemBytes(Item!)).toBeLessThan(asMaps / 5);
  });
});
