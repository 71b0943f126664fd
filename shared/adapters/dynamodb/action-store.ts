import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { mapLimit } from '../../concurrency.js';
import { actionSchema, type Action } from '../../domain/actions.js';
import { newDashboardKey } from '../../domain/dashboard-link.js';
import { ActionChangedError } from '../../errors.js';
import type { ActionStore } from '../../ports/action-store.js';
import { keys } from '../../table.js';
import { parseStored, type TableIO } from './table-io.js';

/** Departments' actions read at once. */
const DEPARTMENT_READ_CONCURRENCY = 8;

/** Actions in one partition, filed by department; the dashboard key in an item of its own. */
export class DynamoActionStore implements ActionStore {
  constructor(private readonly table: TableIO) {}

  async saveAction(action: Action, expectedUpdatedAt?: string): Promise<void> {
    const saved = await this.table.writeIf(
      new PutCommand({
        TableName: this.table.tableName,
        Item: { ...keys.action(action.department, action.id), ...action },
        ...(expectedUpdatedAt === undefined
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: 'updatedAt = :expected', ExpressionAttributeValues: { ':expected': expectedUpdatedAt } }),
      }),
    );
    if (!saved) throw new ActionChangedError(action.id);
  }

  async listActions(options: { departments?: readonly string[] } = {}): Promise<Action[]> {
    const pk = keys.actionsPartition();
    const items = options.departments
      ? (
          await mapLimit(options.departments, DEPARTMENT_READ_CONCURRENCY, (department) =>
            this.table.partition(pk, { sortKeyPrefix: keys.actionDepartmentPrefix(department) }),
          )
        ).flat()
      : await this.table.partition(pk);
    return items.map((item) => parseStored(actionSchema, item));
  }

  async dashboardKey(options: { create?: boolean } = {}): Promise<string | undefined> {
    const read = async () => {
      const item = await this.table.get(keys.dashboardKey(), { consistent: true });
      return typeof item?.key === 'string' ? item.key : undefined;
    };
    const existing = await read();
    if (existing || !options.create) return existing;
    // Whoever wrote first, every caller returns the key that stays.
    await this.table.writeIf(
      new PutCommand({
        TableName: this.table.tableName,
        Item: { ...keys.dashboardKey(), key: newDashboardKey() },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return read();
  }
}
