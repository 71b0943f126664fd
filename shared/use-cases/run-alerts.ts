import { mapLimit } from '../concurrency.js';
import { composeDigest, type Digest } from '../domain/digest.js';
import { followUpsFor, type FollowUpInput } from '../domain/follow-ups.js';
import { evaluateWave, HISTORY_WAVES, type Evaluation, type WaveCounts } from '../domain/evaluate-hotspots.js';
import type { OrgConfig } from '../domain/org-config.js';
import { ORG_UNIT } from '../domain/recording-units.js';
import type { Wave } from '../domain/wave.js';
import type { Log } from '../logger.js';
import type { Clock } from '../ports/clock.js';
import type { Messenger } from '../ports/messenger.js';
import type { Counters } from '../ports/counters.js';
import type { PulseStore } from '../ports/pulse-store.js';
import { StoredDataError } from '../errors.js';
import { dashboardUrl, ensureDashboardKey } from './show-dashboard.js';

export interface AlertsDeps {
  store: PulseStore;
  messenger: Messenger;
  clock: Clock;
  org: OrgConfig;
  log: Log;
  /** Where the app is served; digests then carry a signed link to the leader's dashboard. */
  baseUrl?: string;
  /** Organization-wide counters: digests sent. */
  counters?: Counters;
}

export interface AlertsReport {
  waveId: string | undefined;
  evaluation?: Evaluation;
  digests: Digest[];
  /** Leaders whose digest went out in this run (a repeated run sends none). */
  sent: string[];
}

/** Queries in flight while reading a wave's aggregates, one department per query. */
const READ_CONCURRENCY = 16;

/**
 * Everything the evaluator needs about one wave: per recording unit, shards merged. A wave
 * frozen at close is read in a request or two; one closed before freezing existed takes a
 * query per department.
 */
export async function loadWaveCounts(store: PulseStore, org: OrgConfig, wave: Wave): Promise<WaveCounts> {
  const frozen = wave.frozenChunks !== undefined ? (await store.readFrozen([wave])).get(wave.id) : undefined;
  if (frozen) return { wave, units: frozen };
  const departments = [...org.departments.map((d) => d.id), ORG_UNIT];
  const perDepartment = await mapLimit(departments, READ_CONCURRENCY, async (department) => (await store.readAggregates(wave.id, department)).map((r) => ({ department, roleGroup: r.roleGroup, counts: r.counts })));
  return { wave, units: perDepartment.flat() };
}

/**
 * A closed wave's evaluation as published, with the earlier waves it was compared with as
 * they were published. A wave published already is read back, never evaluated again: a wave
 * has one version, whatever the org file says today, or two versions of the same answers
 * could be subtracted. One never published is evaluated now (an earlier one on its own) and
 * stored like any other (unless `store` is false); if another run published it meanwhile,
 * that run's figures are the ones used. An earlier wave whose published figures cannot be
 * read whole (saves by older code overlapped) is left out of the history, never published
 * again; this wave's, the same, fails loudly, as there is nothing to send.
 */
export async function evaluateClosedWave(
  deps: { store: PulseStore; org: OrgConfig },
  wave: Wave,
  closed: readonly Wave[],
  options: { store: boolean },
): Promise<{ evaluation: Evaluation; earlier: Wave[]; history: { wave: Wave; evaluation: Evaluation }[] }> {
  const { store, org } = deps;
  const history: { wave: Wave; evaluation: Evaluation }[] = [];
  const earlier = closed.filter((w) => w.openedAt < wave.openedAt).sort((a, b) => b.openedAt.localeCompare(a.openedAt)).slice(0, Math.max(HISTORY_WAVES, 3 * org.escalateAfterWaves));
  // Every wave's published figures in one read, whatever the organization's size; the
  // counts of those never published in another.
  const stored = await store.readPublishedMany([wave, ...earlier].map((w) => w.id));
  const frozen = await store.readFrozen([wave, ...earlier].filter((w) => !stored.has(w.id)));
  const countsOf = async (w: Wave): Promise<WaveCounts> => {
    const units = frozen.get(w.id);
    return units ? { wave: w, units } : loadWaveCounts(store, org, w);
  };
  for (const past of earlier) {
    let published = stored.get(past.id);
    if (!published) {
      published = evaluateWave(org, await countsOf(past));
      if (options.store) published = await store.savePublished(published);
    }
    if (published) history.push({ wave: past, evaluation: published });
  }
  let evaluation = stored.get(wave.id);
  if (!evaluation) {
    const computed = evaluateWave(org, await countsOf(wave), history.map((h) => h.evaluation));
    evaluation = options.store ? await store.savePublished(computed) : computed;
  }
  if (!evaluation) throw new StoredDataError(`published figures of wave ${wave.id}`, 'they cannot be read whole (saves by an earlier version overlapped), so they are withheld and no digest can be sent for this wave');
  return { evaluation, earlier, history };
}

/**
 * Evaluates the newest closed wave and sends each leader their digest, once: a
 * conditional write to the alert log per (wave, leader) comes first, so a retried or
 * repeated run sends nothing twice. `dryRun` composes the digests and sends nothing.
 * schedule or CLI -> runAlerts -> store, evaluateWave, composeDigest, messenger
 */
export async function runAlerts(deps: AlertsDeps, options: { dryRun?: boolean; waveId?: string } = {}): Promise<AlertsReport> {
  const { store, org } = deps;
  const closed = (await store.listWaves()).filter((w) => w.status === 'closed').sort((a, b) => b.openedAt.localeCompare(a.openedAt));
  const wave = options.waveId ? closed.find((w) => w.id === options.waveId) : closed[0];
  if (!wave) return { waveId: undefined, digests: [], sent: [] };
  const { evaluation, earlier, history } = await evaluateClosedWave(deps, wave, closed, { store: !options.dryRun });
  const leaders = org.leaders.filter((l) => l.executive || l.departments.length > 0);
  const loop: FollowUpInput = { current: wave, previous: earlier[0], history, actions: await store.listActions() };
  const followUps = (leader: (typeof leaders)[number]) => followUpsFor(org, leader, loop);
  if (options.dryRun) return { waveId: wave.id, evaluation, digests: leaders.map((leader) => composeDigest(org, evaluation, leader, { followUps: followUps(leader), wave })), sent: [] };

  const key = deps.baseUrl ? await ensureDashboardKey(store) : undefined;
  const digests = leaders.map((leader) => composeDigest(org, evaluation, leader, { ...(key && deps.baseUrl ? { dashboardUrl: dashboardUrl(key, deps.baseUrl, leader.id, deps.clock.now()) } : {}), followUps: followUps(leader), wave }));

  const sent: string[] = [];
  for (const digest of digests) {
    const claimed = await store.claimAlert({ waveId: wave.id, leaderId: digest.leaderId, now: deps.clock.now() });
    if (!claimed) continue;
    try {
      await deps.messenger.send({ channel: 'email', to: digest.to, subject: digest.subject, text: digest.text, html: digest.html });
      await store.completeAlert({ waveId: wave.id, leaderId: digest.leaderId, hotspots: digest.hotspots.length });
      sent.push(digest.leaderId);
    } catch (error) {
      // Give the claim back so the next run retries this leader.
      await store.releaseAlert({ waveId: wave.id, leaderId: digest.leaderId });
      throw error;
    }
  }
  deps.counters?.count('DigestsSent', sent.length);
  deps.log.info('alerts-sent', { wave: wave.id, digests: sent.length, hotspots: digests.reduce((sum, d) => sum + d.hotspots.length, 0) });
  return { waveId: wave.id, evaluation, digests, sent };
}
