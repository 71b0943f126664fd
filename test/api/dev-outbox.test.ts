import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono/quick';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppEnv } from '../../functions/api/app-env.js';
import { devOutboxRoutes, OUTBOX_PAGE_SIZE } from '../../functions/api/routes/dev-outbox.js';
import { FileOutbox, type OutboxEntry } from '../../shared/adapters/outbox.js';
import { invitationEmail, invitationSms, type InvitationContext } from '../../shared/domain/invitation.js';

/** A digest as leaders get it: inline styles only (mail clients drop <style>), quotes and ampersands to escape. */
const DIGEST_HTML =
  '<!doctype html><html lang="en"><body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif">' +
  '<h1 style="font-size:20px;color:#b3261e">Hotspots &amp; "rising" figures</h1>' +
  "<p style=\"margin:0 0 12px\">Emergency's workload</p><script>document.title='ran'</script></body></html>";

const context = (kind: InvitationContext['kind']): InvitationContext => ({
  orgName: 'Riverside Community Health',
  shortName: 'Riverside',
  departmentName: 'Emergency',
  closesOn: 'Tuesday, December 1',
  link: 'https://pulse.test.example/p/abcdefghijklmnopqrstuv',
  unsubscribeUrl: undefined,
  kind,
});

let directory: string;
let outbox: FileOutbox;
let app: Hono<AppEnv>;

beforeEach(async () => {
  // Its own folder inside a parent of its own, so a file beside the outbox proves nothing outside it is read.
  directory = join(await mkdtemp(join(tmpdir(), 'dev-outbox-')), 'outbox');
  let minute = 0;
  outbox = new FileOutbox(directory, () => new Date(Date.UTC(2026, 10, 24, 9, minute++)));
  app = new Hono<AppEnv>().route('/dev/outbox', devOutboxRoutes(outbox));
});
afterEach(async () => rm(join(directory, '..'), { recursive: true, force: true }));

/** Two leaders' digests, an invitation, a reminder and an SMS, sent in that order. */
async function sendDay() {
  await outbox.send({
    channel: 'email',
    kind: 'digest',
    to: 'Dana.Whitfield@riverside.example',
    subject: 'Pulse of Nov 10: 2 hotspots',
    text: 'Dashboard: https://pulse.test.example/d/dana',
    html: DIGEST_HTML,
  });
  await outbox.send({
    channel: 'email',
    kind: 'digest',
    to: 'marcus.hale@riverside.example',
    subject: 'Pulse of Nov 10: 1 hotspot',
    text: 'Dashboard: https://pulse.test.example/d/marcus',
    html: '<p>Marcus</p>',
  });
  await outbox.send(invitationEmail('nurse.1@staff.example', 'en', context('invite')));
  await outbox.send(invitationEmail('nurse.1@staff.example', 'en', context('reminder')));
  await outbox.send(invitationSms('+12025550103', 'en', context('invite')));
}

const page = async (path: string, init?: RequestInit) => {
  const response = await app.request(path, init);
  return { response, html: await response.text() };
};
const asJson = async (path: string) => (await app.request(path, { headers: { accept: 'application/json' } })).json() as Promise<OutboxEntry[]>;
/** The listing's entries as they read on the page, top to bottom. */
const listed = (html: string) => [...html.matchAll(/<li><h2><a href="\/dev\/outbox\/([0-9a-z-]+)">/g)].map((match) => match[1]!);
const attribute = (html: string, element: string, name: string) => {
  const value = new RegExp(`<${element}\\b[^>]*\\s${name}="([^"]*)"`).exec(html)?.[1];
  return value
    ?.replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
};

