import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLATFORM_FILE, readLocalEnv } from '../../scripts/lib/local-env.js';

/** How `npm start` and the admin CLI agree on where the local platform listens. */
let dataDir = '';

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'care-pulse-env-'));
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

const recordRunning = (port: number, dynamoPort: number) => writeFileSync(join(dataDir, PLATFORM_FILE), JSON.stringify({ port, dynamoPort, pid: 1 }));

describe('the local settings', () => {
  it('let npm start take free ports with PORT=0 and PULSE_DYNAMODB_PORT=0', () => {
    const env = readLocalEnv({ PULSE_DATA_DIR: dataDir, PORT: '0', PULSE_DYNAMODB_PORT: '0' });
    expect(env.PORT).toBe(0);
    expect(env.PULSE_DYNAMODB_PORT).toBe(0);
  });

  it('give the CLI the ports the running platform recorded, in a shell that asked it for free ones', () => {
    recordRunning(41234, 41235);
    const env = readLocalEnv({ PULSE_DATA_DIR: dataDir, PORT: '0', PULSE_DYNAMODB_PORT: '0' }, { discover: true });
    expect(env.PORT).toBe(41234);
    expect(env.PULSE_DYNAMODB_PORT).toBe(41235);
    expect(env.baseUrl).toBe('http://localhost:41234');
  });

  it('keep a port the shell sets over the recorded one, and the defaults when nothing runs', () => {
    recordRunning(41234, 41235);
    expect(readLocalEnv({ PULSE_DATA_DIR: dataDir, PORT: '4000' }, { discover: true })).toMatchObject({ PORT: 4000, PULSE_DYNAMODB_PORT: 41235 });
    rmSync(join(dataDir, PLATFORM_FILE));
    expect(readLocalEnv({ PULSE_DATA_DIR: dataDir }, { discover: true })).toMatchObject({
      PORT: 3000,
      PULSE_DYNAMODB_PORT: 8000,
      baseUrl: 'http://localhost:3000',
    });
  });

  it('name the setting that is not a port', () => {
    expect(() => readLocalEnv({ PULSE_DATA_DIR: dataDir, PORT: '70000' })).toThrow(/^environment variable PORT: /);
    expect(() => readLocalEnv({ PULSE_DATA_DIR: dataDir, PULSE_DYNAMODB_PORT: 'eight' })).toThrow(/^environment variable PULSE_DYNAMODB_PORT: /);
  });
});
