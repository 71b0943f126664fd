import { composeDigest, type Digest } from '../domain/digest.js';
import { dueFromLeader, followUpsFor, type FollowUpInput } from '../domain/follow-ups.js';
import { evaluateWave, HISTORY_WAVES, type Evaluation, type WaveCounts } from '../domain/evaluate-hotspots.js';
import type { OrgConfig } from '../domain/org-config.js';
import type { Wave } from '../domain/wave.js';
import { closedNewestFirst } from '../domain/wave.js';
import { errorName, type Log } from '../logger.js';
import type { Clock } from '../ports/clock.js';
import { DeliveryError, type Messenger } from '../ports/messenger.js';
import type { Counters } from '../ports/counters.js';
import type { AlertClaim } from '../ports/delivery-log.js';
import type { Stores } from '../ports/stores.js';
import type { WaveStore } from '../ports/wave-store.js';
import { StoredDataError } from '../errors.js';
import { dashboardUrl, ensureDashboardKey } from '../services/dashboard-links.js';

export interface AlertsDeps extends Pick<Stores, 'waves' | 'figures' | 'actions' | 'deliveries'> {
  messenger: Messenger;
  clock: Clock;
  org: OrgConfig;
  log: Log;
  /** Where the app is served; digests then carry a signed link to the leader's dashboard. */
  baseUrl?: string;
  /** Organization-wide counters: digests sent, refused, and left to retry. */
  counters?: Counters;
}

/**
 * What became of each leader's digest, by leader id: every leader of a run that sends is in
 * exactly one list.
 */
export interface AlertsReport {
  waveId: string | undefined;
  evaluation?: Evaluation;
  digests: Digest[];
  /** Leaders whose digest went out in this run (a repeated run sends none). */
  sent: string[];
  /** Leaders whose digest went out in an earlier run (or is going out in one running now). */
  alreadySent: string[];
  /**
   * Leaders whose digest the provider refused for good (an unverified or bad address, sending
   * not allowed), in this run or an earlier one. Refused stays refused for the wave: no later
   * run tries it again, as no retry can mend an address; the alert log keeps why, and the
   * DigestsRefused counter counts it once, in the run that met it.
   */
  refused: string[];
  /** Leaders whose send failed in a way that may pass (throttling, anything unexpected): the next run tries them again. */
  retryLater: string[];
}

/**
 * Closed waves' counts as frozen at close, by wave id; a wave whose frozen counts cannot be
 * read whole fails loudly, as nothing else holds them once its shards are deleted.
 */
export async function frozenCounts(waves: Pick<WaveStore, 'readFrozen'>, closed: readonly Wave[]): Promise<Map<string, WaveCounts>> {
  const frozen = await waves.readFrozen(closed);
  return new Map(
    closed.map((wave) => {
      const units = frozen.get(wave.id);
      if (!units)
        throw new StoredDataError(
          `frozen counts of wave ${wave.id}`,
          wave.frozenChunks === undefined
            ? 'the wave was closed by 0.1.0 and not migrated: run `npm run pulse -- migrate` once'
            : 'some of their chunks are missing',
        );
      return [wave.id, { wave, units }];
    }),
  );
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
  deps: Pick<Stores, 'waves' | 'figures'> & { org: OrgConfig },
  wave: Wave,
  closed: readonly Wave[],
  options: { store: boolean },
): Promise<{ evaluation: Evaluation; earlier: Wave[]; history: { wave: Wave; evaluation: Evaluation }[] }> {
  const { waves, figures, org } = deps;
  const history: { wave: Wave; evaluation: Evaluation }[] = [];
  // A rotating item is asked every fourth wave: its streak needs four waves per pulse counted.
  const earlier = closed
    .filter((w) => w.openedAt < wave.openedAt)
    .sort((a, b) => b.openedAt.localeCompare(a.openedAt))
    .slice(0, Math.max(HISTORY_WAVES, 4 * org.escalateAfterWaves));
  // Every wave's published figures in one read, whatever the organization's size; the
  // counts of those never published in another.
  const stored = await figures.readPublishedMany([wave, ...earlier].map((w) => w.id));
  const frozen = await frozenCounts(
    waves,
    [wave, ...earlier].filter((w) => !stored.has(w.id)),
  );
  const countsOf = (w: Wave): WaveCounts => frozen.get(w.id)!;
  for (const past of earlier) {
    let published = stored.get(past.id);
    if (!published) {
      published = evaluateWave(org, countsOf(past));
      if (options.store) published = await figures.savePublished(published);
    }
    if (published) history.push({ wave: past, evaluation: published });
  }
  let evaluation = stored.get(wave.id);
  if (!evaluation) {
    const computed = evaluateWave(
      org,
      countsOf(wave),
      history.map((h) => h.evaluation),
    );
    evaluation = options.store ? await figures.savePublished(computed) : computed;
  }
  if (!evaluation)
    throw new StoredDataError(
      `published figures of wave ${wave.id}`,
      'they cannot be read whole (saves by an earlier version overlapped), so they are withheld and no digest can be sent for this wave',
    );
  return { evaluation, earlier, history };
}

/**
 * Evaluates the newest closed wave and sends each leader their digest, once: a
 * conditional write to the alert log per (wave, leader) comes first, so a retried or
 * repeated run sends nothing twice. Each leader's send stands alone: one refused for good
 * is recorded as refused, one that may pass is left to the next run, and either way the
 * run goes on to the next leader; it ends with one log line of counts and the counters.
 * `dryRun` composes the digests and sends nothing.
 * schedule or CLI -> runAlerts -> waves, figures, evaluateWave, composeDigest, messenger
 */
