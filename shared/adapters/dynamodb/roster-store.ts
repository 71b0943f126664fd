import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mapLimit } from '../../concurrency.js';
import type { RosterPerson } from '../../domain/roster.js';
import { staffSchema, type Channel, type Staff } from '../../domain/staff.js';
import type { RosterStore } from '../../ports/roster-store.js';
import { keys } from '../../table.js';
import { parseStored, type TableIO } from './table-io.js';

/** UpdateItems at once per call: a caller can have two calls in flight and stay well under the SDK's 50 sockets. */
const STAFF_UPDATE_CONCURRENCY = 16;
/** Parts of the roster index read at once by `visitAllStaff`: as many reads in flight as the per-department listing had. */
const ROSTER_SCAN_SEGMENTS = 4;

/** The roster on the table: one item per person, indexed by department (gsi1). */
export class DynamoRosterStore implements RosterStore {
  constructor(private readonly table: TableIO) {}

  async getStaff(staffId: string): Promise<Staff | undefined> {
    const item = await this.table.get(keys.staff(staffId));
    return item === undefined ? undefined : parseStored(staffSchema, item);
  }

  async getStaffMany(staffIds: readonly string[]): Promise<Map<string, Staff>> {
    return this.table.readMany(staffIds, keys.staff, staffSchema);
  }

  async listStaff(department: string): Promise<Staff[]> {
    const items = await this.table.queryAll({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.staffByDepartment(department).gsi1pk },
    });
    return items.map((item) => parseStored(staffSchema, item));
  }

  /**
   * The roster index holds only roster entries, so reading all of it costs what a query per
   * department would, and also finds people filed under a department the org file has since
   * dropped or renamed.
   */
  async visitAllStaff(visit: (staff: Staff[]) => void | Promise<void>): Promise<void> {
    await this.table.scanPages({ IndexName: 'gsi1' }, ROSTER_SCAN_SEGMENTS, (items) => visit(items.map((item) => parseStored(staffSchema, item))));
  }

  async putStaff(staff: readonly Staff[], onProgress?: (written: number, total: number) => void): Promise<void> {
    await this.table.batchPut(
      staff.map((person) => ({ ...keys.staff(person.id), ...keys.staffByDepartment(person.department), gsi1sk: person.id, ...person })),
      onProgress,
    );
  }

  async updateStaffRoster(people: readonly RosterPerson[]): Promise<void> {
    await mapLimit(people, STAFF_UPDATE_CONCURRENCY, (person) =>
      this.updateStoredStaff(person.id, {
        ...keys.staffByDepartment(person.department),
        email: person.email,
        phone: person.phone,
        department: person.department,
        roleGroup: person.roleGroup,
        locale: person.locale,
        channel: person.channel,
        active: true,
      }),
    );
  }

  async deactivateStaff(staffIds: readonly string[]): Promise<void> {
    await mapLimit(staffIds, STAFF_UPDATE_CONCURRENCY, (id) => this.updateStoredStaff(id, { active: false }));
  }

  async setOptOut(staffId: string, channel: Channel): Promise<boolean> {
    return this.updateStoredStaff(staffId, { [channel === 'email' ? 'emailOptOut' : 'smsOptOut']: true });
  }

  async deleteStaff(staffId: string): Promise<boolean> {
    const { Attributes } = await this.table.client.send(
      new DeleteCommand({ TableName: this.table.tableName, Key: keys.staff(staffId), ReturnValues: 'ALL_OLD' }),
    );
    return Attributes !== undefined;
  }

  /**
   * One UpdateItem naming only `fields` (at least one set; undefined ones removed), so
   * whatever else the item holds stays as it is when the write lands. No item, no write (and
   * false): one made here would hold nothing but these fields.
   */
  private async updateStoredStaff(staffId: string, fields: Record<string, unknown>): Promise<boolean> {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const set: string[] = [];
    const remove: string[] = [];
    Object.entries(fields).forEach(([field, value], index) => {
      names[`#f${index}`] = field;
      if (value === undefined) remove.push(`#f${index}`);
      else {
        values[`:f${index}`] = value;
        set.push(`#f${index} = :f${index}`);
      }
    });
    return this.table.writeIf(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: keys.staff(staffId),
        UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  }
}
