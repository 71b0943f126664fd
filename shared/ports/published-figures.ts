import type { Evaluation } from '../domain/evaluate-hotspots.js';

/** Closed waves' figures as published, once and for good. */
export interface PublishedFigures {
  /**
   * Publishes a closed wave's figures, unless figures were published for it already: the
   * first save to complete is the wave's, for good. Returns the wave's published figures,
   * these or the earlier ones; undefined when earlier ones cannot be read whole (withheld).
   */
  savePublished(evaluation: Evaluation): Promise<Evaluation | undefined>;
  /**
   * A closed wave's published figures; undefined when none were stored (or not all of them).
   * With `departments`, only those departments' groups (and every hidden group's id), item
   * by item; without, the whole wave as `readPublishedMany` reads it.
   */
  readPublished(waveId: string, options?: { departments?: readonly string[] }): Promise<Evaluation | undefined>;
  /**
   * Closed waves' published figures, by wave id, from their compressed copies: a request or
   * two whatever their size. Waves with none published (or not all of it) are left out.
   */
  readPublishedMany(waveIds: readonly string[]): Promise<Map<string, Evaluation>>;
}
