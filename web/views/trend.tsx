import { percent, shownShare } from '../../shared/domain/leader-findings.js';
import type { LeaderWords } from '../../shared/words/shape.js';

export const TREND = { width: 168, height: 76, left: 4, right: 30, top: 10, bottom: 16 } as const;
const PLOT_WIDTH = TREND.width - TREND.left - TREND.right;
const PLOT_HEIGHT = TREND.height - TREND.top - TREND.bottom;
/** The least span a chart shows, in points: a 10-point change stays a third of its height or more. */
const LEAST_SPAN = 30;

/**
 * The percents a chart spans: its shown figures and its line, with room around them, in tens,
 * at least {@link LEAST_SPAN} points. Worked out from whole percents only, so the scale says
 * nothing the figures beside it do not.
 */
export function trendScale(percents: readonly number[], threshold: number): { lo: number; hi: number } {
  const all = [...percents, threshold];
  let lo = Math.max(0, Math.floor((Math.min(...all) - 5) / 10) * 10);
  let hi = Math.min(100, Math.ceil((Math.max(...all) + 5) / 10) * 10);
  if (hi - lo < LEAST_SPAN) hi = Math.min(100, lo + LEAST_SPAN);
  if (hi - lo < LEAST_SPAN) lo = Math.max(0, hi - LEAST_SPAN);
  return { lo, hi };
}

/** Where a whole percent sits, to the hundredth of a pixel (no floating-point tails). */
export const trendY = (wholePercent: number, scale: { lo: number; hi: number }) =>
  Math.round((TREND.top + ((scale.hi - wholePercent) / (scale.hi - scale.lo)) * PLOT_HEIGHT) * 100) / 100;
/** Where the pulse at `index` of `count` sits, to the tenth of a pixel. */
export const trendX = (index: number, count: number) => Math.round((TREND.left + (count === 1 ? PLOT_WIDTH : (index / (count - 1)) * PLOT_WIDTH)) * 10) / 10;

/**
 * A figure over the pulses shown, oldest first: dated at both ends, its line dashed and
 * labelled, the newest value written beside its dot, a pulse that published nothing left as a
 * gap, and a scale in tens tight enough that a 10-point change shows. No script; the text
 * alternative says it in words.
 */
export function Trend(props: { history: (number | undefined)[]; share: number; threshold: number; days: readonly string[]; t: LeaderWords }) {
  const { t } = props;
  // Plotted as shown: whole percents, so no coordinate is more precise than its figure.
  const points = [...props.history, props.share].map((value) => (value === undefined ? undefined : Math.round(shownShare(value) * 100)));
  const known = points.map((value, index) => ({ value, index })).filter((p): p is { value: number; index: number } => p.value !== undefined);
  if (known.length < 2) return null;
  const threshold = Math.round(shownShare(props.threshold) * 100);
  const scale = trendScale(
    known.map((p) => p.value),
    threshold,
  );
  const x = (index: number) => trendX(index, points.length);
  const y = (value: number) => trendY(value, scale);
  // Runs of consecutive pulses with a figure: a gap between them stays a gap.
  const runs: { value: number; index: number }[][] = [];
  for (const point of known) {
    const run = runs.at(-1);
    if (run && run.at(-1)!.index === point.index - 1) run.push(point);
    else runs.push([point]);
  }
  const grid = Array.from({ length: (scale.hi - scale.lo) / 10 + 1 }, (_, i) => scale.lo + i * 10);
  const day = (index: number) => props.days[index] ?? '';
  const words = points.map((value, index) => `${day(index)} ${value === undefined ? t.notShown : `${value}%`}`.trim()).join(', ');
  const last = points.length - 1;
  const lineY = y(threshold);
  return (
    <svg class="trend" role="img" aria-label={t.trendAlt(words)} width={TREND.width} height={TREND.height} viewBox={`0 0 ${TREND.width} ${TREND.height}`}>
      {grid.map((value) => (
        <line class="grid" x1={TREND.left} x2={TREND.left + PLOT_WIDTH} y1={y(value)} y2={y(value)} />
      ))}
      <line class="thr" x1={TREND.left} x2={TREND.left + PLOT_WIDTH} y1={lineY} y2={lineY} />
      <text class="thr" x={TREND.left} y={Math.round(lineY < TREND.top + 10 ? lineY + 10 : lineY - 3)}>
        {t.line(percent(props.threshold))}
      </text>
      {runs
        .filter((run) => run.length > 1)
        .map((run) => (
          <polyline points={run.map((p) => `${x(p.index)},${y(p.value)}`).join(' ')} />
        ))}
      {known.map((p) => (
        <circle cx={x(p.index)} cy={y(p.value)} r="2.5" />
      ))}
      <text class="now" x={Math.round(x(last) + 5)} y={Math.round(y(points[last]!) + 3)}>
        {`${points[last]}%`}
      </text>
      <text x={TREND.left} y={TREND.height - 3}>
        {day(0)}
      </text>
      <text x={TREND.left + PLOT_WIDTH} y={TREND.height - 3} text-anchor="end">
        {day(last)}
      </text>
    </svg>
  );
}
