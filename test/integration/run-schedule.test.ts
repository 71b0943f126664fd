import { describe, expect, it } from 'vitest';
import { runSchedule } from '../../functions/dispatch/run-schedule.js';
import { staffIn } from '../support/fixtures.js';
import { testPlatform } from '../support/scenario.js';
import { dropAfterEach } from '../support/drop-after-each.js';

const DAY = 24 * 60 * 60 * 1000;
const track = dropAfterEach();

describe('the scheduled dispatch function', () => {
  it('opens, reminds, ticks and closes a wave as the schedules ask', async () => {
    const p = await testPlatform({ staff: staffIn('ed', 'nurse', 6) });
    track(p);
    const deps = { ...p.waveDeps, log: p.log };
    const opened = await runSchedule(deps, { action: 'open' });
    expect(opened.wave).toMatch(/^w\d{8}-01$/);
    expect(await p.outbox.list()).toHaveLength(6);
    // The daily runs act only on their day: the org reminds after 3 days and closes after 5.
    expect(await runSchedule(deps, { action: 'remind' })).toEqual({ action: 'remind', wave: undefined });
    expect(await runSchedule(deps, { action: 'open' })).toEqual({ action: 'open', wave: undefined });
    p.clock.advance(3 * DAY);
    p.forget();
    await runSchedule(deps, { action: 'remind' });
    expect(await p.outbox.list()).toHaveLength(12);
    await runSchedule(deps, { action: 'remind' });
    await runSchedule(deps, { action: 'tick' });
    expect(await p.outbox.list()).toHaveLength(12);
    expect(await runSchedule(deps, { action: 'close' })).toEqual({ action: 'close', wave: undefined });
    p.clock.advance(2 * DAY);
    await runSchedule(deps, { action: 'close' });
    expect((await p.stores.waves.getWave(opened.wave!))?.status).toBe('closed');
    expect(await p.secrets.get(opened.wave!)).toBeUndefined();
    expect(await runSchedule(deps, { action: 'close' })).toEqual({ action: 'close', wave: undefined });
    // Every other week: the next weekly open run is skipped, the one after opens.
    p.clock.advance(2 * DAY);
    expect(await runSchedule(deps, { action: 'open' })).toEqual({ action: 'open', wave: undefined });
    p.clock.advance(7 * DAY);
    expect((await runSchedule(deps, { action: 'open' })).wave).toMatch(/^w\d{8}-01$/);
  });

  it('closes a wave whose time is up on the next tick', async () => {
    const p = await testPlatform({ staff: staffIn('ed', 'nurse', 6) });
    track(p);
    const deps = { ...p.waveDeps, log: p.log };
    const { wave } = await runSchedule(deps, { action: 'open' });
    p.clock.advance(6 * 24 * 60 * 60 * 1000);
    await runSchedule(deps, { action: 'tick' });
    expect((await p.stores.waves.getWave(wave!))?.status).toBe('closed');
  });

  it('refuses an event it does not understand, changing nothing', async () => {
    const p = await testPlatform({ staff: staffIn('ed', 'nurse', 6) });
    track(p);
    await expect(runSchedule({ ...p.waveDeps, log: p.log }, { action: 'launch' })).rejects.toThrow(/action/);
    expect(await p.stores.waves.listWaves()).toEqual([]);
  });
});
