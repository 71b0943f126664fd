import * as z from 'zod/mini';
import type { AggregateCounts } from './aggregates.js';
import { lazySchema } from './lazy-schema.js';
import { domainSchema, type Domain } from './instrument.js';
import type { Wave } from './wave.js';

/*
 * What an evaluation publishes, and the counts it reads: the shapes every reader of published
 * figures (digests, dashboards, the store) shares with the evaluator.
 */

/** One recording unit's counts for a wave, shards merged. */
export interface UnitCounts {
  department: string;
  roleGroup: string;
  counts: AggregateCounts;
}

export interface WaveCounts {
  wave: Wave;
  units: readonly UnitCounts[];
}

export type FigureStatus = 'hotspot' | 'watch' | 'ok';

export interface DomainFigure {
  domain: Domain;
  /** The domain's items asked this wave (sorted ids): a trend compares only waves that asked the same. */
  items: string[];
  /** Mean adverse share over the domain's items asked this wave. */
  share: number;
  low: number;
  high: number;
  threshold: number;
  status: FigureStatus;
  /** Against the group's own recent waves, when it has any. */
  trend?: {
    baselineShare: number;
    baselineN: number;
    /** The earlier waves pooled into the baseline; in each of them this group was published. */
    baselineWaveIds: string[];
    /** The pulses held against the baseline, oldest first: this one, or the one before and this one. */
    recentWaveIds?: string[];
    z: number;
    worsening: boolean;
  };
  /** Consecutive waves, this one included, in which this was a hotspot. */
  hotspotStreak: number;
  /**
   * The rule before borrowing strength (figures stored until 2026-12): this pulse and the
   * group's previous one pooled, when together they showed a hotspot this pulse alone could not.
   */
  pooled?: { share: number; n: number; low: number; high: number; waveIds: string[] };
  /**
   * What the hotspot test read: how likely the rate is above the line now and the bar a hotspot
   * needs (whole percents); the pulses (oldest first, this one last) in the likeliest stretch
   * since the group's level last changed, with their pooled share and answers; how many pulses
   * the model read; whether the organization's departments' spread was read too; and, where the
   * bar was lowered because few answered this pulse, how many did.
   */
  estimate?: { above: number; bar: number; share: number; n: number; waveIds: string[]; read: number; borrowed: boolean; barLoweredFor?: number };
}

export interface PublishedGroup {
  id: string;
  kind: 'org' | 'department' | 'role';
  /** The configured department the group is named after (the recording department for roles). */
  department?: string;
  roleGroup?: string;
  /** Configured departments whose staff are counted in this group. */
  covers: string[];
  n: number;
  staff: number;
  figures: DomainFigure[];
}

export interface Evaluation {
  waveId: string;
  groups: PublishedGroup[];
  /** Departments with no published figure (too few answers, derivable, or nobody answered). Ids only. */
  hiddenGroups: string[];
}

/**
 * What a stored evaluation must look like when read back (the alert job stores each
 * closed wave's published figures for the leader dashboard).
 */
// Parts built inside the lazy schemas that use them, not lazy themselves: a lazy part would
// put its proxy on the path of every field parsed (thousands per stored evaluation).
const shareSchema = () => z.number().check(z.minimum(0), z.maximum(1));
const countSchema = () => z.int().check(z.minimum(0));
export const publishedGroupSchema: z.ZodMiniType<PublishedGroup> = lazySchema(() =>
  z.object({
    id: z.string(),
    kind: z.enum(['org', 'department', 'role']),
    department: z.optional(z.string()),
    roleGroup: z.optional(z.string()),
    covers: z.array(z.string()),
    n: countSchema(),
    staff: countSchema(),
    figures: z.array(
      z.object({
        domain: domainSchema,
        // Figures stored before items were recorded compare with nothing.
        items: z._default(z.array(z.string()), []),
        share: shareSchema(),
        low: shareSchema(),
        high: shareSchema(),
        threshold: shareSchema(),
        status: z.enum(['hotspot', 'watch', 'ok']),
        trend: z.optional(
          z.object({
            baselineShare: shareSchema(),
            baselineN: z.number(),
            baselineWaveIds: z.array(z.string()),
            recentWaveIds: z.optional(z.array(z.string())),
            z: z.number(),
            worsening: z.boolean(),
          }),
        ),
        hotspotStreak: countSchema(),
        pooled: z.optional(z.object({ share: shareSchema(), n: countSchema(), low: shareSchema(), high: shareSchema(), waveIds: z.array(z.string()) })),
        estimate: z.optional(
          z.object({
            above: shareSchema(),
            bar: shareSchema(),
            share: shareSchema(),
            n: countSchema(),
            waveIds: z.array(z.string()),
            read: countSchema(),
            borrowed: z.boolean(),
            barLoweredFor: z.optional(countSchema()),
          }),
        ),
      }),
    ),
  }),
);
