import { isAdverse, type Domain, type Item } from './instrument.js';
import type { Answers } from './answers.js';

/**
 * Aggregates are the only place answers live: per (wave, department, role group, shard),
 * how many people answered (n) and how many chose each option of each item.
 * Attribute names are flat (`c_<item>_<value>`) because DynamoDB's ADD only works on
 * top-level attributes.
 */
export interface AggregateCounts {
  n: number;
  counts: Record<string, number>;
}

/** Spreads one department's burst over several items so concurrent submits rarely conflict. */
export const DEFAULT_SHARD_COUNT = 8;

export function countAttribute(itemId: string, value: number): string {
  return `c_${itemId}_${value}`;
}

const COUNT_ATTRIBUTE = /^c_([a-z][a-z0-9_]*)_(\d)$/;

/** Reverses {@link countAttribute}; undefined for attributes that are not counts. */
export function parseCountAttribute(name: string): { itemId: string; value: number } | undefined {
  const match = COUNT_ATTRIBUTE.exec(name);
  return match?.[1] !== undefined && match[2] !== undefined ? { itemId: match[1], value: Number(match[2]) } : undefined;
}

/**
 * How many people gave `adverse` adverse answers among a domain's items: per domain, a
 * count of people, never anything per person. It tells how strongly one person's answers
 * to a domain hang together, which decides how wide that domain's interval must be.
 */
export function adverseTallyAttribute(domain: Domain, adverse: number): string {
  return `a_${domain}_${adverse}`;
}

const ADVERSE_TALLY_ATTRIBUTE = /^a_([a-z_]+)_(\d)$/;

/** Reverses {@link adverseTallyAttribute}; undefined for attributes that are not such tallies. */
export function parseAdverseTallyAttribute(name: string): { domain: string; adverse: number } | undefined {
  const match = ADVERSE_TALLY_ATTRIBUTE.exec(name);
  return match?.[1] !== undefined && match[2] !== undefined ? { domain: match[1], adverse: Number(match[2]) } : undefined;
}

/** The counters one submission adds: n, one per answered item option, and one per domain's adverse tally. */
export function incrementsFor(answers: Answers, items: readonly Item[]): Record<string, number> {
  const increments: Record<string, number> = { n: 1 };
  const adverseByDomain = new Map<Domain, number>();
  for (const item of items) {
    const value = answers[item.id];
    if (value === undefined) continue;
    increments[countAttribute(item.id, value)] = 1;
    adverseByDomain.set(item.domain, (adverseByDomain.get(item.domain) ?? 0) + (isAdverse(item, value) ? 1 : 0));
  }
  for (const [domain, adverse] of adverseByDomain) increments[adverseTallyAttribute(domain, adverse)] = 1;
  return increments;
}

/** Picks a shard uniformly; `random` is injected so tests can pin it. */
export function pickShard(random: () => number, shardCount = DEFAULT_SHARD_COUNT): number {
  return Math.min(shardCount - 1, Math.floor(random() * shardCount));
}

export function emptyCounts(): AggregateCounts {
  return { n: 0, counts: {} };
}

/** Adds several partial aggregates (shards, role groups, child departments) into one. */
export function mergeCounts(parts: Iterable<AggregateCounts>): AggregateCounts {
  const total = emptyCounts();
  // An alert run merges every group of a 2,000-department organization, twelve waves over:
  // walking the keys in place, not through an array of entries per part, halves its time.
  for (const part of parts) {
    total.n += part.n;
    for (const name in part.counts) total.counts[name] = (total.counts[name] ?? 0) + part.counts[name]!;
  }
  return total;
}

/** The count attributes of an item's adverse answers. */
export function adverseAttributes(item: Item): string[] {
  return item.adverse.map((value) => countAttribute(item.id, value));
}

/**
 * How many of an aggregate's respondents gave an adverse answer to an item, given its
 * `adverseAttributes`: an evaluation works those out once per wave and reads them for every
 * group.
 */
export function adverseCount(aggregate: AggregateCounts, attributes: readonly string[]): number {
  let count = 0;
  for (const attribute of attributes) count += aggregate.counts[attribute] ?? 0;
  return count;
}
