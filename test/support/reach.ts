import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Staff } from '../../shared/domain/staff.js';
import type { Delivery, Wave } from '../../shared/domain/wave.js';
import type { DeliveryQueue } from '../../shared/ports/delivery-queue.js';
import { parseAggregateSortKey } from '../../shared/table.js';

/** A queue that keeps what dispatch queues until the test sends it: queuing and sending apart, as SQS has them. */
export function holdingQueue(): DeliveryQueue & { pending: Delivery[]; take(count?: number): Delivery[] } {
  const pending: Delivery[] = [];
  return {
    pending,
    enqueue: async (deliveries) => void pending.push(...deliveries),
    take: (count = pending.length) => pending.splice(0, count),
  };
}

/** Every aggregate shard in the table that holds an answer, by recording unit: `department/roleGroup` -> answers. */
export async function answersPerUnit(documentClient: DynamoDBDocumentClient, tableName: string, waveId: string): Promise<Map<string, number>> {
  const answers = new Map<string, number>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey }));
    for (const item of page.Items ?? []) {
      const pk = String(item.pk);
      const parsed = parseAggregateSortKey(String(item.sk));
      if (!pk.startsWith(`AGG#${waveId}#`) || !parsed || typeof item.n !== 'number' || item.n === 0) continue;
      const unit = `${pk.slice(`AGG#${waveId}#`.length)}/${parsed.roleGroup}`;
      answers.set(unit, (answers.get(unit) ?? 0) + item.n);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return answers;
}

/**
 * The people each recording unit's messages actually reached, from what the messenger sent
 * (the outbox): each person once, however many messages and channels. `people` are the
 * staff as they were at open, whose department and role the plan maps to a unit.
 */
export function reachedPerUnit(wave: Pick<Wave, 'units'>, people: readonly Staff[], recipients: Iterable<string>): Map<string, Set<string>> {
  const byContact = new Map<string, Staff>();
  for (const person of people) {
    if (person.email) byContact.set(person.email, person);
    if (person.phone) byContact.set(person.phone, person);
  }
  const reached = new Map<string, Set<string>>();
  for (const contact of recipients) {
    const person = byContact.get(contact);
    const unit = person && wave.units[`${person.department}/${person.roleGroup}`];
    if (!person || !unit) continue;
    const ids = reached.get(unit) ?? new Set<string>();
    ids.add(person.id);
    reached.set(unit, ids);
  }
  return reached;
}
