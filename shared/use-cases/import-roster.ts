import type { OrgConfig } from '../domain/org-config.js';
import {
  findRepeatedContacts,
  readRoster,
  rosterChange,
  rosterFingerprint,
  staffIdFor,
  storedPerson,
  type RosterChange,
  type RosterChunks,
  type RosterPerson,
  type RosterProblem,
  type StoredPerson,
} from '../domain/roster.js';
import { channelLabel, channelsOff, channelsOnOffer, channelsToTurnOn, type Staff } from '../domain/staff.js';
import { batchedWrites } from '../concurrency.js';
import { InvalidInputError } from '../errors.js';
import type { RosterStore } from '../ports/roster-store.js';

/** A bad file lists this many problems, then says how many more there were. */
const LISTED_PROBLEMS = 100;

/**
 * An import that would deactivate more than this share of the active roster (and more than
 * `MASS_DEACTIVATION_PEOPLE` people) writes nothing unless told to: far more people than
 * leave between two pulses, and just what a cut-short export from an HR system looks like.
 */
const MASS_DEACTIVATION_SHARE = 0.25;
const MASS_DEACTIVATION_PEOPLE = 10;

/**
 * People per store call and calls at once. Small batches, many at a time: each person is
 * written soon after being read rather than waiting for hundreds of others, which kept the
 * 50,000-row benchmark's peak memory lower at no cost in speed. A putStaff call is one
 * BatchWriteItem; an updateStaffRoster call is 25 UpdateItems, 16 at a time, so fewer of
 * those go at once. The writer waits while more calls than this are in flight.
 */
const WRITE_BATCH = 25;
const PUTS_IN_FLIGHT = 8;
const UPDATES_IN_FLIGHT = 1;

/** How many people each import changes, and how. */
export interface RosterChangeCounts {
  added: number;
  updated: number;
  reactivated: number;
  unchanged: number;
  deactivated: number;
}

export interface ImportRosterResult {
  changes: RosterChangeCounts;
  /** Of the people deactivated (no longer in the file), how many per department. */
  deactivatedPerDepartment: Record<string, number>;
  rows: number;
  dryRun: boolean;
  /** Active staff per department after the import. */
  activePerDepartment: Record<string, number>;
  /**
   * Rows whose every channel asked for is one the organization does not send on (`sms` while
   * `channels.sms.enabled` is false): these people get no pulse until one of the two changes.
   */
  offChannelRows: number;
}

/**
 * The roster file: `read` gives its chunks afresh on every call (a file stream, so a large
 * file is never held whole), and `stat`, for a file on disk, its size and modification
 * time; `text` is a file already in memory.
 */
export type RosterSource = { file: string } & ({ read: () => RosterChunks; stat?: () => Promise<FileStat> } | { text: string });

/** What `fs.stat` says of a file, as far as the import needs it. */
export interface FileStat {
  size: number;
  mtimeMs: number;
}

/**
 * Imports a roster CSV: all or nothing, in two passes over the file. The first checks every
 * row and writes nothing if any is bad, with every problem as `file:line: field: reason`;
 * the second adds new people, updates changed ones in place as it goes, then deactivates
 * (never deletes) people no longer in the file. The second pass writes only rows the first
 * checked: a file saved in between stops the import there. Memory holds a few facts and
 * the contacts of each stored person, a few bytes per row and each contact of the file,
 * never the file's rows or the whole roster.
 * CLI -> importRoster -> readRoster (domain) -> roster
 */
