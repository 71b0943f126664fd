import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoHistory } from '../../scripts/lib/seed-demo.js';
import { loadOrgConfig } from '../../shared/config.js';
import type { WaveCounts } from '../../shared/domain/evaluate-hotspots.js';
import { importRoster } from '../../shared/use-cases/import-roster.js';
import { frozenCounts } from '../../shared/use-cases/run-alerts.js';
import { attributeLeaksOf, truth } from '../support/audit-orgs.js';
import { findLeaks, publishedSums } from '../support/disclosure-auditor.js';
import { testPlatform } from '../support/scenario.js';

/**
 * Both attackers over what a newcomer sees first: the demo organization's year of pulses,
 * answered through the real submit path, closed and published in turn as `npm start` does.
 */
let p: Awaited<ReturnType<typeof testPlatform>>;
let year: WaveCounts[] = [];

beforeAll(async () => {
  const org = await loadOrgConfig('orgs/demo.json');
  p = await testPlatform({ org, staff: [] });
  await importRoster(p, { file: 'orgs/demo-roster.csv', text: await readFile('orgs/demo-roster.csv', 'utf8') });
  await seedDemoHistory(p, p.clock.now());
  const waves = (await p.stores.waves.listWaves()).sort((a, b) => a.openedAt.localeCompare(b.openedAt));
  const frozen = await frozenCounts(p.stores.waves, waves);
  year = waves.map((wave) => frozen.get(wave.id)!);
}, 600_000);

afterAll(async () => {
  await p?.drop();
});

describe('the demo organization’s year, to an attacker holding everything published', () => {
  it('pins down no hidden group’s answer on any domain, in any pulse', async () => {
    const evaluations = [...(await p.stores.figures.readPublishedMany(year.map((w) => w.wave.id))).values()];
    expect(evaluations).toHaveLength(year.length);
    expect(year.length).toBeGreaterThanOrEqual(24);
    // Read back from the counts frozen at close: every pulse was answered.
    expect(year.filter((w) => w.units.reduce((sum, u) => sum + u.counts.n, 0) < 50).map((w) => w.wave.id)).toEqual([]);
    expect(attributeLeaksOf(p.org, year, evaluations)).toEqual([]);
  }, 300_000);

  it('solves no group of 1 to k - 1 people, pulse by pulse and with the pulse before', async () => {
    const evaluations = await p.stores.figures.readPublishedMany(year.map((w) => w.wave.id));
    const plans = new Map(year.map((w) => [w.wave.id, w.wave]));
    for (const [i, wave] of year.entries()) {
      const pair = year.slice(Math.max(0, i - 1), i + 1);
      const published = pair.flatMap((w) => publishedSums(p.org, plans, evaluations.get(w.wave.id)!));
      expect(findLeaks(published, truth(...pair), p.org.k), wave.wave.id).toEqual([]);
    }
  }, 300_000);
});
