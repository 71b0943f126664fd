import {
  CreateSecretCommand,
  DeleteSecretCommand,
  GetSecretValueCommand,
  ResourceNotFoundException,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { newWaveSecret } from '../../domain/tokens.js';
import type { WaveSecretStore } from '../../ports/wave-secrets.js';

/**
 * Wave secrets in Secrets Manager, one secret per wave under a per-organization prefix.
 * Destroying deletes without a recovery window, so a closed wave's secret is gone at once
 * and no table backup ever held it.
 */
export class SecretsManagerWaveSecretStore implements WaveSecretStore {
  constructor(private readonly options: { client: SecretsManagerClient; prefix: string; kmsKeyId?: string }) {}

  private name(waveId: string) {
    return `${this.options.prefix}${waveId}`;
  }

  async create(waveId: string): Promise<Buffer> {
    const secret = newWaveSecret();
    await this.options.client.send(
      new CreateSecretCommand({
        Name: this.name(waveId),
        SecretBinary: secret,
        Description: 'Care Pulse wave secret: pulse links are derived from it; destroyed when the wave closes.',
        ...(this.options.kmsKeyId ? { KmsKeyId: this.options.kmsKeyId } : {}),
      }),
    );
    return secret;
  }

  async get(waveId: string): Promise<Buffer | undefined> {
    try {
      const { SecretBinary } = await this.options.client.send(new GetSecretValueCommand({ SecretId: this.name(waveId) }));
      return SecretBinary ? Buffer.from(SecretBinary) : undefined;
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return undefined;
      // A secret scheduled for deletion answers InvalidRequestException: it is gone for us.
      if (error instanceof Error && error.name === 'InvalidRequestException') return undefined;
      throw error;
    }
  }

  async destroy(waveId: string): Promise<void> {
    try {
      await this.options.client.send(new DeleteSecretCommand({ SecretId: this.name(waveId), ForceDeleteWithoutRecovery: true }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
  }
}
