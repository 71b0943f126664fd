import type { Action } from '../domain/actions.js';

/** Leaders' committed actions, and the key their dashboard links are signed with. */
export interface ActionStore {
  /**
   * Stores an action. A new one (no `expectedUpdatedAt`) must not exist yet; a changed one
   * must still be as it was read, else ActionChangedError: two leaders editing at once
   * never overwrite each other silently.
   */
  saveAction(action: Action, expectedUpdatedAt?: string): Promise<void>;
  /** Actions, all of them or those of the given departments. */
  listActions(options?: { departments?: readonly string[] }): Promise<Action[]>;
  /**
   * The dashboard link key. With `create`, makes one the first time (a conditional write,
   * so concurrent first calls agree); without, undefined until then.
   */
  dashboardKey(options?: { create?: boolean }): Promise<string | undefined>;
}
