import type { DepartmentTree } from './department-tree.js';
import type { PublishedGroup } from './evaluate-hotspots.js';
import type { Finding } from './leader-findings.js';
import type { OrgConfig } from './org-config.js';

type Leader = OrgConfig['leaders'][number];

/**
 * Over more departments than this, a leader's first page is a summary, with a page per
 * top-level group: the whole table of a 2,000-department organization was megabytes of HTML
 * (docs/benchmarks.md).
 */
export const FULL_PAGE_ROWS = 80;
/** Top-level groups a summary shows at most; the rest are in the full table. */
export const SUMMARY_ROWS = 40;

/** A shown group by its index in `rows`, or a hidden department by name, with its department when it is one. */
export type HeatmapEntry = ({ row: number } | { hidden: string; depth: number }) & { department?: string };

export interface DashboardSummary {
  /** The organization's row and the top-level departments, shown or hidden, in the tree. */
  entries: HeatmapEntry[];
  /** Hotspots in each top-level department and everything under it. */
  hotspotsUnder: Record<string, number>;
  /** Top-level departments left out of the summary for room (those with nothing flagged under them go first). */
  more: number;
}

/**
 * The top of the tree for a first page: the organization's row, then each top-level
 * department the leader oversees with the hotspots under it. Past {@link SUMMARY_ROWS}, those
 * with hotspots under them stay and the quiet ones are counted.
 */
export function summaryOf(
  org: OrgConfig,
  leader: Leader,
  scope: ReadonlySet<string>,
  tree: DepartmentTree,
  placed: readonly { group: PublishedGroup; entry: HeatmapEntry }[],
  hotspots: readonly Finding[],
): DashboardSummary {
  const tops = new Set(leader.executive ? tree.childrenOf(undefined) : [...scope].filter((id) => !scope.has(tree.parentOf(id) ?? '')));
  const topOf = (department: string) => [department, ...tree.ancestors(department)].find((id) => tops.has(id));
  const hotspotsUnder: Record<string, number> = {};
  for (const finding of hotspots) {
    const top = finding.group.department === undefined ? undefined : topOf(finding.group.department);
    if (top !== undefined) hotspotsUnder[top] = (hotspotsUnder[top] ?? 0) + 1;
  }
  const atTop = placed.filter(({ group }) => group.kind === 'org' || (group.kind === 'department' && tops.has(group.department ?? '')));
  const kept =
    atTop.length <= SUMMARY_ROWS
      ? atTop
      : atTop.filter(({ group }) => group.kind === 'org' || (hotspotsUnder[group.department ?? ''] ?? 0) > 0).slice(0, SUMMARY_ROWS);
  return {
    entries: kept.map(({ group, entry }) => ({ ...entry, ...(group.department ? { department: group.department } : {}) })),
    hotspotsUnder,
    more: atTop.length - kept.length,
  };
}