export async function importRoster(
  deps: { roster: RosterStore; org: OrgConfig },
  input: RosterSource & { dryRun?: boolean; deactivateMany?: boolean; onProgress?: (rowsDone: number, rows: number) => void },
): Promise<ImportRosterResult> {
  const read = 'read' in input ? input.read : () => [input.text];
  const stat = 'read' in input ? input.stat : undefined;
  const dryRun = input.dryRun ?? false;
  const statBefore = await stat?.();
  // The file's contacts, by the line that gives them: found by the first pass, then kept
  // (8 bytes each) until the roster is read, to count the people the second pass would
  // deactivate before anything is written. The roster is read only after the first pass:
  // holding both at once raised the peak of a large re-import by tens of megabytes, and the
  // contacts kept as text more again (docs/benchmarks.md, "Figures behind the design").
  const fileContacts = new Map<string, number>();
  const checked = await checkRoster(read, deps.org, input.file, fileContacts);
  const inFile = contactSet(fileContacts.keys(), fileContacts.size);
  fileContacts.clear();
  const { stored, owners, active, unnamed } = await readStoredRoster(deps, inFile);
  if (!dryRun && !input.deactivateMany && unnamed > MASS_DEACTIVATION_PEOPLE && unnamed > MASS_DEACTIVATION_SHARE * active) {
    throw new InvalidInputError([
      `${input.file}: ${unnamed} of the ${active} active people on the roster are not in this file and would be deactivated. Nothing was written. If the file is cut short (an export that stopped early), export it again; if they have really left, import it with --deactivate-many (--dry-run shows them per department).`,
    ]);
  }

  const changes: RosterChangeCounts = { added: 0, updated: 0, reactivated: 0, unchanged: 0, deactivated: 0 };
  // Rows new by id but sharing a contact with someone stored: settled once the whole file is
  // read, when it is known whether that person has a row of their own.
  const matchedByContact: { person: RosterPerson; storedId: string }[] = [];
  // Before anything is written: a file saved since it was checked is the usual way the
  // second pass would read rows the first never saw.
  if (stat && !sameFile(statBefore, await stat(), checked.bytes)) throw changedSinceChecked(input.file, undefined, changes, dryRun);

  const writer = rosterWriter(deps.roster);
  let rowsDone = 0;
  for await (const entry of readRoster(read(), deps.org)) {
    // A row the first pass did not check could be anything, a repeated contact included
    // (which only the first pass finds): it must not be written, nor anyone deactivated.
    if (entry.kind === 'problem' || !checked.rows.matches(rowsDone, entry.person)) {
      await writer.flush();
      throw changedSinceChecked(input.file, entry.line, changes, dryRun);
    }
    const known = stored.get(entry.person.id);
    const storedId = known ? undefined : ownerOf(owners, entry.person);
    if (storedId !== undefined) matchedByContact.push({ person: entry.person, storedId });
    else {
      const change = rosterChange(entry.person, known);
      // What is left in `stored` at the end is who the file no longer lists.
      stored.delete(entry.person.id);
      changes[change.kind]++;
      if (!dryRun) await writer.add(change);
    }
    rowsDone++;
    input.onProgress?.(rowsDone, checked.rows.count);
  }
  // Deactivating from a file cut short since it was checked could empty a department by mistake.
  if (rowsDone !== checked.rows.count) {
    await writer.flush();
    throw changedSinceChecked(input.file, undefined, changes, dryRun);
  }
  // A new email or phone for someone already stored, their other contact unchanged: the same
  // person, so their entry is updated under its id and keeps its opt-outs and unsubscribe
  // link (a new entry would start with neither, and someone who had opted out would be
  // sent pulses again). Unless the stored person has a row of their own, or another row
  // took their entry first: then the row is someone new.
  for (const { person, storedId } of matchedByContact) {
    const previous = stored.get(storedId);
    const change = previous ? rosterChange({ ...person, id: storedId }, previous) : rosterChange(person, undefined);
    stored.delete(previous ? storedId : person.id);
    changes[change.kind]++;
    if (!dryRun) await writer.add(change);
  }
  await writer.flush();

  const leaving = new Map<string, string[]>();
  for (const [id, person] of stored) {
    if (!person.active) continue;
    let ids = leaving.get(person.department);
    if (!ids) leaving.set(person.department, (ids = []));
    ids.push(id);
  }
  changes.deactivated = [...leaving.values()].reduce((sum, ids) => sum + ids.length, 0);
  if (!dryRun && leaving.size > 0) await deps.roster.deactivateStaff([...leaving.values()].flat());

  return {
    changes,
    deactivatedPerDepartment: Object.fromEntries([...leaving].map(([department, ids]) => [department, ids.length])),
    rows: checked.rows.count,
    dryRun,
    activePerDepartment: Object.fromEntries(deps.org.departments.map((d) => [d.id, checked.rowsPerDepartment.get(d.id) ?? 0])),
    offChannelRows: checked.offChannelRows,
  };
}

