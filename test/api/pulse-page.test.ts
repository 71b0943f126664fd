import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createApp } from '../../functions/api/app.js';
import { memoryLog } from '../../shared/logger.js';
import { staffIn, testOrg } from '../support/fixtures.js';
import { scanTable } from '../support/stored-anonymity.js';
import { completeForm, hiddenFields, openTestWave, postForm } from '../support/scenario.js';

let s: Awaited<ReturnType<typeof openTestWave>>;
const phone = { 'user-agent': 'Mozilla/5.0 (Linux; Android 14; Pixel 8) Mobile', accept: 'text/html' };

/** A support line with a national number and one with a short code, as an organization lists them. */
const supportResources = [
  { label: 'Crisis line', detail: 'call or text 988', phone: '988' },
  { label: 'Employee Assistance Program', detail: 'free, confidential counseling', phone: '1-800-555-0142' },
];
/** The test wave opens on Tuesday 24 November 2026 at 10:00 in New York and runs five days. */
const DAYS_EN = /Pulse of November 24\s–\s29, 2026/;
const DAYS_ES = 'Encuesta del 24 al 29 de noviembre de 2026';

beforeAll(async () => {
  s = await openTestWave({
    org: testOrg({ supportResources }),
    staff: [...staffIn('ed', 'nurse', 6), ...staffIn('ed', 'physician', 5, { locale: 'es' }), ...staffIn('lab', 'nurse', 3)],
  });
});
afterAll(async () => s.drop());

