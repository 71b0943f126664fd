import { randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import { lazySchema } from './lazy-schema.js';
import { actionStatusSchema, type ActionNews, type ActionStatus } from './action-news.js';
import { DepartmentTree } from './department-tree.js';
import type { Evaluation } from './evaluate-hotspots.js';
import { domainSchema, type Domain } from './instrument.js';
import { localeSchema, type Locale } from './locale.js';
import { calendarDateSchema } from './action-form.js';
import type { OrgConfig } from './org-config.js';
import { differenceInterval } from './statistics.js';

/**
 * Closing the loop: what leaders commit to for a hotspot, what staff are told was done
 * ("you said, we did"), and whether the figures moved after an action was done.
 */

/** One committed action, stored per department. */
export const actionSchema = lazySchema(() =>
  z.object({
    id: z.string().check(z.regex(/^a[0-9]{8}-[a-z0-9]{6}$/)),
    department: z.string().check(z.minLength(1)),
    kind: domainSchema,
    /** As the leader wrote it; staff reading another language see it as written unless a translation was given. */
    title: z.string().check(z.minLength(1)),
    translations: z._default(z.partialRecord(localeSchema, z.string().check(z.minLength(1))), {}),
    status: actionStatusSchema,
    targetOn: z.optional(calendarDateSchema),
    doneOn: z.optional(calendarDateSchema),
    /** The leader who committed to it. */
    createdBy: z.string().check(z.minLength(1)),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  }),
);
export type Action = z.infer<typeof actionSchema>;

export {
  actionChangeSchema,
  actionFormSchemas,
  actionTitleSchema,
  calendarDateSchema,
  newActionSchema,
  type ActionChange,
  type NewAction,
} from './action-form.js';

const STATUS_ORDER = { 'in-progress': 0, planned: 1, done: 2 } as const;
/** Actions as leaders list them: under way first, then planned, then done; newest change first within each. */
export const openFirst = (a: Action, b: Action) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || b.updatedAt.localeCompare(a.updatedAt);

/** A new action's id: the day it was made and six random characters, so ids sort by date. */
export function newActionId(now: Date): string {
  const random = [...randomBytes(6)].map((b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');
  return `a${now.toISOString().slice(0, 10).replaceAll('-', '')}-${random}`;
}

/** The calendar date of an instant, as the organization's staff read it. */
export function calendarDate(instant: Date | string, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

/** An action's title in the reader's language, or as written. */
export function actionTitle(action: Pick<Action, 'title' | 'translations'>, locale: Locale): string {
  return action.translations[locale] ?? action.title;
}

/** A wave's dates, for placing actions before and after it. */
export interface WaveDates {
  id: string;
  openedAt: string;
  closesAt: string;
  /** When it was closed: before `closesAt` when an admin closed it early. */
  closedAt?: string;
}

/** How many actions one pulse page or invitation lists: a pulse is meant to take a minute. */
export const NEWS_PER_PULSE = 4;

/**
 * The "you said, we did" of a new wave, frozen when it opens: per department, the actions
 * logged or updated since the previous wave opened (newest first). Nothing for a first wave.
 */
export function newsForWave(actions: readonly Action[], previousOpenedAt: string | undefined): Record<string, ActionNews[]> {
  if (previousOpenedAt === undefined) return {};
  const news: Record<string, ActionNews[]> = {};
  const recent = actions.filter((a) => a.updatedAt >= previousOpenedAt).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  for (const action of recent) {
    (news[action.department] ??= []).push({
      department: action.department,
      kind: action.kind,
      title: action.title,
      translations: action.translations,
      status: action.status,
    });
  }
  return news;
}

/**
 * What one reader hears: the news of their department and every department above it,
 * nearest first, and of any department whose staff answer with theirs (a small unit folded
 * into its parent), at most {@link NEWS_PER_PULSE}.
 */
export function newsFor(
  news: Readonly<Record<string, readonly ActionNews[]>>,
  tree: DepartmentTree,
  department: string,
  foldedIn: readonly string[] = [],
): ActionNews[] {
  // A parent whose own staff record into this unit is both folded in and above it: once.
  const departments = [...new Set([department, ...foldedIn, ...tree.ancestors(department)])];
  return departments.flatMap((id) => news[id] ?? []).slice(0, NEWS_PER_PULSE);
}

/**
 * Departments with news whose staff answer in `department`'s unit though it is not their
 * own (small ones that record into it, by the wave's frozen plan). Only departments that
 * have news are looked at: a pulse page of a 2,000-department organization pays for a few
 * lookups, not a walk of the whole plan.
 */
export function foldedInto(
  wave: { units: Readonly<Record<string, string>>; news: Readonly<Record<string, unknown>> },
  department: string,
  roleIds: readonly string[],
): string[] {
  return Object.keys(wave.news).filter(
    (source) => source !== department && roleIds.some((role) => wave.units[`${source}/${role}`]?.startsWith(`${department}/`)),
  );
}

/** One "you said, we did" line as a reader sees it, in their language. */
export interface NewsLine {
  title: string;
  departmentName: string;
  status: ActionStatus;
}

/** The "you said, we did" lines for a reader in `department`, for their pulse page and their invitation alike. */
export function newsLines(
  org: Pick<OrgConfig, 'departments' | 'roleGroups'>,
  wave: { units: Readonly<Record<string, string>>; news: Readonly<Record<string, readonly ActionNews[]>> },
  department: string,
  locale: Locale,
): NewsLine[] {
  if (Object.keys(wave.news).length === 0) return [];
  const folded = foldedInto(
    wave,
    department,
    org.roleGroups.map((r) => r.id),
  );
  return newsFor(wave.news, DepartmentTree.of(org.departments), department, folded).map((item) => ({
    title: actionTitle(item, locale),
    departmentName: org.departments.find((d) => d.id === item.department)?.name[locale] ?? item.department,
    status: item.status,
  }));
}

/** One side of a before-and-after: the pooled figure of up to two pulses. */
export interface PooledSide {
  share: number;
  n: number;
  waveIds: string[];
}

export interface BeforeAfter {
  kind: Domain;
  before: PooledSide;
  after: PooledSide;
  /** After minus before, with Newcombe's 95% interval. */
  difference: number;
  low: number;
  high: number;
}

/** Pulses pooled on each side of a done action. */
export const PULSES_EACH_SIDE = 2;

/**
 * Whether the figures moved after a done action: the department's share for the action's
 * kind in the last pulses that closed by the day it was done and the first ones that opened
 * after it (up to {@link PULSES_EACH_SIDE} each side, pooled), and the change with a 95%
 * interval. Reads published figures only, so a side counts only pulses in which the
 * department passed suppression; pooling published figures derives nothing new. A pulse that
 * was open on the day is on neither side.
 *
 * The interval treats the pooled share as a proportion of people. For a domain of several
 * items that is conservative: one person's answers to its items hang together, so the
 * variance is at most the binomial one.
 */
export function measureAction(
  action: Action,
  waves: readonly WaveDates[],
  published: ReadonlyMap<string, Evaluation>,
  timeZone: string,
): BeforeAfter | undefined {
  if (action.status !== 'done' || action.doneOn === undefined) return undefined;
  const doneOn = action.doneOn;
  const groupId = `department:${action.department}`;
  const figureIn = (wave: WaveDates) => {
    const group = published.get(wave.id)?.groups.find((g) => g.id === groupId);
    const figure = group?.figures.find((f) => f.domain === action.kind);
    return group && figure ? { waveId: wave.id, share: figure.share, n: group.n, items: figure.items.join(',') } : undefined;
  };
  const byOpening = [...waves].sort((a, b) => a.openedAt.localeCompare(b.openedAt));
  const nearestBefore = byOpening
    .filter((w) => calendarDate(w.closesAt, timeZone) <= doneOn)
    .reverse()
    .flatMap((w) => figureIn(w) ?? []);
  // Like with like: a rotating domain asks different questions in different pulses, so only
  // pulses that asked what the last one before the change asked are compared.
  const items = nearestBefore[0]?.items;
  const before = nearestBefore
    .filter((f) => f.items === items)
    .slice(0, PULSES_EACH_SIDE)
    .reverse();
  const after = byOpening
    .filter((w) => calendarDate(w.openedAt, timeZone) > doneOn)
    .flatMap((w) => figureIn(w) ?? [])
    .filter((f) => f.items === items)
    .slice(0, PULSES_EACH_SIDE);
  if (before.length === 0 || after.length === 0) return undefined;
  const pool = (side: typeof before): PooledSide => {
    const n = side.reduce((sum, s) => sum + s.n, 0);
    return { share: side.reduce((sum, s) => sum + s.share * s.n, 0) / n, n, waveIds: side.map((s) => s.waveId) };
  };
  const b = pool(before);
  const a = pool(after);
  const change = differenceInterval(a.share * a.n, a.n, b.share * b.n, b.n);
  return { kind: action.kind, before: b, after: a, difference: change.difference, low: change.low, high: change.high };
}

/** The waves whose published figures {@link measureAction} may need, nearest the done date first. */
export function wavesAround(action: Action, waves: readonly WaveDates[], timeZone: string, perSide = PULSES_EACH_SIDE + 1): string[] {
  if (action.status !== 'done' || action.doneOn === undefined) return [];
  const doneOn = action.doneOn;
  const byOpening = [...waves].sort((a, b) => a.openedAt.localeCompare(b.openedAt));
  const before = byOpening.filter((w) => calendarDate(w.closesAt, timeZone) <= doneOn).slice(-perSide);
  const after = byOpening.filter((w) => calendarDate(w.openedAt, timeZone) > doneOn).slice(0, perSide);
  return [...before, ...after].map((w) => w.id);
}
