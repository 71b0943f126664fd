import type { Item } from '../domain/instrument.js';
import { hashToken, isWellFormedToken } from '../domain/tokens.js';
import { acceptsAnswers, type TokenRecord, type Wave } from '../domain/wave.js';
import { AlreadyAnsweredError, LinkExpiredError, UnknownLinkError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { AnswerStore } from '../ports/answer-store.js';
import type { WaveStore } from '../ports/wave-store.js';

/**
 * Waves read on the submit path, kept for a short while per process: a wave's questions
 * never change once open, and whether it is still open is checked again, atomically, by
 * the transaction that counts the answer. Saves one read on every submit.
 */
export class WaveCache {
  private readonly entries = new Map<string, { wave: Wave | undefined; until: number }>();
  /**
   * A form names its wave, so anyone can ask for ids that do not exist; a process holds a
   * few real waves at most, and the oldest entry goes when the cache is full.
   */
  constructor(
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 32,
  ) {}

  async get(waveId: string, load: () => Promise<Wave | undefined>, now: Date): Promise<Wave | undefined> {
    const hit = this.entries.get(waveId);
    if (hit && hit.until > now.getTime()) return hit.wave;
    const wave = await load();
    this.entries.delete(waveId);
    this.entries.set(waveId, { wave, until: now.getTime() + this.ttlMs });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return wave;
  }
}

/** What a valid, unused link opens: the wave's questions for the link's unit. */
export interface OpenPulse {
  tokenHash: string;
  token: TokenRecord;
  wave: Wave;
  items: Item[];
}

/**
 * Finds the pulse a link opens, or says why it cannot be answered.
 * route -> findPulse -> answers, waves
 */
export async function findPulse(
  deps: { answers: Pick<AnswerStore, 'getToken'>; waves: Pick<WaveStore, 'getWave'>; clock: Clock; waveCache?: WaveCache },
  rawToken: string,
  options: { cachedWave?: boolean } = {},
): Promise<OpenPulse> {
  // Malformed tokens are unknown without a database read: cheap to reject, nothing to probe.
  if (!isWellFormedToken(rawToken)) throw new UnknownLinkError();
  const tokenHash = hashToken(rawToken);
  const token = await deps.answers.getToken(tokenHash);
  if (!token) throw new UnknownLinkError();
  if (token.state === 'used') throw new AlreadyAnsweredError();
  const now = deps.clock.now();
  if (token.expiresAt * 1000 <= now.getTime()) throw new LinkExpiredError('expired');
  const wave =
    options.cachedWave && deps.waveCache
      ? await deps.waveCache.get(token.waveId, () => deps.waves.getWave(token.waveId), now)
      : await deps.waves.getWave(token.waveId);
  if (!wave || !acceptsAnswers(wave, now)) throw new LinkExpiredError('wave-closed');
  return { tokenHash, token, wave, items: wave.items };
}
