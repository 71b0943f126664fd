import { describe, expect, it } from 'vitest';
import { WaveCache } from '../../shared/services/pulse-links.js';

describe('WaveCache', () => {
  const now = new Date('2026-11-24T15:00:00Z');

  it('reads a wave once a minute however many answers name it', async () => {
    const cache = new WaveCache();
    let reads = 0;
    for (let i = 0; i < 100; i++) await cache.get('w20261124-01', async () => (reads++, undefined), now);
    expect(reads).toBe(1);
    await cache.get('w20261124-01', async () => (reads++, undefined), new Date(now.getTime() + 61_000));
    expect(reads).toBe(2);
  });

  it('stays small when forms name thousands of waves that do not exist', async () => {
    const cache = new WaveCache(60_000, 32);
    for (let i = 0; i < 5_000; i++) await cache.get(`w2026${String(i).padStart(4, '0')}-01`, async () => undefined, now);
    let reads = 0;
    // The most recent ones are still held; the first ones were let go.
    await cache.get('w20264999-01', async () => (reads++, undefined), now);
    expect(reads).toBe(0);
    await cache.get('w20260000-01', async () => (reads++, undefined), now);
    expect(reads).toBe(1);
  });
});
