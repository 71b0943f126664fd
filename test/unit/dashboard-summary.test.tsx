import { describe, expect, it } from 'vitest';
import { composeDashboard, FULL_PAGE_ROWS, SUMMARY_ROWS } from '../../shared/domain/dashboard.js';
import { orgConfigSchema } from '../../shared/domain/org-config.js';
import { DashboardPage } from '../../web/views/dashboard-page.js';
import { largeOrganization } from '../support/large-org.js';

/**
 * A large organization's first page: the top of the tree with what lies under each group, and
 * a page per group, instead of one table of every department.
 */
const REGIONS = 4;
const UNITS_PER_REGION = 25;
// Every fifth unit hot on workload; region 3's units all quiet; unit 7 hidden.
const isHot = (unit: number) => unit % 5 === 0 && unit % REGIONS !== 3;
const { org, evaluation } = largeOrganization({
  regions: REGIONS,
  unitsPerRegion: UNITS_PER_REGION,
  isHot,
  hidden: ['u7'],
  leaders: [
    { id: 'ceo', name: 'Cy', email: 'ceo@big.example', executive: true },
    { id: 'region-1', name: 'Rae', email: 'rae@big.example', departments: ['r1'], reportsTo: 'ceo', locale: 'es' },
  ],
});
const departments = org.departments;
const leader = (id: string) => org.leaders.find((l) => l.id === id)!;
const hotUnits = (region: number) => Array.from({ length: REGIONS * UNITS_PER_REGION }, (_, u) => u).filter((u) => u % REGIONS === region && isHot(u));

describe('a large organization’s dashboard', () => {
  const ceo = composeDashboard(org, leader('ceo'), [evaluation])!;

  it('has more groups than one page holds, and a summary of the top of the tree with the hotspots under each top-level group', () => {
    expect(ceo.rows.length).toBeGreaterThan(FULL_PAGE_ROWS);
    const tops = ceo.summary.entries.map((entry) => ('row' in entry ? ceo.rows[entry.row]!.groupId : `hidden ${entry.hidden}`));
    expect(tops).toEqual(['org', 'department:r0', 'department:r1', 'department:r2', 'department:r3']);
    expect(ceo.summary.hotspotsUnder).toEqual({ r0: hotUnits(0).length, r1: hotUnits(1).length, r2: hotUnits(2).length });
    // The counts add up to the hotspots the list names.
    expect(Object.values(ceo.summary.hotspotsUnder).reduce((a, b) => a + b, 0)).toBe(ceo.attention.hotspots.length);
    expect(ceo.summary.more).toBe(0);
  });

  it('renders the summary with a link to each group’s page, the lists cut short with a count, and no table of every group', () => {
    const html = String(<DashboardPage dashboard={ceo} expiresAt={new Date('2026-12-20T00:00:00Z')} link="LINK" view="summary" />);
    for (const region of ['r0', 'r1', 'r2', 'r3']) expect(html).toContain(`href="/d/LINK/g/${region}"`);
    expect(html).toContain('href="/d/LINK/all"');
    expect(html).not.toContain('class="figures"');
    expect(html).not.toContain('Unit 99<');
    expect(html).toContain('>Hotspots within</th>');
    const listed = html.split('<h3>Hotspots</h3>')[1]!.split('</ul>')[0]!.match(/<li>/g)!.length;
    expect(listed).toBe(10);
    expect(html).toContain(`And ${ceo.attention.hotspots.length - 10} more: open a group above for its list.`);
    expect(html).toContain(`${ceo.attention.hotspots.length} hotspots in ${ceo.groupsWithHotspot} of the ${ceo.rows.length} groups you oversee.`);
  });

  it('gives each top-level group a page of its own: that department and everything under it, in the leader’s language', () => {
    const region = composeDashboard(org, leader('ceo'), [evaluation], { actions: [], measurements: new Map(), today: '2026-11-20', within: 'r1' })!;
    expect(region.rows.map((row) => row.groupId)).toEqual([
      'department:r1',
      ...Array.from({ length: UNITS_PER_REGION }, (_, i) => `department:u${i * REGIONS + 1}`),
    ]);
    expect(region.attention.hotspots.map((item) => item.department).sort()).toEqual(
      hotUnits(1)
        .map((u) => `u${u}`)
        .sort(),
    );
    expect(region.departmentChoices.map((d) => d.id)).toEqual(['r1', ...Array.from({ length: UNITS_PER_REGION }, (_, i) => `u${i * REGIONS + 1}`)]);
    // Region 3 keeps its hidden unit in place, by name, on its own page.
    const quiet = composeDashboard(org, leader('ceo'), [evaluation], { actions: [], measurements: new Map(), today: '2026-11-20', within: 'r3' })!;
    expect(quiet.heatmap).toContainEqual({ hidden: 'Unit 7', depth: 1, department: 'u7' });
    const spanish = composeDashboard(org, leader('region-1'), [evaluation], { actions: [], measurements: new Map(), today: '2026-11-20', within: 'r1' })!;
    const html = String(<DashboardPage dashboard={spanish} expiresAt={new Date('2026-12-20T00:00:00Z')} link="LINK" />);
    expect(html).toContain('>Todos sus grupos</a>');
    expect(html).toContain('action="/d/LINK/actions?within=r1"');
  });

  it('keeps, past the room a summary has, the top-level groups with hotspots under them and counts the rest', () => {
    const flat = orgConfigSchema.parse({
      ...org,
      departments: departments.map(({ id, name }) => ({ id, name })),
      leaders: [{ id: 'ceo', name: 'Cy', email: 'ceo@big.example', executive: true }],
    });
    const dashboard = composeDashboard(flat, flat.leaders[0]!, [evaluation])!;
    expect(dashboard.summary.entries.length).toBeLessThanOrEqual(SUMMARY_ROWS);
    const kept = dashboard.summary.entries.flatMap((entry) => (entry.department ? [entry.department] : []));
    expect(kept.every((department) => (dashboard.summary.hotspotsUnder[department] ?? 0) > 0)).toBe(true);
    expect(kept.length + dashboard.summary.more).toBe(departments.length);
  });
});
