import type { UnitComments } from '../domain/comments.js';

/** Staff's comments as kept: per recording unit, never per person. */
export interface CommentStore {
  /** A wave's comments from every unit recorded in these departments; units without any are left out. */
  readComments(waveId: string, departments: readonly string[]): Promise<UnitComments[]>;
}
