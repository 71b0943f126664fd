import type { ActionStore } from './action-store.js';
import type { AnswerStore } from './answer-store.js';
import type { CommentStore } from './comment-store.js';
import type { DeliveryLog } from './delivery-log.js';
import type { PublishedFigures } from './published-figures.js';
import type { RosterStore } from './roster-store.js';
import type { WaveStore } from './wave-store.js';

/**
 * Storage, one port per aggregate. A use case names the ones it uses (`Pick<Stores, ...>`,
 * or a narrower Pick of one port); an entry point builds them all once.
 */
export interface Stores {
  roster: RosterStore;
  waves: WaveStore;
  answers: AnswerStore;
  comments: CommentStore;
  deliveries: DeliveryLog;
  figures: PublishedFigures;
  actions: ActionStore;
}
