import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashToken } from '../../shared/domain/tokens.js';
import { freePort } from '../lib/dynamodb-local.js';
import { benchOrg, benchPlatform, benchStaff, waveWithTokens } from './fixtures.js';
import { pool } from './measure.js';

import { countedIn, formFor, serveApp } from './sections.js';

/**
 * Crash safety: DynamoDB Local on disk is SIGKILLed in the middle of a burst of answers and
 * started again on the same files. Every answer is followed by the link it used, so the
 * accounting is per person, not just a total:
 * - lost: got a success response, but its link is not consumed on disk (must be 0);
 * - countedTwice: counted answers minus consumed links (must be 0; the answer and the link
 *   are one transaction);
 * - keptWithoutAcknowledgement: consumed on disk although the person saw an error, because
 *   the crash cut the reply of a transaction that had committed. Unavoidable with any
 *   database; the retry below is what the person does about it.
 * Then everyone who saw an error presses submit again, as the error page asks: each gets
 * "thank you" (counted now) or "already counted" (kept in the crash). difference = answers
 * counted - people told their answer is in, and must be 0.
 */
export async function benchCrash(n: number, options: { acknowledgeAfterCommit?: boolean } = {}) {
  const { startDynamoLocal } = await import('../lib/dynamodb-local.js');
  const { acknowledgeAfterCommit } = await import('./acknowledge-after-commit.js');
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-crash-'));
  const port = await freePort();
  let dynamo = await startDynamoLocal({ port, dataDir });
  const org = benchOrg(5);
  const platform = await benchPlatform(dynamo.endpoint, org);
  if (options.acknowledgeAfterCommit !== false) acknowledgeAfterCommit(platform.client, platform.tableName);
  const { wave, tokens } = await waveWithTokens(platform, benchStaff(n, 5));
  const submit = async (url: string, token: string, i: number) => {
    try {
      const response = await fetch(`${url}/p/${token}`, { method: 'POST', body: new URLSearchParams(formFor(wave.items, i)) });
      await response.arrayBuffer();
      return response.status;
    } catch {
      return 0;
    }
  };

  let server = await serveApp(platform, org);
  const firstStatus: number[] = new Array<number>(n).fill(0);
  let accepted = 0;
  let killedAfter = -1;
  await pool(tokens, 16, async (token, i) => {
    firstStatus[i] = await submit(server.url, token, i);
    if (firstStatus[i] === 200) accepted++;
    if (killedAfter < 0 && accepted >= n / 3) {
      killedAfter = accepted;
      dynamo.process.kill('SIGKILL');
    }
  });
  await server.close();
  await new Promise((r) => setTimeout(r, 500));
  dynamo = await startDynamoLocal({ port, dataDir });

  const departments = org.departments.map((d) => d.id);
  const consumed = await consumedLinks(platform);
  const countedAfterRestart = await countedIn(platform, wave.id, departments);
  const hashes = tokens.map((token) => hashToken(token));
  const lost = hashes.filter((hash, i) => firstStatus[i] === 200 && !consumed.has(hash)).length;
  const keptWithoutAcknowledgement = hashes.filter((hash, i) => firstStatus[i] !== 200 && consumed.has(hash)).length;

  server = await serveApp(platform, org);
  const retried = tokens.flatMap((token, i) => (firstStatus[i] === 200 ? [] : [{ token, i }]));
  const retryStatus = await pool(retried, 16, ({ token, i }) => submit(server.url, token, i));
  await server.close();
  const countedAfterRetry = await countedIn(platform, wave.id, departments);
  const consumedAfterRetry = (await consumedLinks(platform)).size;
  await dynamo.stop();

  const countedNowOnRetry = retryStatus.filter((s) => s === 200).length;
  const alreadyCountedOnRetry = retryStatus.filter((s) => s === 409).length;
  const toldCounted = accepted + countedNowOnRetry + alreadyCountedOnRetry;
  return {
    answers: n,
    killedAfterAccepted: killedAfter,
    accepted,
    failed: n - accepted,
    countedAfterRestart,
    consumedAfterRestart: consumed.size,
    lost,
    countedTwice: countedAfterRetry - consumedAfterRetry,
    keptWithoutAcknowledgement,
    retry: { countedNow: countedNowOnRetry, alreadyCounted: alreadyCountedOnRetry, stillFailing: retried.length - countedNowOnRetry - alreadyCountedOnRetry },
    countedAfterRetry,
    toldCounted,
    difference: countedAfterRetry - toldCounted,
    acknowledgeAfterCommit: options.acknowledgeAfterCommit !== false,
  };
}

/** Hashes of the links consumed on disk (token items in state "used"). */
async function consumedLinks(platform: Awaited<ReturnType<typeof benchPlatform>>): Promise<Set<string>> {
  const { ScanCommand } = await import('@aws-sdk/lib-dynamodb');
  const used = new Set<string>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await platform.documentClient.send(
      new ScanCommand({
        TableName: platform.tableName,
        FilterExpression: 'begins_with(pk, :t) AND #s = :used',
        ExpressionAttributeNames: { '#s': 'state' },
        ExpressionAttributeValues: { ':t': 'TOKEN#', ':used': 'used' },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) used.add(String(item.pk).slice('TOKEN#'.length));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return used;
}
