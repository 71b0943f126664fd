import type { RosterPerson } from '../domain/roster.js';
import type { Channel, Staff } from '../domain/staff.js';

/** The roster: who the organization's staff are and how to reach them. */
export interface RosterStore {
  getStaff(staffId: string): Promise<Staff | undefined>;
  /** Roster entries by id, a hundred a request; ids not on the roster are left out. */
  getStaffMany(staffIds: readonly string[]): Promise<Map<string, Staff>>;
  /** The roster entries filed under one department. */
  listStaff(department: string): Promise<Staff[]>;
  /**
   * Every roster entry, a page at a time, whatever department it is filed under: people under
   * a department the org file no longer has are still on the roster, with their contacts and
   * opt-outs, until an import deactivates them or they are deleted on request.
   */
  visitAllStaff(visit: (staff: Staff[]) => void | Promise<void>): Promise<void>;
  /**
   * Writes staff items whole, reporting progress on large batches: for people not on the
   * roster yet, since a whole item overwrites opt-outs made since it was read.
   */
  putStaff(staff: readonly Staff[], onProgress?: (written: number, total: number) => void): Promise<void>;
  /**
   * Sets what a roster row says of people already on the roster (contacts, a missing one
   * removed, department, role, locale, channel) and makes them active, leaving their
   * opt-outs and unsubscribe link as they are at that moment. Someone deleted meanwhile
   * stays deleted rather than coming back in part.
   */
  updateStaffRoster(people: readonly RosterPerson[]): Promise<void>;
  /** Marks people inactive and changes nothing else; someone deleted meanwhile stays deleted. */
  deactivateStaff(staffIds: readonly string[]): Promise<void>;
  /** Records an opt-out; false when the person is not on the roster. */
  setOptOut(staffId: string, channel: Channel): Promise<boolean>;
  /** Deletes a roster entry for good; false when there was none. */
  deleteStaff(staffId: string): Promise<boolean>;
}
