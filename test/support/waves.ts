import { countAttribute, type AggregateCounts } from '../../shared/domain/aggregates.js';
import { evaluateWave, type Evaluation, type UnitCounts, type WaveCounts } from '../../shared/domain/evaluate-hotspots.js';
import type { OrgConfig } from '../../shared/domain/org-config.js';
import { DEFAULT_INSTRUMENT, itemsForWave, type Domain } from '../../shared/domain/instrument.js';
import type { Wave } from '../../shared/domain/wave.js';

/**
 * Where a fixture does not say: an ordinary share, below every threshold. Nobody adverse at
 * all would make every difference of groups unanimous, which real answers never are and
 * which the evaluation hides.
 */
export const ORDINARY_SHARE = 0.2;

/** Counts for n people of whom the given share per domain answered adversely on every item of it. */
export function countsFor(n: number, adverse: Partial<Record<Domain, number>>, sequence = 0): AggregateCounts {
  const counts: Record<string, number> = {};
  for (const item of itemsForWave(DEFAULT_INSTRUMENT, sequence)) {
    const bad = Math.round(n * (adverse[item.domain] ?? ORDINARY_SHARE));
    const good = item.options.find((o) => !item.adverse.includes(o.value))!.value;
    counts[countAttribute(item.id, item.adverse[0]!)] = bad;
    counts[countAttribute(item.id, good)] = n - bad;
  }
  return { n, counts };
}

/** A closed wave over the given units, opened `weeksAgo` weeks before 2026-11-24. */
export function closedWave(sequence: number, units: UnitCounts[], staffPerUnit: Record<string, number>, weeksAgo = 0): WaveCounts {
  const opened = new Date(Date.parse('2026-11-24T15:00:00Z') - weeksAgo * 14 * 24 * 3600 * 1000);
  const wave: Wave = {
    id: `w${opened.toISOString().slice(0, 10).replaceAll('-', '')}-01`,
    sequence,
    status: 'closed',
    openedAt: opened.toISOString(),
    closesAt: new Date(opened.getTime() + 5 * 24 * 3600 * 1000).toISOString(),
    instrumentVersion: DEFAULT_INSTRUMENT.version,
    items: itemsForWave(DEFAULT_INSTRUMENT, sequence),
    staffPerUnit,
    units: Object.fromEntries(Object.keys(staffPerUnit).map((key) => [key, key])),
    issued: Object.values(staffPerUnit).reduce((a, b) => a + b, 0),
    reminderRequested: false,
    dispatchedInvite: [],
    dispatchedReminder: [],
    news: {},
  };
  return { wave, units };
}

/** Earlier waves as the alert job would have published them, each on its own, newest first. */
export function publishedAlone(org: OrgConfig, waves: readonly WaveCounts[]): Evaluation[] {
  return waves.map((wave) => evaluateWave(org, wave)).sort((a, b) => b.waveId.localeCompare(a.waveId));
}
