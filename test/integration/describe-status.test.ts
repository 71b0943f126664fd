import { afterAll, describe, expect, it } from 'vitest';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { StoredDataError } from '../../shared/errors.js';
import { closeWave } from '../../shared/use-cases/close-wave.js';
import { describeStatus, STATUS_RECENT_WAVES } from '../../shared/use-cases/describe-status.js';
import { openWave } from '../../shared/use-cases/open-wave.js';
import { staffIn, testOrg } from '../support/fixtures.js';
import { completeForm, linkToken, postForm, testPlatform } from '../support/scenario.js';

let drop: (() => Promise<void>) | undefined;
afterAll(async () => drop?.());

describe('describeStatus', () => {
  it('counts staff per department and responses for recent waves only, so its cost does not grow with history', async () => {
    const p = await testPlatform({ staff: [...staffIn('ed', 'nurse', 6), ...staffIn('lab', 'nurse', 2, { active: false })] });
    drop = p.drop;
    for (let i = 0; i <= STATUS_RECENT_WAVES; i++) {
      const before = (await p.outbox.list()).length;
      const { wave } = await openWave(p.waveDeps);
      const token = linkToken((await p.outbox.list())[before]!.text)!;
      expect((await postForm(p.app, token, completeForm(wave.items))).status).toBe(200);
      await closeWave(p.waveDeps, wave.id);
      p.forget();
      p.clock.advance(14 * 24 * 3600 * 1000);
    }
    const status = await describeStatus(p);
    expect(status.departments.find((d) => d.id === 'ed')).toMatchObject({ activeStaff: 6, reachableStaff: 6, inactiveStaff: 0 });
    expect(status.departments.find((d) => d.id === 'lab')).toMatchObject({ activeStaff: 0, reachableStaff: 0, inactiveStaff: 2 });
    expect(status.waves).toHaveLength(STATUS_RECENT_WAVES);
    expect(status.olderWaves).toBe(1);
    for (const wave of status.waves) expect(wave).toMatchObject({ status: 'closed', issued: 6, responses: 1 });
    // The open wave counts nothing until it closes: a count that moves says when someone answered.
    const before = (await p.outbox.list()).length;
    const { wave } = await openWave(p.waveDeps);
    expect((await postForm(p.app, linkToken((await p.outbox.list())[before]!.text)!, completeForm(wave.items))).status).toBe(200);
    expect((await describeStatus(p)).waves.at(-1)).toMatchObject({ id: wave.id, status: 'open', responses: undefined });
  }, 60_000);

  it('counts apart the active staff no link can reach: opted out, or only on a channel that is off', async () => {
    const emailOnly = testOrg({ channels: { email: { enabled: true, from: 'pulse@test.example' }, sms: { enabled: false } } });
    const p = await testPlatform({
      org: emailOnly,
      staff: [
        ...staffIn('ed', 'nurse', 5, { channel: 'both' }),
        ...staffIn('ed', 'physician', 2, { channel: 'sms' }),
        ...staffIn('ed', 'physician', 1, { emailOptOut: true, id: 'opted-out', email: 'opted.out@staff.example' }),
      ],
    });
    try {
      expect((await describeStatus(p)).departments.find((d) => d.id === 'ed')).toMatchObject({ activeStaff: 8, reachableStaff: 5, inactiveStaff: 0 });
    } finally {
      await p.drop();
    }
  });

  it('shows the people filed under a department the org file no longer has, apart from the departments a wave counts', async () => {
    const p = await testPlatform({
      staff: [...staffIn('ed', 'nurse', 5), ...staffIn('lab', 'nurse', 3), ...staffIn('lab', 'physician', 1, { active: false })],
    });
    try {
      // `lab` renamed `pathology` in the org file since the roster was imported.
      const org = testOrg({
        departments: [
          { id: 'clinic', name: 'Clinic' },
          { id: 'ed', name: 'Emergency', parent: 'clinic' },
          { id: 'pathology', name: 'Pathology', parent: 'clinic' },
        ],
      });
      const status = await describeStatus({ ...p.stores, org, clock: p.clock });
      expect(status.departments.map((d) => [d.id, d.activeStaff])).toEqual([
        ['clinic', 0],
        ['ed', 5],
        ['pathology', 0],
      ]);
      expect(status.unlistedDepartments).toEqual([{ id: 'lab', activeStaff: 3, inactiveStaff: 1 }]);
      expect((await describeStatus(p)).unlistedDepartments).toEqual([]);
    } finally {
      await p.drop();
    }
  });

  it('names the stored item and the fields when data from another version does not fit, instead of failing obscurely', async () => {
    const p = await testPlatform();
    try {
      const { wave } = await openWave(p.waveDeps);
      // A wave as another version might write it: a count where this one expects a number.
      const { Item } = await p.documentClient.send(new GetCommand({ TableName: p.tableName, Key: { pk: 'WAVE', sk: `WAVE#${wave.id}` } }));
      await p.documentClient.send(new PutCommand({ TableName: p.tableName, Item: { ...Item!, issued: 'all of them' } }));
      const failure = await describeStatus(p).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StoredDataError);
      expect((failure as Error).message).toContain(`WAVE / WAVE#${wave.id}`);
      expect((failure as Error).message).toMatch(/issued/);
    } finally {
      await p.drop();
    }
  });
});