export async function runAlerts(deps: AlertsDeps, options: { dryRun?: boolean; waveId?: string } = {}): Promise<AlertsReport> {
  const { org } = deps;
  const closed = closedNewestFirst(await deps.waves.listWaves());
  const wave = options.waveId ? closed.find((w) => w.id === options.waveId) : closed[0];
  if (!wave) return { waveId: undefined, digests: [], ...noOutcomes() };
  const { evaluation, earlier, history } = await evaluateClosedWave(deps, wave, closed, { store: !options.dryRun });
  const leaders = org.leaders.filter((l) => l.executive || l.departments.length > 0);
  const loop: FollowUpInput = { current: wave, previous: earlier[0], history, actions: await deps.actions.listActions() };
  const owed = (leader: (typeof leaders)[number]) => ({
    followUps: followUpsFor(org, leader, loop),
    dueFromYou: dueFromLeader(org, leader, { ...loop, evaluation }),
  });
  // A dry run reads the key and never makes one, so its digests carry links only where real ones would.
  const key = !deps.baseUrl ? undefined : options.dryRun ? await deps.actions.dashboardKey() : await ensureDashboardKey(deps.actions);
  const digests = leaders.map((leader) =>
    composeDigest(org, evaluation, leader, {
      ...(key && deps.baseUrl ? { dashboardUrl: dashboardUrl(key, deps.baseUrl, leader.id, deps.clock.now()) } : {}),
      ...owed(leader),
      wave,
    }),
  );

  const report: AlertsReport = { waveId: wave.id, evaluation, digests, ...noOutcomes() };
  if (options.dryRun) return report;
  let refusedNow = 0;
  for (const digest of digests) {
    const outcome = await sendDigest(deps, wave.id, digest);
    if (outcome === 'refused-now') refusedNow++;
    report[outcome === 'refused-now' ? 'refused' : outcome].push(digest.leaderId);
  }
  deps.counters?.count('DigestsSent', report.sent.length);
  deps.counters?.count('DigestsRefused', refusedNow);
  deps.counters?.count('DigestsRetryLater', report.retryLater.length);
  deps.log.info('alerts-sent', {
    wave: wave.id,
    digests: digests.length,
    sent: report.sent.length,
    alreadySent: report.alreadySent.length,
    refused: report.refused.length,
    retryLater: report.retryLater.length,
    hotspots: digests.reduce((sum, d) => sum + d.hotspots.length, 0),
  });
  return report;
}

type DigestOutcome = 'sent' | 'alreadySent' | 'refused' | 'retryLater';

function noOutcomes(): Pick<AlertsReport, DigestOutcome> {
  return { sent: [], alreadySent: [], refused: [], retryLater: [] };
}

/**
 * One leader's digest, claimed, sent and recorded on its own: nothing that happens to it
 * stops the run. 'refused-now' is a refusal met in this run; 'refused', one recorded by an
 * earlier run. Logs say what failed by its error's name, never whom (an address, a name).
 */
async function sendDigest(deps: AlertsDeps, waveId: string, digest: Digest): Promise<DigestOutcome | 'refused-now'> {
  const { deliveries, log } = deps;
  const entry = { waveId, leaderId: digest.leaderId };
  let claim: AlertClaim;
  try {
    claim = await deliveries.claimAlert({ ...entry, now: deps.clock.now() });
  } catch (error) {
    log.warn('digest-failed', { wave: waveId, step: 'claim', error: errorName(error), retryable: true });
    return 'retryLater';
  }
  if (claim === 'sending') {
    // Another run is sending it now, or one died doing so: the next run sees it sent, or takes
    // the claim over once it is stale. Left to retry, so this run ends loudly until then.
    log.warn('digest-in-progress', { wave: waveId });
    return 'retryLater';
  }
  if (claim !== 'claimed') return claim === 'refused' ? 'refused' : 'alreadySent';
  try {
    await deps.messenger.send({ channel: 'email', kind: 'digest', to: digest.to, subject: digest.subject, text: digest.text, html: digest.html });
  } catch (error) {
    if (error instanceof DeliveryError && !error.retryable) {
      log.warn('digest-refused', { wave: waveId, error: error.message });
      await recordAlert(log, waveId, 'refuse', () => deliveries.refuseAlert({ ...entry, reason: error.message, now: deps.clock.now() }));
      return 'refused-now';
    }
    // Anything else may pass (throttling, a dropped connection, a bug): the next run tries again.
    log.warn('digest-failed', { wave: waveId, step: 'send', error: error instanceof DeliveryError ? error.message : errorName(error), retryable: true });
    await recordAlert(log, waveId, 'release', () => deliveries.releaseAlert(entry));
    return 'retryLater';
  }
  await recordAlert(log, waveId, 'complete', () => deliveries.completeAlert({ ...entry, hotspots: digest.hotspots.length }));
  return 'sent';
}

/**
 * Writes the alert log after a send, which has happened (or failed) whatever the write does.
 * A write that fails leaves the entry "sending": said loudly, and sent again by a run once
 * the claim is stale (a second digest rather than none).
 */
async function recordAlert(log: Log, waveId: string, step: 'complete' | 'refuse' | 'release', write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    log.error('alert-log-write-failed', { wave: waveId, step, error: errorName(error) });
  }
}
