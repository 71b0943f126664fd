import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WORDS } from '../../shared/words/words.js';
import { Trend, trendY } from '../../web/views/dashboard-page.js';

/**
 * A trend line draws published shares, which the page shows as whole percents. A coordinate
 * computed from the exact share says more than the figure beside it: 28 of 44 answers is
 * 64% on the page, but a dot at y = 8.545454545454545 is 28/44 exactly, and across a table
 * such exact shares narrow down who answered what.
 */
const HEIGHT = 22;

/** The shares a rendered trend line's coordinates stand for. */
async function plottedShares(history: (number | undefined)[], share: number): Promise<number[]> {
  const svg = (<Trend history={history} share={share} threshold={0.4} t={WORDS.en.leader} />).toString();
  const ys = [...svg.matchAll(/points="([^"]*)"/g)].flatMap((m) => m[1]!.split(' ').map((point) => Number(point.split(',')[1])));
  const dot = /<circle[^>]* cy="([^"]+)"/.exec(svg);
  if (dot) ys.push(Number(dot[1]));
  // Inverse of trendY.
  return ys.map((y) => (HEIGHT - 2 - y) / (HEIGHT - 4));
}

const isWholePercent = (share: number) => Math.abs(share * 100 - Math.round(share * 100)) < 1e-9;

describe('the trend line', () => {
  it('draws 28 of 44 at 64%, not at 28/44', async () => {
    const shares = await plottedShares([0.5, undefined, 0.6], 28 / 44);
    expect(shares).toHaveLength(4);
    expect(shares.every(isWholePercent)).toBe(true);
    expect(shares.at(-1)).toBeCloseTo(0.64, 12);
    expect(trendY(0.64, HEIGHT)).not.toBe(trendY(28 / 44, HEIGHT));
  });

  it('puts no coordinate more precise than the whole percent its figure shows, whatever the shares', async () => {
    const share = fc.integer({ min: 0, max: 400 }).chain((n) => fc.integer({ min: 1, max: 400 }).map((d) => Math.min(1, n / Math.max(n, d))));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.option(share, { nil: undefined }), { minLength: 1, maxLength: 6 }), share, async (history, current) => {
        for (const plotted of await plottedShares(history, current)) expect(isWholePercent(plotted), String(plotted)).toBe(true);
        const svg = (<Trend history={history} share={current} threshold={0.4} t={WORDS.en.leader} />).toString();
        // No coordinate with a floating-point tail, which reads as precision.
        expect(svg).not.toMatch(/\d\.\d{3,}/);
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
