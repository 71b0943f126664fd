import { describe, expect, it } from 'vitest';
import middy from '@middy/core';
import { logErrors } from '../../functions/shared/log-errors.js';
import { memoryLog } from '../../shared/logger.js';
import { StoredDataError } from '../../shared/errors.js';

describe('a scheduled or queue handler that fails', () => {
  it('logs the error by name and source location, and hands Lambda an error without the message', async () => {
    const log = memoryLog();
    const token = 'Qm9vbVRva2VuSGFzaDEyMw';
    const handler = middy()
      .use(logErrors(log))
      .handler(async () => {
        // A driver or store error whose message quotes a key.
        throw new StoredDataError(`TOKEN#${token} / TOKEN`, 'state: Invalid option');
      });
    const thrown = await handler(undefined, {} as never).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).name).toBe('StoredDataError');
    expect(JSON.stringify({ message: (thrown as Error).message, stack: (thrown as Error).stack })).not.toContain(token);
    expect(log.lines).toHaveLength(1);
    const line = JSON.parse(log.lines[0]!) as Record<string, string>;
    expect(line).toMatchObject({ level: 'error', event: 'unhandled', error: 'StoredDataError' });
    expect(line.at).toMatch(/^test\/unit\/log-errors\.test\.ts:\d+:\d+/);
    expect(log.lines[0]).not.toContain(token);
  });
});