describe('GET /dev/outbox', () => {
  it('finds one recipient by part of the address, in any case, and counts what it found', async () => {
    await sendDay();
    const { response, html } = await page('/dev/outbox?to=WHITFIELD');
    expect(response.status).toBe(200);
    expect(html).toContain('1 of 5 messages');
    expect(html).toContain('Pulse of Nov 10: 2 hotspots');
    expect(html).not.toContain('marcus.hale@');
    expect(html).not.toContain('nurse.1@');
    expect((await asJson('/dev/outbox?to=whitfield')).map((entry) => entry.to)).toEqual(['Dana.Whitfield@riverside.example']);
  });

  it('filters by kind and channel, in the page and in the JSON alike', async () => {
    await sendDay();
    expect((await asJson('/dev/outbox?kind=reminder')).map((entry) => [entry.kind, entry.to])).toEqual([['reminder', 'nurse.1@staff.example']]);
    expect((await asJson('/dev/outbox?channel=sms')).map((entry) => entry.to)).toEqual(['+12025550103']);
    expect((await asJson('/dev/outbox?kind=invitation&channel=email')).map((entry) => entry.to)).toEqual(['nurse.1@staff.example']);
    const { html } = await page('/dev/outbox?kind=digest&channel=email&to=');
    expect(html).toContain('2 of 5 messages');
    expect(listed(html)).toHaveLength(2);
  });

  it('lists newest first, each linked to its own page, with the JSON still oldest first for scripts', async () => {
    await sendDay();
    const json = await asJson('/dev/outbox');
    expect(json.map((entry) => entry.kind)).toEqual(['digest', 'digest', 'invitation', 'reminder', 'invitation']);
    const { html } = await page('/dev/outbox');
    expect(listed(html)).toEqual(json.map((entry) => entry.id).reverse());
    expect(html).toContain('5 of 5 messages');
    expect(html).toContain('<a href="https://pulse.test.example/p/abcdefghijklmnopqrstuv">');
  });

  it('shows a labelled GET form holding the filters in use, and no script', async () => {
    await sendDay();
    const { html } = await page('/dev/outbox?to=Dana&kind=digest&channel=email');
    expect(html).toMatch(/<form method="get" action="\/dev\/outbox"/);
    expect(html).toMatch(/<label>Recipient contains<input type="text" name="to" value="Dana"/);
    expect(html).toMatch(/<label>Kind<select name="kind">/);
    expect(html).toMatch(/<label>Channel<select name="channel">/);
    expect(html).toContain('<option value="digest" selected="">Digest</option>');
    expect(html).toContain('<option value="email" selected="">Email</option>');
    expect(html).toContain('<option value="reminder">Reminder</option>');
    expect(html).toContain('<button type="submit">Filter</button>');
    expect(html).not.toMatch(/<script|onclick=|javascript:/i);
  });

  it(`shows the newest ${OUTBOX_PAGE_SIZE} of more matches and says so`, async () => {
    for (let i = 0; i < OUTBOX_PAGE_SIZE + 5; i++)
      await outbox.send({ channel: 'sms', kind: 'invitation', to: `+1202555${String(i).padStart(4, '0')}`, text: `Pulse ${i}` });
    const { html } = await page('/dev/outbox');
    expect(html).toContain(`${OUTBOX_PAGE_SIZE + 5} of ${OUTBOX_PAGE_SIZE + 5} messages`);
    expect(html).toContain(`The newest ${OUTBOX_PAGE_SIZE} are shown`);
    expect(listed(html)).toHaveLength(OUTBOX_PAGE_SIZE);
    expect(html).toContain(`SMS to +1202555${String(OUTBOX_PAGE_SIZE + 4).padStart(4, '0')}`);
    expect(html).not.toContain('SMS to +12025550004<');
    expect(await asJson('/dev/outbox')).toHaveLength(OUTBOX_PAGE_SIZE + 5);
  });

  it('still lists a message written before messages said their kind, and finds it as "unknown"', async () => {
    await sendDay();
    const old = {
      id: '00000000a-00000-abcdef',
      channel: 'email',
      to: 'old.leader@riverside.example',
      subject: 'Old digest',
      text: 'Old',
      html: '<p>Old</p>',
      sentAt: '2025-11-24T09:00:00.000Z',
    };
    await writeFile(join(directory, `${old.id}.json`), JSON.stringify(old));
    const { response, html } = await page('/dev/outbox');
    expect(response.status).toBe(200);
    expect(html).toContain('6 of 6 messages');
    expect(html).toContain('Kind unknown (an older message) · to old.leader@riverside.example');
    expect((await asJson('/dev/outbox?kind=unknown')).map((entry) => entry.id)).toEqual([old.id]);
    expect((await page(`/dev/outbox/${old.id}`)).html).toContain('<dt>Kind</dt><dd>Kind unknown (an older message)</dd>');
  });

  it('says which filter it did not understand instead of listing everything', async () => {
    await sendDay();
    const { response, html } = await page('/dev/outbox?kind=newsletter');
    expect(response.status).toBe(400);
    expect(html).toContain('Filters not understood');
    expect(html).toMatch(/kind: .*digest/);
  });

  it('lists an empty or missing outbox as no messages', async () => {
    const { response, html } = await page('/dev/outbox');
    expect(response.status).toBe(200);
    expect(html).toContain('0 of 0 messages');
  });
});

