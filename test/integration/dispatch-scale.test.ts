import { afterAll, describe, expect, it } from 'vitest';
import { staffIdFor } from '../../shared/domain/roster.js';
import type { Staff } from '../../shared/domain/staff.js';
import { openWave } from '../../shared/use-cases/open-wave.js';
import { COMPLETE_EVERY } from '../../shared/use-cases/deliver-message.js';
import { DELIVERY_BATCH_SIZE } from '../../shared/ports/delivery-queue.js';
import { testOrg } from '../support/fixtures.js';
import { linkToken, testPlatform } from '../support/scenario.js';

/**
 * A tenth of the benchmark's size (`npm run bench`: dispatch, and dispatch.fiftyThousand for
 * 50,000), for the same guarantees: every figure here is a count, never a time.
 */
const STAFF = 1_000;

/** A thousand people in two departments, a third by SMS, a third by both. */
function roster(): Staff[] {
  const departments = ['ed', 'lab'];
  return Array.from({ length: STAFF }, (_, i) => {
    const email = `person.${i}@big.example`;
    const channel = (['email', 'sms', 'both'] as const)[i % 3]!;
    return {
      id: staffIdFor(email, undefined),
      email,
      phone: `+1202${String(5_000_000 + i).padStart(7, '0')}`,
      department: departments[i % departments.length]!,
      roleGroup: i % 2 ? 'nurse' : 'physician',
      locale: i % 4 === 0 ? 'es' : 'en',
      channel,
      active: true,
      emailOptOut: false,
      smsOptOut: false,
      unsubscribeToken: `u${String(i).padStart(21, '0')}`,
    };
  });
}

let drop: (() => Promise<void>) | undefined;
afterAll(async () => drop?.());

describe('opening a wave for 1,000 staff', () => {
  it('puts exactly one message per person and channel in the outbox, each link distinct, at about one DynamoDB request a message', async () => {
    const staff = roster();
    const p = await testPlatform({ org: testOrg(), staff });
    drop = p.drop;
    let requests = 0;
    p.documentClient.middlewareStack.add((next) => async (args) => (requests++, next(args)), { step: 'initialize', name: 'countRequests' });
    const { dispatch } = await openWave(p.waveDeps);
    const requestsToOpen = requests;
    expect(p.queue.failed).toEqual([]);
    expect(dispatch.queued.invite).toBe(STAFF);

    const messages = await p.outbox.list();
    const expected = staff.reduce((sum, s) => sum + (s.channel === 'both' ? 2 : 1), 0);
    expect(messages).toHaveLength(expected);
    const perChannel = new Set(messages.map((m) => `${m.channel}:${m.to}`));
    expect(perChannel.size).toBe(expected);
    // One link per person, shared by their email and SMS.
    expect(new Set(messages.map((m) => linkToken(m.text))).size).toBe(STAFF);
    // Each message's claim, its share of the claims marked sent five at a time (what bounds
    // the resends after a sender dies), a few requests per batch and per department, and per
    // batch its people counted in their units' reach (a transaction, and one more when some
    // were counted before, as someone on both channels is by their other message): what an
    // organization pays DynamoDB for a wave (it was four requests a person).
    expect(requestsToOpen / expected).toBeLessThanOrEqual(1 + 1 / COMPLETE_EVERY + 0.15 + 2 / DELIVERY_BATCH_SIZE);
  }, 300_000);
});
