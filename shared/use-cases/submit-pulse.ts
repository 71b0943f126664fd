import { incrementsFor, pickShard } from '../domain/aggregates.js';
import { parseAnswers } from '../domain/answers.js';
import type { FieldProblem } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { PulseStore } from '../ports/pulse-store.js';
import { findPulse, type OpenPulse, type WaveCache } from './find-pulse.js';

export interface SubmitPulseDeps {
  store: PulseStore;
  clock: Clock;
  random: () => number;
  waves?: WaveCache;
}

export type SubmitOutcome =
  | { status: 'counted'; pulse: OpenPulse }
  /** Nothing was written; `chosen` keeps the valid answers so the form can come back filled in. */
  | { status: 'invalid'; pulse: OpenPulse; problems: FieldProblem[]; chosen: Record<string, string> };

/**
 * Counts one person's answers exactly once: checks the link and the form, then consumes
 * the token and adds to a random shard of its unit's aggregate in one transaction.
 * route -> submitPulse -> store.recordSubmission
 *
 * Link problems throw (UnknownLinkError, AlreadyAnsweredError, LinkExpiredError,
 * ServiceBusyError); an incomplete form is an ordinary outcome.
 */
export async function submitPulse(deps: SubmitPulseDeps, rawToken: string, form: Readonly<Record<string, unknown>>): Promise<SubmitOutcome> {
  const pulse = await findPulse(deps, rawToken, { cachedWave: true });
  const parsed = parseAnswers(pulse.items, form);
  if (!parsed.ok) return { status: 'invalid', pulse, problems: parsed.problems, chosen: parsed.partial };
  await deps.store.recordSubmission({
    tokenHash: pulse.tokenHash,
    waveId: pulse.wave.id,
    unit: { department: pulse.token.department, roleGroup: pulse.token.roleGroup },
    shard: pickShard(deps.random),
    increments: incrementsFor(parsed.answers),
    now: deps.clock.now(),
  });
  return { status: 'counted', pulse };
}