describe('GET /p/:token', () => {
  it('shows the department on top and one form of fieldsets with a label for every answer', async () => {
    const response = await s.app.request(`/p/${s.tokenFor.get('ed.nurse.0@staff.example')}`, { headers: phone });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/Department: <\/span><strong>Emergency<\/strong>/);
    expect(html.match(/<form /g)).toHaveLength(1);
    expect(html.match(/<fieldset/g)).toHaveLength(s.wave.items.length);
    expect(html.match(/<legend>/g)).toHaveLength(s.wave.items.length);
    const options = s.wave.items.reduce((sum, item) => sum + item.options.length, 0);
    expect(html.match(/<label><input type="radio"/g)).toHaveLength(options);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('name="viewport"');
  });

  it('says who is asking: the organization and the pulse’s days on top, in English and in Spanish', async () => {
    const english = await (await s.app.request(`/p/${s.tokenFor.get('ed.nurse.0@staff.example')}`, { headers: phone })).text();
    expect(english).toMatch(/<p class="org"><strong>Test Clinic<\/strong><span>Pulse of November 24\s–\s29, 2026<\/span><\/p>/);
    expect(english.indexOf('Test Clinic')).toBeLessThan(english.indexOf('<h1>'));
    const spanish = await (await s.app.request(`/p/${s.tokenFor.get('ed.physician.0@staff.example')}?lang=es`, { headers: phone })).text();
    expect(spanish).toContain(`<strong>Test Clinic</strong><span>${DAYS_ES}</span>`);
    expect(spanish).toContain('Departamento: </span><strong>Emergencias</strong>');
  });

  it('works without JavaScript and loads nothing from anywhere else', async () => {
    const html = await (await s.app.request(`/p/${s.tokens[0]}`, { headers: phone })).text();
    expect(html).not.toMatch(/<script|onclick=|onload=|javascript:/i);
    expect(html).not.toMatch(/(src|href)="https?:\/\//);
    expect(html).toMatch(/<form method="post">/);
  });

  it('sends headers that keep the token private, the page out of search engines, and browsers on https', async () => {
    const response = await s.app.request(`/p/${s.tokens[0]}`, { headers: phone });
    expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src|unsafe-inline/);
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-robots-tag')).toContain('noindex');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('allows exactly its own inline stylesheet through the CSP hash', async () => {
    const response = await s.app.request(`/p/${s.tokens[0]}`, { headers: phone });
    const html = await response.text();
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update(css).digest('base64');
    expect(response.headers.get('content-security-policy')).toContain(`'sha256-${hash}'`);
  });

  it('is under 14 KB gzipped with its CSS, in one request', async () => {
    const html = await (await s.app.request(`/p/${s.tokens[0]}`, { headers: phone })).text();
    expect(html).not.toMatch(/<link[^>]+stylesheet/);
    expect(gzipSync(html).length).toBeLessThan(14 * 1024);
  });

  it('thanks a browser that takes gzip with the page compressed, and one that does not with plain HTML', async () => {
    const post = async (token: string, encoding?: string) =>
      s.app.request(`/p/${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(encoding ? { 'accept-encoding': encoding } : {}) },
        body: new URLSearchParams(completeForm(s.wave.items)).toString(),
      });
    const zipped = await post(s.tokenFor.get('lab.nurse.0@staff.example')!, 'gzip, deflate, br');
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString()).toContain('Your answers are counted');
    const plain = await post(s.tokenFor.get('lab.nurse.1@staff.example')!, 'gzip;q=0, identity');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toContain('Your answers are counted');
  });

  it('starts with a doctype (no quirks mode), and is sent compressed to a browser that asks', async () => {
    const plain = await s.app.request(`/p/${s.tokens[0]}`, { headers: phone });
    const html = await plain.text();
    expect(html.startsWith('<!doctype html><html lang="en">')).toBe(true);
    const compressed = await s.app.request(`/p/${s.tokens[0]}`, { headers: { ...phone, 'accept-encoding': 'gzip, deflate, br' } });
    expect(compressed.headers.get('content-encoding')).toBe('gzip');
    const bytes = Buffer.from(await compressed.arrayBuffer());
    expect(bytes.length).toBeLessThan(html.length / 2);
    expect(gunzipSync(bytes).toString()).toBe(html);
  });

  it('speaks Spanish to a Spanish-speaking person, from the link in their message, and offers English', async () => {
    const message = s.messages.find((m) => m.to === 'ed.physician.0@staff.example')!;
    const path = /\/p\/\S+/.exec(message.text)![0];
    expect(path).toMatch(/\?lang=es$/);
    const html = await (await s.app.request(path, { headers: phone })).text();
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('Emergencias');
    expect(html).toContain('Enviar mis respuestas');
    expect(html).toContain('href="?lang=en"');
  });

  it('switches language by a plain link and keeps it through a failed submit', async () => {
    const token = s.tokenFor.get('ed.nurse.1@staff.example')!;
    const html = await (await s.app.request(`/p/${token}?lang=es`, { headers: phone })).text();
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('name="lang" value="es"');
    const retry = await postForm(s.app, token, { lang: 'es' });
    expect(retry.status).toBe(422);
    expect(await retry.text()).toContain('Elija una respuesta.');
  });
});

describe('POST /p/:token accepts only what its own form sends', () => {
  const stillOpen = async (token: string) => (await s.app.request(`/p/${token}`, { headers: phone })).status === 200;

  it('refuses an answer sent twice with different values, and counts nothing', async () => {
    const token = s.tokenFor.get('ed.nurse.3@staff.example')!;
    const form = new URLSearchParams(completeForm(s.wave.items));
    form.append('q_burnout', '5');
    const response = await s.app.request(`/p/${token}`, {
      method: 'POST',
      headers: { ...phone, 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('Please choose only one answer.');
    expect(await stillOpen(token)).toBe(true);
  });

  it.each([
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="q_burnout"\r\n\r\n3\r\n--x--\r\n'],
    ['multipart/form-data; boundary=x', '--x\r\nbroken'],
    ['application/json', '{"q_burnout":"3"}'],
    ['text/plain', 'q_burnout=3'],
    [undefined, 'q_burnout=3'],
  ])('answers a %s body with 415 and the form again, counting nothing', async (contentType, body) => {
    const token = s.tokenFor.get('ed.nurse.4@staff.example')!;
    const response = await s.app.request(`/p/${token}`, {
      method: 'POST',
      headers: { ...phone, ...(contentType ? { 'content-type': contentType } : {}) },
      body,
    });
    expect(response.status).toBe(415);
    expect(await response.text()).toContain('<form method="post">');
    expect(await stillOpen(token)).toBe(true);
  });

  it('answers a body far larger than any form with 413 and counts nothing', async () => {
    const token = s.tokenFor.get('ed.nurse.4@staff.example')!;
    const body = new URLSearchParams({ ...completeForm(s.wave.items), padding: 'x'.repeat(20_000) }).toString();
    const response = await s.app.request(`/p/${token}`, { method: 'POST', headers: { ...phone, 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect(response.status).toBe(413);
    expect(await stillOpen(token)).toBe(true);
  });
});

describe('pages for links that cannot be answered', () => {
  it('thanks the person, offers support, and says a used link needs nothing more', async () => {
    const token = s.tokenFor.get('ed.nurse.2@staff.example')!;
    const thanks = await postForm(s.app, token, completeForm(s.wave.items));
    const html = await thanks.text();
    expect(html).toContain('Thank you');
    expect(html).toContain('Crisis line');
    expect(html).toContain('call or text 988');
    const again = await s.app.request(`/p/${token}`, { headers: phone });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('You have already answered');
  });

  it('thanks with the organization, the pulse’s days and support numbers to tap, which never break across lines', async () => {
    const thanks = await (await postForm(s.app, s.tokenFor.get('ed.nurse.5@staff.example')!, completeForm(s.wave.items))).text();
    expect(thanks).toContain('<strong>Test Clinic</strong>');
    expect(thanks).toMatch(DAYS_EN);
    expect(thanks).toContain('<span class="tel"><a href="tel:+18005550142">1-800-555-0142</a></span>');
    expect(thanks).toContain('<span class="tel"><a href="tel:988">988</a></span>');
    expect(thanks).toMatch(/\.tel\{[^}]*white-space:nowrap/);
    const spanish = await (await postForm(s.app, s.tokenFor.get('ed.physician.1@staff.example')!, { ...completeForm(s.wave.items), lang: 'es' })).text();
    expect(spanish).toContain('Gracias');
    expect(spanish).toContain(DAYS_ES);
    expect(spanish).toContain('<a href="tel:+18005550142">1-800-555-0142</a>');
  });

  it('gives someone who already answered the organization, the pulse’s days and where to find support, opened again or sent twice', async () => {
    const token = s.tokenFor.get('ed.physician.2@staff.example')!;
    const page = { ...(await hiddenFields(s.app, token)), ...completeForm(s.wave.items), lang: 'en' };
    expect((await postForm(s.app, token, page, { fromPage: false })).status).toBe(200);
    const pages = [
      await s.app.request(`/p/${token}`, { headers: phone }),
      // Sent twice from the page, and again from a page without its hidden fields.
      await postForm(s.app, token, page, { fromPage: false }),
      await postForm(s.app, token, completeForm(s.wave.items), { fromPage: false }),
    ];
    for (const page of pages) {
      expect(page.status).toBe(409);
      const html = await page.text();
      expect(html).toContain('You have already answered');
      expect(html).toContain('<strong>Test Clinic</strong>');
      expect(html).toMatch(DAYS_EN);
      expect(html).toContain('If you need support now');
      expect(html).toContain('Employee Assistance Program');
      expect(html).toContain('<span class="tel"><a href="tel:+18005550142">1-800-555-0142</a></span>');
    }
  });

  it('says a closed pulse’s link belongs to a pulse now closed, naming the organization and the pulse', async () => {
    const opened = s.clock.now();
    s.clock.set(new Date(Date.parse(s.wave.closesAt) + 60_000));
    try {
      const response = await s.app.request(`/p/${s.tokenFor.get('lab.nurse.2@staff.example')}`, { headers: { ...phone, 'accept-language': 'es-US,es;q=0.9' } });
      expect(response.status).toBe(410);
      const html = await response.text();
      expect(html).toContain('Esta encuesta ya cerró');
      expect(html).toContain(`<strong>Test Clinic</strong><span>${DAYS_ES}</span>`);
    } finally {
      s.clock.set(opened);
    }
  });

  it('tells someone with an unknown link what to do, in their browser language', async () => {
    const response = await s.app.request('/p/nonsense', { headers: { ...phone, 'accept-language': 'es-MX,es;q=0.9' } });
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('No reconocemos este enlace');
    expect(html).toContain('<strong>Test Clinic</strong>');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });
});

describe('operations', () => {
  it('answers the health check', async () => {
    const response = await s.app.request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('lists the local outbox as JSON with the fields scripts rely on', async () => {
    const response = await s.app.request('/dev/outbox', { headers: { accept: 'application/json' } });
    const entries = (await response.json()) as Record<string, unknown>[];
    expect(entries).toHaveLength(14);
    for (const entry of entries) {
      expect(Object.keys(entry).sort()).toEqual(['channel', 'html', 'id', 'kind', 'sentAt', 'subject', 'text', 'to'].sort());
      expect(entry.kind).toBe('invitation');
      expect(entry.text).toMatch(/https:\/\/pulse\.test\.example\/p\/[A-Za-z0-9_-]{22}/);
    }
    const page = await s.app.request('/dev/outbox');
    expect(await page.text()).toContain('<a href="https://pulse.test.example/p/');
  });

  it('does not expose the outbox when the app runs without one, as on AWS', async () => {
    const app = createApp({ ...s.stores, clock: s.clock, org: s.org, log: memoryLog() });
    expect((await app.request('/dev/outbox', { headers: { accept: 'application/json' } })).status).toBe(404);
  });
});

describe('the comment question', () => {
  let c: Awaited<ReturnType<typeof openTestWave>>;
  beforeAll(async () => {
    c = await openTestWave({ org: testOrg({ supportResources }), staff: staffIn('ed', 'nurse', 12) });
  });
  afterAll(async () => c.drop());
  const commentsStored = async () => (await scanTable(c.documentClient, c.tableName)).filter((item) => String(item.pk).startsWith('COMMENT#'));

  it('asks one optional question under the answers, says who reads it and that names are removed, in English and in Spanish', async () => {
    const token = c.tokens[0]!;
    const english = await (await c.app.request(`/p/${token}`, { headers: phone })).text();
    expect(english).toContain('<label for="comment">What is one thing that would make your work better? (optional)</label>');
    expect(english).toMatch(/<textarea id="comment" name="comment"[^>]*aria-describedby="comment-hint"/);
    expect(english).not.toMatch(/<textarea[^>]*required/);
    expect(english).toContain('only for groups of at least 10 people');
    const spanish = await (await c.app.request(`/p/${token}?lang=es`, { headers: phone })).text();
    expect(spanish).toContain('¿Qué es una cosa que mejoraría su trabajo? (opcional)');
    expect(spanish).toContain('de al menos 10 personas');
  });

  it('sends a comment over 500 characters back to its writer to shorten, as typed, and stores nothing', async () => {
    const token = c.tokens[1]!;
    const typed = `<b>Too long</b> ${'x'.repeat(500)}`;
    const response = await postForm(c.app, token, { ...completeForm(c.wave.items), comment: typed });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('Please shorten your comment to 500 characters or fewer.');
    expect(html).toContain('href="#comment"');
    expect(html).toContain(`&lt;b&gt;Too long&lt;/b&gt; ${'x'.repeat(500)}</textarea>`);
    expect(await commentsStored()).toEqual([]);
    expect((await c.app.request(`/p/${token}`, { headers: phone })).status).toBe(200);
  });

  it('puts support first when a comment speaks of crisis, says nothing was sent, and sends nothing', async () => {
    const sentBefore = (await c.outbox.list()).length;
    const html = await (await postForm(c.app, c.tokens[2]!, { ...completeForm(c.wave.items), comment: 'Honestly some nights I want to end my life.' })).text();
    const crisisAt = html.indexOf('You do not have to carry this alone');
    expect(crisisAt).toBeGreaterThan(-1);
    expect(crisisAt).toBeLessThan(html.indexOf('<h2>Thank you</h2>'));
    expect(html.indexOf('<a href="tel:988">988</a>')).toBeGreaterThan(crisisAt);
    expect(html).toContain('Nothing you wrote was sent to anyone, and no one has been alerted');
    expect(html).not.toContain('end my life');
    const spanish = await (
      await postForm(c.app, c.tokens[3]!, { ...completeForm(c.wave.items), comment: 'Ya no puedo más, quiero morir.', lang: 'es' })
    ).text();
    expect(spanish).toContain('No tiene que cargar con esto solo/a');
    expect(spanish).toContain('Nada de lo que escribió se envió a nadie');
    expect((await c.outbox.list()).length).toBe(sentBefore);
    expect(c.log.lines.length).toBeGreaterThan(0);
    expect(c.log.lines.join('\n')).not.toMatch(/end my life|quiero morir/);
    const ordinary = await (await postForm(c.app, c.tokens[4]!, { ...completeForm(c.wave.items), comment: 'More float nurses on nights.' })).text();
    expect(ordinary).not.toContain('You do not have to carry this alone');
  });

  it('is not asked, and a comment sent anyway not kept, where the organization takes none', async () => {
    const off = await openTestWave({ org: testOrg({ comments: { enabled: false } }), staff: staffIn('ed', 'nurse', 6) });
    try {
      expect(await (await off.app.request(`/p/${off.tokens[0]}`, { headers: phone })).text()).not.toContain('<textarea');
      expect((await postForm(off.app, off.tokens[0]!, { ...completeForm(off.wave.items), comment: 'kept anyway?' })).status).toBe(200);
      const items = await scanTable(off.documentClient, off.tableName);
      expect(items.filter((item) => String(item.pk).startsWith('COMMENT#'))).toEqual([]);
    } finally {
      await off.drop();
    }
  });
});

describe('a comment of crisis on a form sent back', () => {
  it('brings support above the form, and says nothing was stored or sent', async () => {
    const c = await openTestWave({ org: testOrg({ supportResources }), staff: staffIn('ed', 'nurse', 6) });
    try {
      const form = completeForm(c.wave.items);
      delete form.q_workload;
      const response = await postForm(c.app, c.tokens[0]!, { ...form, comment: 'I cannot go on like this, I want to die.' });
      expect(response.status).toBe(422);
      const html = await response.text();
      expect(html.indexOf('<a href="tel:988">988</a>')).toBeGreaterThan(-1);
      expect(html.indexOf('<a href="tel:988">988</a>')).toBeLessThan(html.indexOf('<form'));
      expect(html).toContain('Nothing you wrote has been stored or sent to anyone');
      const calm = await (await postForm(c.app, c.tokens[1]!, { ...form, comment: 'More float nurses.' })).text();
      expect(calm).not.toContain('tel:988');
    } finally {
      await c.drop();
    }
  });
});
