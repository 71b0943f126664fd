import type { Evaluation, PublishedGroup } from '../../shared/domain/evaluate-hotspots.js';
import { orgConfigSchema, type OrgConfig } from '../../shared/domain/org-config.js';

/**
 * An organization too large for one dashboard page: `regions` regions of `unitsPerRegion`
 * units each (unit u under region u mod regions), and what one pulse published for it, each
 * group a workload figure, hot where `isHot` says.
 */
export function largeOrganization(options: {
  regions: number;
  unitsPerRegion: number;
  isHot: (unit: number) => boolean;
  hidden?: string[];
  leaders?: OrgConfig['leaders'] | Record<string, unknown>[];
}): { org: OrgConfig; evaluation: Evaluation } {
  const { regions, unitsPerRegion } = options;
  const departments = [
    ...Array.from({ length: regions }, (_, r) => ({ id: `r${r}`, name: `Region ${r}` })),
    ...Array.from({ length: regions * unitsPerRegion }, (_, u) => ({ id: `u${u}`, name: `Unit ${u}`, parent: `r${u % regions}` })),
  ];
  const org = orgConfigSchema.parse({
    id: 'big',
    name: 'Big Health',
    timeZone: 'America/Chicago',
    departments,
    roleGroups: [{ id: 'nurse', name: 'Nurses' }],
    channels: { email: { from: 'pulse@big.example' } },
    deploy: { alarmEmail: 'it@big.example' },
    leaders: options.leaders ?? [{ id: 'ceo', name: 'Cy', email: 'ceo@big.example', executive: true }],
  });
  const group = (id: string, kind: PublishedGroup['kind'], department: string | undefined, hot: boolean): PublishedGroup => ({
    id,
    kind,
    ...(department ? { department } : {}),
    covers: department ? [department] : [],
    n: 20,
    staff: 25,
    figures: [
      {
        domain: 'workload',
        items: ['w'],
        share: hot ? 0.75 : 0.2,
        low: hot ? 0.53 : 0.08,
        high: hot ? 0.89 : 0.42,
        threshold: 0.4,
        status: hot ? 'hotspot' : 'ok',
        hotspotStreak: hot ? 1 : 0,
      },
    ],
  });
  const hidden = new Set(options.hidden ?? []);
  const evaluation: Evaluation = {
    waveId: 'w20261110-01',
    hiddenGroups: [...hidden].map((id) => `department:${id}`),
    groups: [
      group('org', 'org', undefined, false),
      ...departments
        .filter((d) => !hidden.has(d.id))
        .map((d) => group(`department:${d.id}`, 'department', d.id, d.id.startsWith('u') && options.isHot(Number(d.id.slice(1))))),
    ],
  };
  return { org, evaluation };
}
