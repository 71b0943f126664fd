import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardUrl, ensureDashboardKey } from '../../shared/services/dashboard-links.js';
import { closeWave } from '../../shared/use-cases/close-wave.js';
import { runAlerts } from '../../shared/use-cases/run-alerts.js';
import { staffIn, testOrg } from '../support/fixtures.js';
import { BASE_URL, completeForm, hiddenFields, openTestWave, postForm } from '../support/scenario.js';

/**
 * Whatever arrives at the public routes, nobody is paged and nothing is written: no 5xx
 * (on AWS it would trip the 5xx alarm) and no write to the table for any refused request.
 */
let s: Awaited<ReturnType<typeof openTestWave>>;
let writes = 0;
const WRITE = /^(Put|Update|Delete|BatchWrite|TransactWrite)/;

beforeAll(async () => {
  s = await openTestWave();
  s.documentClient.middlewareStack.add(
    (next, context) => async (args) => {
      if (WRITE.test(context.commandName ?? '')) writes++;
      return next(args);
    },
    { step: 'initialize', name: 'countWrites' },
  );
});
afterAll(async () => s.drop());

const oddText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('%', '%zz', '%E0%A4%A', '%00', '..%2F..', '%F0%9F%98', 'é', '\u0000', ' ', '?', '#', 'x'.repeat(300)),
);

const bodies = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
  fc
    .dictionary(
      fc.constantFrom('q_burnout', 'q_workload', 'q_emr_frustration', 'lang', 'x'),
      fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('1', '3', '5', '9', '')),
      { maxKeys: 6 },
    )
    .map((form) => new URLSearchParams(form).toString()),
  fc.constantFrom(
    'q_burnout=1&q_burnout=2',
    'q_burnout=%E0%A4%A',
    '--x\r\nContent-Disposition: form-data; name="q_burnout"\r\n\r\n3\r\n--x--',
    '--x\r\nbroken',
    '{"q_burnout":3}',
    '',
    '&&&==&',
  ),
);

const contentTypes = fc.constantFrom(
  undefined,
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=utf-8',
  'multipart/form-data; boundary=x',
  'multipart/form-data',
  'application/json',
  'text/plain',
  'garbage/;;;',
);

describe('the public routes, fuzzed', () => {
  it('count writes through the probe: one valid answer writes', async () => {
    const before = writes;
    expect((await postForm(s.app, s.tokens.at(-1)!, completeForm(s.wave.items))).status).toBe(200);
    expect(writes).toBeGreaterThan(before);
  });

  it('answer 3,000 malformed requests without a 5xx and without a write for any refused one', async () => {
    const staffId = s.staff[0]!.id;
    const requests = fc.record({
      path: fc.oneof(
        fc.tuple(fc.constantFrom(...s.tokens.slice(0, 3)), fc.option(oddText, { nil: undefined })).map(([token, suffix]) => `/p/${token}${suffix ?? ''}`),
        oddText.map((text) => `/p/${encodeURI(text)}`),
        oddText.map((text) => `/p/${text}`),
        oddText.map((text) => `/d/${text}`),
        fc.tuple(oddText, oddText).map(([a, b]) => `/d/${encodeURIComponent(a)}.${encodeURIComponent(b)}`),
        fc.tuple(fc.constantFrom(staffId, 'nobody', ''), oddText).map(([id, token]) => `/u/${id}/${token}`),
      ),
      method: fc.constantFrom('GET', 'POST', 'POST', 'POST', 'PUT', 'DELETE', 'HEAD'),
      contentType: contentTypes,
      body: bodies,
      language: fc.option(oddText, { nil: undefined }),
    });
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(requests, async (request) => {
        const before = writes;
        let path = request.path;
        // Paths a client could not send at all (a bare '#' or a space) are not requests.
        if (/[#\s]/.test(path)) path = path.replace(/[#\s]/g, '%20');
        const headers: Record<string, string> = {};
        if (request.contentType) headers['content-type'] = request.contentType;
        if (request.language) headers['accept-language'] = request.language.replace(/[^\x20-\x7e]/g, '');
        const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
        const response = await s.app.request(`http://localhost${path}`, { method: request.method, headers, ...(hasBody ? { body: request.body } : {}) });
        sent++;
        expect(response.status, `${request.method} ${path}`).toBeLessThan(500);
        if (response.status >= 400) expect(writes - before, `${request.method} ${path} wrote`).toBe(0);
      }),
      { numRuns: 3000 },
    );
    expect(sent).toBe(3000);
  }, 240_000);
});

describe('comments, fuzzed', () => {
  /** Markup a comment might carry, to be shown as text wherever a comment appears. */
  const MARKUP = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '"><svg onload=alert(1)>',
    '</q></li><a href="javascript:alert(1)">x</a>',
    '&lt;b&gt;',
  ];
  const comments = fc.oneof(
    fc.string({ maxLength: 600 }),
    fc.string({ unit: 'grapheme', maxLength: 520 }),
    fc.constantFrom(...MARKUP),
    fc.tuple(fc.constantFrom(...MARKUP), fc.string({ maxLength: 40 })).map(([markup, text]) => `${text} ${markup} more float nurses`),
    fc.constantFrom(
      '\u202Eevil\u202C',
      '\u0000\u0007',
      '=HYPERLINK("http://x")',
      'x'.repeat(501),
      '😀'.repeat(500),
      '😀'.repeat(501),
      'I want to kill myself',
      '',
    ),
  );

  it('answer every comment a form can carry with 200 or 422, write only for a 200, and show every kept one as text', async () => {
    const org = testOrg({ leaders: [{ id: 'ceo', name: 'Cy Exec', email: 'ceo@test.example', executive: true }] });
    const p = await openTestWave({ org, staff: staffIn('ed', 'nurse', 40) });
    let commentWrites = 0;
    p.documentClient.middlewareStack.add(
      (next, context) => async (args) => {
        if (WRITE.test(context.commandName ?? '')) commentWrites++;
        return next(args);
      },
      { step: 'initialize', name: 'countCommentWrites' },
    );
    try {
      const tokens = [...p.tokens];
      await fc.assert(
        fc.asyncProperty(comments, fc.boolean(), async (comment, twice) => {
          const token = tokens.at(-1)!;
          const before = commentWrites;
          const form = new URLSearchParams({ ...(await hiddenFields(p.app, token)), ...completeForm(p.wave.items), comment });
          if (twice) form.append('comment', comment);
          const response = await p.app.request(`/p/${token}`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: form.toString(),
          });
          expect([200, 413, 422], comment).toContain(response.status);
          const html = await response.text();
          for (const markup of MARKUP) expect(html).not.toContain(markup.replace('&lt;b&gt;', '<b>'));
          if (response.status === 200) tokens.pop();
          else expect(commentWrites - before).toBe(0);
        }),
        { numRuns: 36 },
      );
      await closeWave(p.waveDeps, p.wave.id);
      await runAlerts({ ...p.stores, messenger: p.outbox, clock: p.clock, org: p.org, log: p.log, baseUrl: BASE_URL });
      const key = await ensureDashboardKey(p.stores.actions);
      const exec = dashboardUrl(key, BASE_URL, 'ceo', p.clock.now()).split('/d/')[1]!;
      const page = await (await p.app.request(`/d/${exec}/comments`)).text();
      expect(page).toContain('<q>');
      for (const markup of MARKUP) expect(page).not.toContain(markup.replace('&lt;b&gt;', '<b>'));
      expect(page).not.toMatch(/<(script|img|svg)\b/i);
      expect(page).not.toContain('href="javascript:');
    } finally {
      await p.drop();
    }
  }, 240_000);
});
