import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Staff } from '../../shared/domain/staff.js';
import type { Wave } from '../../shared/domain/wave.js';

/** Everything in a table, as an operator with read access sees it. */
export async function scanTable(client: DynamoDBDocumentClient, tableName: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** Token-item attributes that may set tokens apart: the hash (the key) and whether it was used. */
const ALLOWED_APART = new Set(['pk', 'sk', 'state']);

export interface AttributeGroup {
  attributes: Record<string, unknown>;
  tokens: number;
  /** Roster people of the wave who could hold a token with these attributes. */
  people: number;
}

/** Who was sent a message for a wave, as the table's delivery claims tell it: the only people who can answer. */
export function linkHolders(items: readonly Record<string, unknown>[], roster: readonly Staff[], waveId: string): Staff[] {
  const sent = new Set(items.filter((item) => String(item.pk).startsWith(`SENT#${waveId}#`)).map((item) => String(item.pk).split('#')[3]));
  return roster.filter((person) => sent.has(person.id));
}

/** The unit an operator would place a person in: the wave's frozen plan, by their roster department and role. */
export const unitOnRoster = (wave: Pick<Wave, 'units'>, person: Pick<Staff, 'department' | 'roleGroup'>) =>
  wave.units[`${person.department}/${person.roleGroup}`];

/**
 * The operator's join: for every combination of the attributes stored beside token hashes,
 * group the tokens by their values and count the people who could hold such a token: those
 * the wave's delivery claims say were sent a link, placed by the wave's own plan. Every
 * other attribute must match a roster column of the same name, or the audit refuses to
 * guess and fails.
 */
export function tokenAttributeGroups(items: readonly Record<string, unknown>[], roster: readonly Staff[], waves: readonly Wave[]): AttributeGroup[] {
  const tokens = items.filter((item) => String(item.pk).startsWith('TOKEN#'));
  const names = [...new Set(tokens.flatMap((t) => Object.keys(t)))].filter((name) => !ALLOWED_APART.has(name)).sort();
  const holders = new Map(waves.map((wave) => [wave.id, new Set(linkHolders(items, roster, wave.id))]));
  const matches = (person: Staff, name: string, value: unknown, token: Record<string, unknown>): boolean => {
    const wave = waves.find((w) => w.id === token.waveId);
    const unit = wave && holders.get(wave.id)?.has(person) ? unitOnRoster(wave, person) : undefined;
    switch (name) {
      case 'waveId':
        return unit !== undefined;
      case 'department':
        return unit?.split('/')[0] === value;
      case 'roleGroup':
        return unit?.split('/')[1] === value;
      case 'expiresAt':
        // One expiry per wave sets nobody apart; checked below.
        return unit !== undefined;
      default:
        if (!(name in person))
          throw new Error(`Token items carry "${name}", which no roster column explains: teach this audit what it means before storing it.`);
        return (person as unknown as Record<string, unknown>)[name] === value;
    }
  };
  for (const wave of waves) {
    const expiries = new Set(tokens.filter((t) => t.waveId === wave.id).map((t) => t.expiresAt));
    if (expiries.size > 1) throw new Error(`Wave ${wave.id} has ${expiries.size} token expiries: an expiry of its own sets a person apart.`);
  }

  const groups: AttributeGroup[] = [];
  for (let mask = 1; mask < 1 << names.length; mask++) {
    const chosen = names.filter((_, i) => mask & (1 << i));
    const byValues = new Map<string, Record<string, unknown>[]>();
    for (const token of tokens) {
      const key = JSON.stringify(chosen.map((name) => token[name]));
      byValues.set(key, [...(byValues.get(key) ?? []), token]);
    }
    for (const members of byValues.values()) {
      const sample = members[0]!;
      const attributes = Object.fromEntries(chosen.map((name) => [name, sample[name]]));
      const people = roster.filter((person) => chosen.every((name) => matches(person, name, sample[name], sample))).length;
      groups.push({ attributes, tokens: members.length, people });
    }
  }
  return groups;
}
