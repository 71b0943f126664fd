import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createApp } from '../../functions/api/app.js';
import { deriveToken, hashToken } from '../../shared/domain/tokens.js';
import { closeWave } from '../../shared/use-cases/close-wave.js';
import { createLogger } from '../../shared/logger.js';
import { completeForm, openTestWave, postForm } from '../support/scenario.js';

/**
 * Invariants 1 and 5 (docs/design.md), checked on what a run actually leaves behind: the table
 * and the log output.
 */
let s: Awaited<ReturnType<typeof openTestWave>>;
let items: Record<string, unknown>[];
let logOutput = '';

beforeAll(async () => {
  s = await openTestWave();
  const previous = process.env.LOG_LEVEL;
  process.env.LOG_LEVEL = 'INFO';
  const log = createLogger('privacy-test');
  process.env.LOG_LEVEL = previous;
  const app = createApp({ ...s.stores, clock: s.clock, org: s.org, log, outbox: s.outbox });
  const capture = (chunk: unknown) => {
    logOutput += String(chunk);
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    // Every kind of request a link can get: page, bad form, good form, replay, unknown, switch.
    for (const [index, token] of s.tokens.entries()) {
      await app.request(`/p/${token}`);
      if (index % 3 === 0) await postForm(app, token, { q_burnout: '3' });
      await postForm(app, token, completeForm(s.wave.items, { burnout: 1 + (index % 5) }));
      await postForm(app, token, completeForm(s.wave.items));
      await app.request(`/p/${token}?lang=es`);
    }
    await app.request('/p/nonsense');
    await app.request('/dev/outbox');
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  items = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await s.documentClient.send(new ScanCommand({ TableName: s.tableName, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
});
afterAll(async () => s.drop());

describe('answering', () => {
  it('changes nothing stored about the person', async () => {
    const t = await openTestWave();
    try {
      const personal = async () => {
        const page = await t.documentClient.send(new ScanCommand({ TableName: t.tableName }));
        return (page.Items ?? []).filter((item) => /^(STAFF|SENT)#/.test(String(item.pk))).sort((a, b) => String(a.pk).localeCompare(String(b.pk)));
      };
      const before = await personal();
      for (const token of t.tokens) expect((await postForm(t.app, token, completeForm(t.wave.items))).status).toBe(200);
      expect(await personal()).toEqual(before);
    } finally {
      await t.drop();
    }
  });
});

describe('the wave secret', () => {
  it('lets its holder recompute links while the wave is open, and is gone after close', async () => {
    const t = await openTestWave();
    try {
      const secret = await t.secrets.get(t.wave.id);
      expect(secret).toBeDefined();
      const recomputed = new Set(t.staff.map((person) => deriveToken(secret!, person.id)));
      expect(recomputed).toEqual(new Set(t.tokens));
      await closeWave(t.waveDeps, t.wave.id);
      expect(await t.secrets.get(t.wave.id)).toBeUndefined();
      const page = await t.documentClient.send(new ScanCommand({ TableName: t.tableName }));
      const dump = JSON.stringify(page.Items);
      expect(dump).not.toContain('WAVESECRET#');
      expect(dump).not.toContain(secret!.toString('base64'));
    } finally {
      await t.drop();
    }
  });
});

describe('logs', () => {
  it('were written (so the checks below look at something)', () => {
    expect(logOutput.split('\n').filter((line) => line.includes('"request"')).length).toBeGreaterThan(s.tokens.length * 3);
  });

  it('carry no token, token hash or contact', () => {
    for (const token of s.tokens) {
      expect(logOutput).not.toContain(token);
      expect(logOutput).not.toContain(hashToken(token));
    }
    for (const person of s.staff) {
      expect(logOutput).not.toContain(person.email!);
      expect(logOutput).not.toContain(person.phone!);
      expect(logOutput).not.toContain(person.id);
    }
  });

  it('carry no answers', () => {
    expect(logOutput).not.toMatch(/q_[a-z_]+|c_[a-z_]+_\d|burnout/);
  });
});

describe('the table', () => {
  it('never holds a raw token', () => {
    const dump = JSON.stringify(items);
    for (const token of s.tokens) expect(dump).not.toContain(token);
  });

  it('keeps contacts only on roster items, and nothing about tokens there', () => {
    for (const item of items) {
      const text = JSON.stringify(item);
      const hasContact = s.staff.some((p) => text.includes(p.email!) || text.includes(p.phone!));
      if (hasContact) {
        expect(String(item.pk)).toMatch(/^STAFF#/);
        expect(text).not.toMatch(/TOKEN|token|waveId|state/);
      }
    }
  });

  it('keeps token items free of anything about a person or an answer, their language included', () => {
    const tokenItems = items.filter((item) => String(item.pk).startsWith('TOKEN#'));
    expect(tokenItems).toHaveLength(s.tokens.length);
    for (const item of tokenItems) {
      expect(Object.keys(item).sort()).toEqual(['department', 'expiresAt', 'pk', 'roleGroup', 'sk', 'state', 'waveId']);
      for (const person of s.staff) expect(JSON.stringify(item)).not.toContain(person.id);
    }
  });

  it('stores answers only as counts in aggregates, with no time or token beside them', () => {
    const aggregates = items.filter((item) => String(item.pk).startsWith('AGG#'));
    expect(aggregates.length).toBeGreaterThan(0);
    for (const item of aggregates) {
      for (const [name, value] of Object.entries(item)) {
        if (name === 'pk' || name === 'sk') continue;
        // `reached`: how many people the unit's links went out to, the same on each of its shards.
        expect(name).toMatch(/^(n|c_[a-z_]+_\d|a_[a-z_]+_\d|reached)$/);
        expect(typeof value).toBe('number');
      }
    }
    const n = aggregates.reduce((sum, item) => sum + Number(item.n ?? 0), 0);
    expect(n).toBe(s.tokens.length);
  });
});