/** What to tell whoever imported `count` people reachable on no channel the organization sends on. */
export function offChannelWarning(org: Pick<OrgConfig, 'id' | 'channels'>, count: number): string {
  const off = channelsOff(org.channels).map(channelLabel);
  const turnOn = channelsToTurnOn(org.channels);
  const people = count === 1 ? '1 person asks' : `${count} people ask`;
  return `${people} only for channels ${org.id} does not send on (${off.join(' and ')} ${off.length > 1 ? 'are' : 'is'} off): they get no pulse. Set ${turnOn.join(' or ')} in the org file, or give them a channel it sends on.`;
}

/**
 * The first pass: every row checked, every contact checked against the rest of the file.
 * Throws InvalidInputError listing the first LISTED_PROBLEMS problems and counting the rest.
 */
async function checkRoster(read: () => RosterChunks, org: OrgConfig, file: string, contacts: Map<string, number>) {
  const listed: string[] = [];
  let unlisted = 0;
  const report = (problem: RosterProblem) => {
    if (listed.length < LISTED_PROBLEMS) listed.push(`${file}:${problem.line}: ${problem.field}: ${problem.reason}`);
    else unlisted++;
  };
  const repeatedContacts = findRepeatedContacts(contacts);
  const rowsPerDepartment = new Map<string, number>();
  const rows = checkedRows();
  const counted = { bytes: 0 };
  let offChannelRows = 0;
  for await (const entry of readRoster(counting(read(), counted), org)) {
    if (entry.kind === 'problem') {
      report(entry);
      continue;
    }
    rows.add(entry.person);
    if (channelsOnOffer(entry.person, org.channels).length === 0) offChannelRows++;
    const repeated = repeatedContacts(entry.line, entry.person);
    repeated.forEach(report);
    if (repeated.length > 0) continue;
    rowsPerDepartment.set(entry.person.department, (rowsPerDepartment.get(entry.person.department) ?? 0) + 1);
  }
  if (listed.length > 0) {
    const more = unlisted > 0 ? [`${file}: ${unlisted} more problem${unlisted > 1 ? 's' : ''} not listed; fix these and import again to see the rest`] : [];
    throw new InvalidInputError([...listed, ...more]);
  }
  return { rows, rowsPerDepartment, bytes: counted.bytes, offChannelRows };
}

/** Bytes of a row's fingerprint: a changed row passes for the one checked once in 2^96. */
const ROW_FINGERPRINT_BYTES = 12;

/**
 * The rows the first pass checked, in file order, as `rosterFingerprint`s packed into one
 * growing byte array: a fraction of what the rows themselves would take.
 */
function checkedRows() {
  let packed = new Uint8Array(ROW_FINGERPRINT_BYTES * 1024);
  let count = 0;
  const fingerprint = (person: RosterPerson) => Buffer.from(rosterFingerprint(person), 'base64url');
  return {
    get count() {
      return count;
    },
    add(person: RosterPerson) {
      if ((count + 1) * ROW_FINGERPRINT_BYTES > packed.length) {
        const grown = new Uint8Array(packed.length * 2);
        grown.set(packed);
        packed = grown;
      }
      packed.set(fingerprint(person), count++ * ROW_FINGERPRINT_BYTES);
    },
    /** Whether `person` is the row checked at `index` (0 for the first row). */
    matches(index: number, person: RosterPerson) {
      if (index >= count) return false;
      const at = index * ROW_FINGERPRINT_BYTES;
      return Buffer.compare(fingerprint(person), packed.subarray(at, at + ROW_FINGERPRINT_BYTES)) === 0;
    },
  };
}

/**
 * Everyone on the roster as the import needs them: by id, a few facts each. Everyone, not
 * only the people under the org file's departments: someone filed under a department the
 * file has since renamed would otherwise be written anew (their opt-outs and unsubscribe
 * link lost), and someone the file no longer lists would never be deactivated.
 */
