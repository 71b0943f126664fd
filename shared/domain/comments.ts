import { COMMENT_THEMES, commentThemes, type CommentTheme } from './comment-text.js';
import { groupsOfWave, type Evaluation, type PublishedGroup } from './evaluate-hotspots.js';
import { groupLabel } from './leader-findings.js';
import type { Locale } from './locale.js';
import type { OrgConfig } from './org-config.js';
import { WORDS } from '../words/words.js';
import { shuffled } from './shuffle.js';
import { suppressGroups } from './suppression.js';
import type { Wave } from './wave.js';

/*
 * Staff's own words: where a comment is kept and who may read it (docs/privacy.md, "Comments").
 * A comment is easier to trace to its writer than a count, so it is kept apart from the
 * answers it came with and shown only to groups larger than any figure needs.
 */

/** Buckets a unit's comments are spread over, so no item nears DynamoDB's 400 KB limit. */
export const COMMENT_BUCKETS = 8;

/**
 * How long comments are kept after their pulse opened: leaders read the newest closed pulse's,
 * so this is long enough for a monthly pulse's to be read until the next one closes, with a
 * margin, and no longer: text tied to a unit has no reader after that.
 */
const COMMENT_RETENTION_DAYS = 120;

/**
 * A bucket for one comment, drawn on its own: had it followed the answer's shard, the shard a
 * comment sits in would say which shard its writer's answers joined.
 */
export function pickCommentBucket(random: () => number): number {
  return Math.min(COMMENT_BUCKETS - 1, Math.floor(random() * COMMENT_BUCKETS));
}

/**
 * When a wave's comments may be deleted (epoch seconds), from the day its id names: one value
 * for every comment of the wave, so it sets no writer apart.
 */
export function commentsExpireAt(waveId: string): number {
  const day = /^w(\d{4})(\d{2})(\d{2})-/.exec(waveId);
  if (!day) throw new Error(`Not a wave id: ${waveId}`);
  return Math.floor(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])) / 1000) + COMMENT_RETENTION_DAYS * 24 * 60 * 60;
}

/**
 * A comment as its bucket holds it: behind a random nonce, so two people who write the same
 * words are two comments (a set keeps one of each), and the set's order follows the nonces.
 */
export function storedComment(nonce: string, text: string): string {
  return `${nonce} ${text}`;
}

/** The text of a stored comment. */
export function commentText(stored: string): string {
  const space = stored.indexOf(' ');
  return space === -1 ? stored : stored.slice(space + 1);
}

/** One recording unit's comments to one wave, in no order that means anything. */
export interface UnitComments {
  unit: string;
  texts: string[];
}

/**
 * The groups of a closed wave whose comments may be read, each with the recording units it
 * adds up. The same rule as the figures' (suppression.ts), over the groups the wave published,
 * at the comments' own threshold: each shown group's part that no shown subgroup holds has
 * no respondents or at least `minRespondents` (never fewer than k), so no difference between
 * two shown groups' comments (a department's less its children's) sets apart a smaller group.
 * The threshold is the highest of today's and the one the wave opened with, which its staff
 * were told. Groups are rebuilt from the wave's frozen plan and today's department tree; when
 * the tree no longer gives a published group the departments it covered, its n no longer
 * counts the units it would now add up, and the wave's comments stay hidden.
 */
export function commentGroups(org: OrgConfig, wave: Wave, evaluation: Evaluation): Map<string, string[]> {
  const groups = groupsOfWave(org, wave);
  const sameAsPublished = evaluation.groups.every((published) => {
    const built = groups.get(published.id);
    return built !== undefined && (published.kind === 'org' || sameSet(built.covers, published.covers));
  });
  if (!sameAsPublished) return new Map();
  const candidates = evaluation.groups.map((published) => {
    const built = groups.get(published.id)!;
    // The organization's comments go first when one must: its readers can read every group
    // shown under it, and a manager reads only their own.
    return { id: published.id, units: built.units, n: published.n, level: built.level, ...(published.kind === 'org' ? { cost: 0 } : {}) };
  });
  const hidden = suppressGroups(candidates, commentThreshold(org, wave));
  return new Map(candidates.filter((group) => !hidden.has(group.id)).map((group) => [group.id, group.units]));
}

/** The fewest respondents a group's comments need: never fewer than k, nor than staff were told when the wave opened. */
export function commentThreshold(org: Pick<OrgConfig, 'k' | 'comments'>, wave: Pick<Wave, 'reachK' | 'commentMinRespondents'>): number {
  return Math.max(org.k, org.comments.minRespondents, wave.reachK ?? 0, wave.commentMinRespondents ?? 0);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((item) => set.has(item));
}

/** One shown group's comments: those of its units no shown subgroup of it holds. */
export interface CommentSection {
  group: PublishedGroup;
  /** Whether shown subgroups have sections of their own (this one then holds the rest). */
  hasShownSubgroups: boolean;
  /** In random order, each with the themes it touches. */
  quotes: { text: string; themes: CommentTheme[] }[];
  /** How many of the quotes touch each theme, most first; themes none touches left out. */
  themes: { theme: CommentTheme; count: number }[];
}

/**
 * A reader's comments, each once: under the smallest shown group holding its unit, among the
 * groups `sees` lets through (a leader's oversight holds every subgroup of what it holds).
 * Groups in the evaluation's order; texts shuffled. Sections without comments are left out.
 */
export function commentSections(
  shown: ReadonlyMap<string, readonly string[]>,
  evaluation: Evaluation,
  sees: (group: PublishedGroup) => boolean,
  comments: readonly UnitComments[],
  random: () => number,
): CommentSection[] {
  const readable = evaluation.groups.filter((group) => shown.has(group.id) && sees(group));
  const home = new Map<string, PublishedGroup>();
  for (const group of readable)
    for (const unit of shown.get(group.id)!) {
      const current = home.get(unit);
      if (!current || shown.get(current.id)!.length > shown.get(group.id)!.length) home.set(unit, group);
    }
  const texts = new Map<string, string[]>();
  for (const { unit, texts: unitTexts } of comments) {
    const group = home.get(unit);
    if (group) texts.set(group.id, [...(texts.get(group.id) ?? []), ...unitTexts]);
  }
  return readable.flatMap((group) => {
    const own = texts.get(group.id);
    if (!own || own.length === 0) return [];
    const units = new Set(shown.get(group.id));
    const hasShownSubgroups = readable.some((other) => other !== group && shown.get(other.id)!.every((unit) => units.has(unit)));
    const quotes = shuffled(own, (bound) => Math.floor(random() * bound)).map((text) => ({ text, themes: commentThemes(text) }));
    return [{ group, hasShownSubgroups, quotes, themes: themeCounts(quotes) }];
  });
}

/** A section's heading: its group, or the rest of it when its shown subgroups have sections of their own. */
export function commentSectionLabel(org: OrgConfig, section: Pick<CommentSection, 'group' | 'hasShownSubgroups'>, locale: Locale): string {
  const name = groupLabel(org, section.group, undefined, locale);
  return section.hasShownSubgroups ? WORDS[locale].leader.comments.restOf(name) : name;
}

function themeCounts(quotes: readonly { themes: readonly CommentTheme[] }[]): { theme: CommentTheme; count: number }[] {
  const counts = new Map<CommentTheme, number>();
  for (const quote of quotes) for (const theme of quote.themes) counts.set(theme, (counts.get(theme) ?? 0) + 1);
  return COMMENT_THEMES.flatMap((theme) => (counts.has(theme) ? [{ theme, count: counts.get(theme)! }] : [])).sort((a, b) => b.count - a.count);
}
