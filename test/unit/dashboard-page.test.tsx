import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WORDS } from '../../shared/words/words.js';
import { Trend, TREND, trendScale, trendY } from '../../web/views/trend.js';

/**
 * A trend chart draws published shares, which the page shows as whole percents. A coordinate
 * computed from the exact share says more than the figure beside it: 28 of 44 answers is
 * 64% on the page, but a dot placed at 28/44 exactly would say so, and across a table such
 * exact shares narrow down who answered what.
 */
const DAYS = ['Jun 1', 'Jul 1', 'Aug 1', 'Sep 1', 'Oct 1', 'Nov 1', 'Dec 1'];
const chart = (history: (number | undefined)[], share: number) =>
  String(<Trend history={history} share={share} threshold={0.4} days={DAYS.slice(-history.length - 1)} t={WORDS.en.leader} />);

/** The percents a rendered chart's dots and lines stand for, read back through its scale. */
function plottedPercents(history: (number | undefined)[], share: number): number[] {
  const svg = chart(history, share);
  const shown = [...history, share].flatMap((value) => (value === undefined ? [] : [Math.round((Math.round(value * 100) / 100) * 100)]));
  const scale = trendScale(shown, 40);
  const ys = [
    ...[...svg.matchAll(/points="([^"]*)"/g)].flatMap((m) => m[1]!.split(' ').map((point) => Number(point.split(',')[1]))),
    ...[...svg.matchAll(/<circle[^>]* cy="([^"]+)"/g)].map((m) => Number(m[1])),
  ];
  const plotHeight = TREND.height - TREND.top - TREND.bottom;
  return ys.map((y) => scale.hi - ((y - TREND.top) / plotHeight) * (scale.hi - scale.lo));
}

// A y to the hundredth of a pixel reads back to within a fiftieth of a point of its percent.
const isWhole = (percent: number) => Math.abs(percent - Math.round(percent)) < 0.02;

describe('the trend chart', () => {
  it('draws 28 of 44 at 64%, not at 28/44', () => {
    const percents = plottedPercents([0.5, undefined, 0.6], 28 / 44);
    expect(percents.every(isWhole)).toBe(true);
    expect(Math.round(percents.at(-1)!)).toBe(64);
    const scale = trendScale([50, 60, 64], 40);
    expect(trendY(64, scale)).not.toBe(trendY((28 / 44) * 100, scale));
  });

  it('leaves a pulse without a figure as a gap, labels the newest value and its line, and dates both ends', () => {
    const svg = chart([0.5, undefined, 0.6, 0.62], 0.7);
    // Two runs: the first pulse alone, then three in a row.
    expect(svg.match(/<polyline/g)).toHaveLength(1);
    expect(svg.match(/<circle/g)).toHaveLength(4);
    expect(svg).toContain('>70%</text>');
    expect(svg).toContain('>line 40%</text>');
    expect(svg).toContain('>Aug 1</text>');
    expect(svg).toContain('>Dec 1</text>');
    expect(svg).toContain('aria-label="Trend, oldest first: Aug 1 50%, Sep 1 not shown, Oct 1 60%, Nov 1 62%, Dec 1 70%"');
  });

  it('shows a 10-point change as a tenth of its span or more, whatever the figures', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 2, maxLength: 6 }), fc.integer({ min: 5, max: 95 }), (percents, threshold) => {
        const scale = trendScale(percents, threshold);
        expect(scale.hi - scale.lo).toBeGreaterThanOrEqual(30);
        for (const p of [...percents, threshold]) expect(p >= scale.lo && p <= scale.hi).toBe(true);
        // A ten-point move is at least a tenth of the chart's height.
        expect(trendY(scale.lo, scale) - trendY(scale.lo + 10, scale)).toBeGreaterThanOrEqual((TREND.height - TREND.top - TREND.bottom) / 10);
      }),
    );
  });

  it('puts no coordinate more precise than the whole percent its figure shows, whatever the shares', () => {
    const share = fc.integer({ min: 0, max: 400 }).chain((n) => fc.integer({ min: 1, max: 400 }).map((d) => Math.min(1, n / Math.max(n, d))));
    fc.assert(
      fc.property(fc.array(fc.option(share, { nil: undefined }), { minLength: 1, maxLength: 6 }), share, (history, current) => {
        for (const plotted of plottedPercents(history, current)) expect(isWhole(plotted), String(plotted)).toBe(true);
        // No coordinate with a floating-point tail, which reads as precision.
        expect(chart(history, current)).not.toMatch(/\d\.\d{3,}/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the dashboard’s opening line', () => {
  it('counts hotspots as the list below it does, and the groups they are in apart', () => {
    expect(WORDS.en.leader.groupsWithHotspot(5, 4, 11)).toBe('5 hotspots in 4 of the 11 groups you oversee.');
    expect(WORDS.es.leader.groupsWithHotspot(5, 4, 11)).toBe('5 puntos críticos en 4 de los 11 grupos a su cargo.');
  });

  it('speaks of one group in the singular, in both languages', () => {
    expect(WORDS.en.leader.noHotspotsIn(1)).toBe('No hotspots in the group you oversee.');
    expect(WORDS.es.leader.noHotspotsIn(1)).toBe('Sin puntos críticos en el grupo a su cargo.');
    expect(WORDS.en.leader.groupsWithHotspot(1, 1, 1)).toBe('One hotspot in the group you oversee.');
    expect(WORDS.es.leader.groupsWithHotspot(1, 1, 1)).toBe('Un punto crítico en el grupo a su cargo.');
    expect(WORDS.en.leader.groupsWithHotspot(2, 1, 1)).toBe('2 hotspots in the group you oversee.');
    expect(WORDS.es.leader.noHotspotsIn(14)).toBe('Sin puntos críticos en los 14 grupos a su cargo.');
  });
});