async function readStoredRoster(deps: { roster: Pick<RosterStore, 'visitAllStaff'> }, inFile: (contact: string) => boolean) {
  const stored = new Map<string, StoredPerson>();
  // Who holds each contact, where the id alone would not find them: every phone (most ids
  // come from an email), and the emails of people whose id came from another contact.
  const owners = new Map<string, string>();
  /**
   * Active people, and those of them holding no contact the file gives: who it deactivates
   * (or more, by someone a row finds only by an id their contacts no longer give).
   */
  let active = 0;
  let unnamed = 0;
  await deps.roster.visitAllStaff((staff) => {
    for (const person of staff) {
      stored.set(person.id, storedPerson(person));
      if (person.phone) owners.set(person.phone, person.id);
      if (person.email && staffIdFor(person.email, undefined) !== person.id) owners.set(person.email, person.id);
      if (!person.active) continue;
      active++;
      if (!(person.email && inFile(person.email)) && !(person.phone && inFile(person.phone))) unnamed++;
    }
  });
  return { stored, owners, active, unnamed };
}

/**
 * Membership in a set of contacts held as sorted 53-bit hashes (a few bytes per contact,
 * built without a heap object per contact at the import's peak of memory). A
 * chance collision can only make someone leaving look named, which the mass-deactivation
 * count can bear.
 */
function contactSet(contacts: Iterable<string>, size: number): (contact: string) => boolean {
  const sorted = new Float64Array(size);
  let filled = 0;
  for (const contact of contacts) sorted[filled++] = hash53(contact);
  sorted.subarray(0, filled).sort();
  const held = sorted.subarray(0, filled);
  return (contact) => {
    const wanted = hash53(contact);
    let low = 0;
    let high = held.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const at = held[middle]!;
      if (at === wanted) return true;
      if (at < wanted) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  };
}

/** cyrb53: a fast 53-bit string hash, exact as a double. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The stored person, other than the row's own id, who holds one of the row's contacts. */
function ownerOf(owners: Map<string, string>, person: RosterPerson): string | undefined {
  // Normalized contacts, as the file's repeated-contact check keys them: an email holds an
  // @ and a phone is E.164, so the two never collide.
  for (const contact of [person.email, person.phone]) {
    const owner = contact === undefined ? undefined : owners.get(contact);
    if (owner !== undefined && owner !== person.id) return owner;
  }
  return undefined;
}

/** Passes the chunks through, counting their bytes, so the file read can be held against its size on disk. */
async function* counting(chunks: RosterChunks, counted: { bytes: number }): AsyncGenerator<string | Uint8Array> {
  for await (const chunk of chunks) {
    counted.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    yield chunk;
  }
}

/** The file on disk is as it was before the first pass, and as long as what that pass read. */
function sameFile(before: FileStat | undefined, now: FileStat, bytesRead: number): boolean {
  return before !== undefined && before.size === now.size && before.mtimeMs === now.mtimeMs && now.size === bytesRead;
}

/** `line`: the first row that is not the one checked there; undefined when the file as a whole differs. */
function changedSinceChecked(file: string, line: number | undefined, changes: RosterChangeCounts, dryRun: boolean): InvalidInputError {
  const where = line === undefined ? `${file}: ` : `${file}:${line}: row: not the row checked there, so `;
  const written = changes.added + changes.updated + changes.reactivated;
  const outcome =
    dryRun || written === 0
      ? 'nothing was written'
      : `only rows it had checked were written (${changes.added} people added, ${changes.updated} updated, ${changes.reactivated} reactivated) and nobody was deactivated`;
  return new InvalidInputError([`${where}the file changed after it was checked; ${outcome}. Import it again once it is saved.`]);
}

/**
 * Writes people in small batches as they come, several on their way to the store while the
 * next fills: the store never waits on the file, and what is still to write stays small.
 * New people go whole, 25 to a BatchWriteItem; people already stored get an UpdateItem each
 * that sets only the row's fields, so an opt-out made since the roster was read survives.
 */
function rosterWriter(store: Pick<RosterStore, 'putStaff' | 'updateStaffRoster'>) {
  const added = batchedWrites((staff: Staff[]) => store.putStaff(staff), { size: WRITE_BATCH, inFlight: PUTS_IN_FLIGHT });
  const changed = batchedWrites((people: RosterPerson[]) => store.updateStaffRoster(people), { size: WRITE_BATCH, inFlight: UPDATES_IN_FLIGHT });
  return {
    async add(change: RosterChange) {
      if (change.kind === 'added') await added.add(change.staff);
      else if (change.kind !== 'unchanged') await changed.add(change.person);
    },
    async flush() {
      await Promise.all([added.flush(), changed.flush()]);
    },
  };
}
