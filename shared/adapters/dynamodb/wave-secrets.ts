import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { newWaveSecret } from '../../domain/tokens.js';
import type { WaveSecretStore } from '../../ports/wave-secrets.js';
import { keys } from '../../table.js';

/**
 * Wave secrets as table items: for the local platform and tests. On AWS the secrets live
 * in Secrets Manager instead, because the table's point-in-time backups would keep a
 * deleted secret for 35 days.
 */
export class DynamoWaveSecretStore implements WaveSecretStore {
  constructor(private readonly options: { client: DynamoDBDocumentClient; tableName: string }) {}

  async create(waveId: string): Promise<Buffer> {
    const secret = newWaveSecret();
    await this.options.client.send(
      new PutCommand({
        TableName: this.options.tableName,
        Item: { ...keys.waveSecret(waveId), secret: secret.toString('base64') },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return secret;
  }

  async get(waveId: string): Promise<Buffer | undefined> {
    const { Item } = await this.options.client.send(new GetCommand({ TableName: this.options.tableName, Key: keys.waveSecret(waveId), ConsistentRead: true }));
    return typeof Item?.secret === 'string' ? Buffer.from(Item.secret, 'base64') : undefined;
  }

  async destroy(waveId: string): Promise<void> {
    await this.options.client.send(new DeleteCommand({ TableName: this.options.tableName, Key: keys.waveSecret(waveId) }));
  }
}
