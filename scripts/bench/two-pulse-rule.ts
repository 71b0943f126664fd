import type { ComparablePulse, FigureDecision, FigureEvidence } from '../../shared/domain/alert-rule.js';
import type { DomainFigure, FigureStatus } from '../../shared/domain/published.js';
import { twoProportionZ, wilsonInterval } from '../../shared/domain/statistics.js';

/**
 * The alert rule before borrowing strength (release 2026.11), kept so the benchmark can measure
 * both in one run: one pulse's 95% Wilson interval, or this pulse and the previous one pooled
 * when this one is above the line but not sure; worsening by a one-pulse test at one-sided 0.1%
 * or a two-pulse test at 3% against the six pulses before, at least five points.
 */
const WORSENING_MIN_RISE = 0.05;
const BASELINE_WAVES = 6;
const Z_RISE_ONE_PULSE = 3.090232306167813;
const Z_RISE_TWO_PULSES = 1.880793608151251;
const Z_RISE_NEWEST_PULSE = 1;

export function twoPulseRule(e: FigureEvidence, options: { zHot?: number; zRiseOne?: number; zRiseTwo?: number } = {}): FigureDecision {
  const { share, n, effect, threshold, comparable } = e;
  const interval = options.zHot ? wilsonInterval((share * n) / effect, n / effect, options.zHot) : wilsonInterval((share * n) / effect, n / effect);
  const before = comparable[0];
  let pooled: DomainFigure['pooled'];
  if (interval.low <= threshold && share > threshold && before) {
    const both = before.n + n;
    const pooledShare = (share * n + before.share * before.n) / both;
    const bounds = options.zHot
      ? wilsonInterval((pooledShare * both) / effect, both / effect, options.zHot)
      : wilsonInterval((pooledShare * both) / effect, both / effect);
    if (bounds.low > threshold) pooled = { share: pooledShare, n: both, low: bounds.low, high: bounds.high, waveIds: [before.waveId, e.waveId] };
  }
  const status: FigureStatus = interval.low > threshold || pooled ? 'hotspot' : share > threshold ? 'watch' : 'ok';
  const decision: FigureDecision = { low: interval.low, high: interval.high, status, ...(pooled ? { pooled } : {}) };
  const baseline = comparable.slice(0, BASELINE_WAVES);
  const baselineX = baseline.reduce((sum, b) => sum + b.share * b.n, 0);
  const baselineN = baseline.reduce((sum, b) => sum + b.n, 0);
  if (baselineN > 0) {
    const z = twoProportionZ((share * n) / effect, n / effect, baselineX / effect, baselineN / effect);
    const baselineShare = baselineX / baselineN;
    const rising =
      z >= (options.zRiseOne ?? Z_RISE_ONE_PULSE) || risesOverTwoPulses(share, n, e.askedBefore[0], comparable, effect, options.zRiseTwo ?? Z_RISE_TWO_PULSES);
    decision.trend = {
      baselineShare,
      baselineN,
      baselineWaveIds: baseline.map((b) => b.waveId),
      z,
      worsening: rising && share - baselineShare >= WORSENING_MIN_RISE,
    };
  }
  return decision;
}

function risesOverTwoPulses(
  share: number,
  n: number,
  previous: DomainFigure | undefined,
  comparable: readonly ComparablePulse[],
  effect: number,
  zTwo: number,
): boolean {
  const [last, ...earlier] = comparable;
  if (!previous || last?.figure !== previous || previous.trend?.worsening) return false;
  const baseline = earlier.slice(0, BASELINE_WAVES);
  const baselineN = baseline.reduce((sum, b) => sum + b.n, 0);
  if (baselineN === 0) return false;
  const baselineX = baseline.reduce((sum, b) => sum + b.share * b.n, 0);
  const both = twoProportionZ((share * n + last.share * last.n) / effect, (n + last.n) / effect, baselineX / effect, baselineN / effect);
  const newest = twoProportionZ((share * n) / effect, n / effect, baselineX / effect, baselineN / effect);
  return both >= zTwo && newest >= Z_RISE_NEWEST_PULSE;
}
