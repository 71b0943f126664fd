/**
 * Per-wave secrets that tokens are derived from. Destroying one makes the link between a
 * person and their token unrecoverable. On AWS: Secrets Manager, deleted without a
 * recovery window; locally: an item in the table.
 */
export interface WaveSecretStore {
  create(waveId: string): Promise<Buffer>;
  get(waveId: string): Promise<Buffer | undefined>;
  destroy(waveId: string): Promise<void>;
}