describe('GET /dev/outbox/:id', () => {
  const digestId = async () => (await asJson('/dev/outbox?to=whitfield'))[0]!.id;

  it('shows the digest as its recipient sees it, in a sandboxed frame that runs nothing, and its text', async () => {
    await sendDay();
    const { response, html } = await page(`/dev/outbox/${await digestId()}`);
    expect(response.status).toBe(200);
    expect(html).toContain('<h1>Pulse of Nov 10: 2 hotspots</h1>');
    expect(html).toContain('<dt>To</dt><dd>Dana.Whitfield@riverside.example</dd>');
    expect(html).toContain('<dt>Kind</dt><dd>Digest</dd>');
    expect(html).toContain('<dt>Sent at</dt><dd><time datetime="2026-11-24T09:00:00.000Z">');
    expect(attribute(html, 'iframe', 'srcdoc')).toBe(DIGEST_HTML);
    expect(attribute(html, 'iframe', 'sandbox')).toBe('');
    expect(attribute(html, 'iframe', 'title')).toBeTruthy();
    // The digest's script is text inside the attribute, never markup of this page.
    expect(html.match(/<script/g)).toBeNull();
    expect(html).toMatch(/<pre class="outbox-text">Dashboard: <a href="https:\/\/pulse\.test\.example\/d\/dana">/);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'unsafe-inline'");
    expect(csp).not.toMatch(/script-src/);
  });

  it('shows an SMS as its text, with no frame', async () => {
    await sendDay();
    const sms = (await asJson('/dev/outbox?channel=sms'))[0]!;
    const { html } = await page(`/dev/outbox/${sms.id}`);
    expect(html).toContain('<h1>SMS to +12025550103</h1>');
    expect(html).toContain('<dt>Kind</dt><dd>Invitation</dd>');
    expect(html).not.toContain('<iframe');
    expect(html).toContain(sms.text.split('https://')[0]!);
  });

  it('gives the HTML alone under a sandboxing CSP with ?raw=html', async () => {
    await sendDay();
    const response = await app.request(`/dev/outbox/${await digestId()}?raw=html`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp.split(';')[0]!.trim()).toBe('sandbox');
    expect(csp).not.toMatch(/allow-scripts|script-src/);
    expect(await response.text()).toBe(DIGEST_HTML);
  });

  it('says an SMS has no HTML when asked for it', async () => {
    await sendDay();
    const sms = (await asJson('/dev/outbox?channel=sms'))[0]!;
    const { response, html } = await page(`/dev/outbox/${sms.id}?raw=html`);
    expect(response.status).toBe(404);
    expect(html).toContain('is an SMS: it has no HTML to show');
  });

  it('refuses a malformed id with a 404 that says why, and reads nothing outside the outbox', async () => {
    await sendDay();
    const beside = {
      id: 'secret',
      channel: 'email',
      kind: 'digest',
      to: 'x@y.example',
      subject: 'Outside the outbox',
      text: 'outside',
      html: '<p>outside</p>',
      sentAt: '2026-01-01T00:00:00.000Z',
    };
    await mkdir(join(directory, '..'), { recursive: true });
    await writeFile(join(directory, '..', 'secret.json'), JSON.stringify(beside));
    for (const id of ['..%2Fsecret', 'ABC', 'a.b']) {
      const { response, html } = await page(`/dev/outbox/${id}`);
      expect(response.status, id).toBe(404);
      expect(html, id).toContain('is not an outbox message id: ids are up to 64 lowercase letters, digits and dashes');
      expect(html, id).not.toContain('Outside the outbox');
    }
  });

  it('says when a well-formed id names no message', async () => {
    await sendDay();
    const { response, html } = await page('/dev/outbox/0000000zz-00000-000000');
    expect(response.status).toBe(404);
    expect(html).toContain('No message with the id 0000000zz-00000-000000 is in the outbox');
    expect(html).toContain('<a href="/dev/outbox">Back to the outbox</a>');
  });
});

describe('what each composed message says it is', () => {
  it('tells an invitation from a reminder, on both channels', () => {
    expect(invitationEmail('a@b.example', 'en', context('invite')).kind).toBe('invitation');
    expect(invitationEmail('a@b.example', 'es', context('reminder')).kind).toBe('reminder');
    expect(invitationSms('+12025550100', 'en', context('invite')).kind).toBe('invitation');
    expect(invitationSms('+12025550100', 'en', context('reminder')).kind).toBe('reminder');
  });
});
