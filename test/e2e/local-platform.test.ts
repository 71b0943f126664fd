import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDynamoClients } from '../../shared/adapters/dynamodb/client.js';
import { dynamoStores } from '../../shared/adapters/dynamodb/stores.js';
import { loadOrgConfig } from '../../shared/config.js';
import { hashToken } from '../../shared/domain/tokens.js';
import { listRoster } from '../../shared/services/roster-reads.js';
import { linkHolders, scanTable, tokenAttributeGroups, unitOnRoster } from '../support/stored-anonymity.js';
import { freePort } from '../../scripts/lib/dynamodb-local.js';
import type { OutboxEntry } from '../../shared/adapters/outbox.js';

/**
 * The newcomer's path: `npm start` on an empty data folder, then a pulse link clicked
 * and answered as a browser without JavaScript would.
 */
let platform: ChildProcess;
let output = '';
let base = '';
let dynamoEndpoint = '';
let dataDir = '';
let dashboardLink = '';

/** `npm start` on free ports it picks itself, found as a user would: its ready line, and its record for the CLI. */
async function startPlatform() {
  const before = output.length;
  platform = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    env: { ...process.env, PULSE_DATA_DIR: dataDir, PORT: '0', PULSE_DYNAMODB_PORT: '0', LOG_LEVEL: 'INFO' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  platform.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  platform.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const started = Date.now();
  for (;;) {
    if (platform.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    const ready = /Care Pulse is running at (http:\/\/localhost:(\d+))\n/.exec(output.slice(before));
    if (ready) {
      base = ready[1]!;
      const recorded = JSON.parse(await readFile(join(dataDir, 'platform.json'), 'utf8')) as { port: number; dynamoPort: number };
      expect(recorded.port).toBe(Number(ready[2]));
      expect(recorded.port).toBeGreaterThan(0);
      dynamoEndpoint = `http://127.0.0.1:${recorded.dynamoPort}`;
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      return;
    }
    // The first start seeds a year of demo pulses through the real submit path, which takes
    // several times as long on a machine busy with other work (docs/benchmarks.md).
    if (Date.now() - started > 420_000) throw new Error(`not ready within 420 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function stopPlatform() {
  if (!platform || platform.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    platform.once('exit', () => resolve());
    platform.kill('SIGTERM');
  });
}

/** Runs `npm run pulse -- <args>` against the running platform. */
async function pulseCli(args: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const cli = spawn(process.execPath, ['--import', 'tsx', 'scripts/pulse.ts', ...args], {
    env: { ...process.env, PULSE_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  cli.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  cli.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => cli.once('exit', resolve));
  return { code, output };
}

async function outbox(): Promise<OutboxEntry[]> {
  return (await fetch(`${base}/dev/outbox`, { headers: { accept: 'application/json' } })).json() as Promise<OutboxEntry[]>;
}

/** Answers counted in the wave `npm start` opened (the seeded year has its own). */
async function countedAnswers(): Promise<number> {
  const { documentClient } = createDynamoClients({ endpoint: dynamoEndpoint });
  try {
    const items = await scanTable(documentClient, 'care-pulse');
    const open = items
      .filter((item) => item.pk === 'WAVE')
      .map((item) => String(item.sk).slice('WAVE#'.length))
      .sort()
      .at(-1)!;
    return items.filter((item) => String(item.pk).startsWith(`AGG#${open}#`)).reduce((sum, item) => sum + Number(item.n ?? 0), 0);
  } finally {
    documentClient.destroy();
  }
}

function formFromPage(html: string): URLSearchParams {
  // What a browser with scripting off sends: the first radio of each question, and the hidden fields.
  const form = new URLSearchParams();
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) form.set(match[1]!, match[2]!);
  for (const match of html.matchAll(/<input type="radio" name="([^"]+)" value="([^"]+)"/g)) if (!form.has(match[1]!)) form.set(match[1]!, match[2]!);
  return form;
}

const post = (path: string, form: URLSearchParams) =>
  fetch(`${base}${path}`, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'care-pulse-start-'));
  await startPlatform();
}, 480_000);

afterAll(async () => {
  await stopPlatform();
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm start without Java', () => {
  it('stops with a message that says how to install it', async () => {
    // A PATH with node and nothing else, wherever java happens to live.
    const bin = await mkdtemp(join(tmpdir(), 'no-java-'));
    await symlink(process.execPath, join(bin, 'node'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      env: { ...process.env, PATH: bin, PULSE_DATA_DIR: join(dataDir, 'no-java') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let printed = '';
    child.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(printed).toContain('DynamoDB Local needs Java 17 or newer');
    expect(printed).toContain('apt-get install -y openjdk-17-jre-headless');
  });
});

describe('npm start on an empty data folder', () => {
  let links: string[] = [];

  it('loads the demo organization and sends its first wave to the outbox', async () => {
    const messages = await outbox();
    expect(messages.length).toBeGreaterThanOrEqual(150);
    links = [...new Set(messages.flatMap((m) => /\/p\/[A-Za-z0-9_-]{22}/.exec(m.text)?.[0] ?? []))];
    expect(links).toHaveLength(150);
    expect(new Set(messages.map((m) => m.channel))).toEqual(new Set(['email', 'sms']));
    expect(output).toContain(`${base}/dev/outbox`);
  });

  it('has a year of closed pulses behind it: the executive dashboard measures the EHR upgrade before and after, with an interval', async () => {
    const digest = (await outbox()).find((m) => m.to === 'dana.whitfield@riverside.example' && m.text.includes('/d/'))!;
    const page = await (await fetch(`${base}${/\/d\/[A-Za-z0-9_.-]+/.exec(digest.text)![0]}`)).text();
    // Pulses are named by their dates, and every figure carries its trend over six pulses.
    expect(page).toMatch(/<h1>Riverside Community Health: pulse of [A-Z][a-z]{2} \d{1,2}[^<]*\d{4}<\/h1>/);
    expect(page).toMatch(/Trends run from the pulse of [A-Z][a-z]{2} \d{1,2}[^<]*\d{4} to this one\./);
    expect(page).toMatch(
      /<svg class="trend" role="img" aria-label="Trend, oldest first: [A-Z][a-z]{2} \d{1,2} (\d+%|not shown)(, [A-Z][a-z]{2} \d{1,2} (\d+%|not shown)){5}"/,
    );
    const measured =
      /Admin burden (\d+)% before &#39;EHR upgrade[^&]*&#39;, (\d+)% after: down (\d+) points \(95% interval (\d+) to (\d+) points\), (\d+) and (\d+) people\./.exec(
        page,
      );
    expect(measured, 'the before-and-after sentence').not.toBeNull();
    const [before, after, down, low, high] = measured!.slice(1, 6).map(Number) as [number, number, number, number, number];
    // EMR frustration about halves, and the interval excludes no change.
    expect(after / before).toBeGreaterThan(0.3);
    expect(after / before).toBeLessThan(0.65);
    expect(low).toBeGreaterThan(0);
    expect(low).toBeLessThanOrEqual(down);
    expect(high).toBeGreaterThanOrEqual(down);
  });

  it('sends the leader of a manager who left a hotspot without action a digest that says so', async () => {
    const cno = (await outbox()).find((m) => m.to === 'marcus.hale@riverside.example' && m.text.includes('/d/'))!;
    expect(cno.subject).toMatch(/\d+ waiting for action$/);
    expect(cno.text).toMatch(
      /Waiting for action[^\n]*\n(?: {2}- [^\n]*\n)* {2}- Emergency department(?:: [^:\n]+)?: [a-z ]+ hotspot in the pulse of [A-Z][a-z]{2} \d{1,2}, \d{4}, no action logged by [A-Z][a-z]{2} \d{1,2}, \d{4} \(Aisha Grant\)\./,
    );
    // A pooled role group by its name, never its id.
    expect(cno.text).not.toMatch(/_(other|all|cards)\b/);
    // The ED manager's own leader hears of it; the leader above the CNO does not.
    const ceo = (await outbox()).find((m) => m.to === 'dana.whitfield@riverside.example' && m.text.includes('/d/'))!;
    expect(ceo.text).not.toContain('(Aisha Grant)');
  });

  it('tells the emergency department’s staff on their pulse page what was done since the last pulse', async () => {
    const messages = await outbox();
    const edLink = messages.find((m) => m.to === 'ben.hughes.1@riverside.example')!;
    expect(edLink.text).toContain('Scribes for evening shifts (Emergency department): under way');
    const page = await (await fetch(`${base}${/\/p\/[A-Za-z0-9_-]{22}/.exec(edLink.text)![0]}`)).text();
    expect(page).toContain('You said, we did');
    expect(page).toContain('<strong>Scribes for evening shifts</strong> (Emergency department): under way');
    // Staff pages carry no figure of any kind.
    expect(page.replace(/<style>.*<\/style>/s, '')).not.toMatch(/\d+ ?%/);
  });

  it('serves a pulse link as a form that works without script', async () => {
    const response = await fetch(`${base}${links[0]}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).not.toContain('<script');
    const answered = await post(links[0]!, formFromPage(html));
    expect(answered.status).toBe(200);
    expect(await answered.text()).toContain('988');
    expect(await countedAnswers()).toBe(1);
  });

  it('answers the same POST again with 409, and counts it once', async () => {
    const html = await (await fetch(`${base}${links[1]}`)).text();
    const form = formFromPage(html);
    expect((await post(links[1]!, form)).status).toBe(200);
    expect((await post(links[1]!, form)).status).toBe(409);
    expect(await countedAnswers()).toBe(2);
  });

  it('answers 404 for /p/nonsense', async () => {
    expect((await fetch(`${base}/p/nonsense`)).status).toBe(404);
  });

  it('answers 422 to a form with a missing answer and changes no aggregate', async () => {
    const form = formFromPage(await (await fetch(`${base}${links[2]}`)).text());
    form.delete([...form.keys()].find((key) => key.startsWith('q_'))!);
    expect((await post(links[2]!, form)).status).toBe(422);
    expect(await countedAnswers()).toBe(2);
  });

  it('stores nothing that sets fewer than k of the demo roster apart: token attributes and answer units', async () => {
    const org = await loadOrgConfig('orgs/demo.json');
    const { documentClient } = createDynamoClients({ endpoint: dynamoEndpoint });
    try {
      const stores = dynamoStores({ client: documentClient, tableName: 'care-pulse' });
      const roster = (await listRoster({ ...stores, org })).filter((person) => person.active);
      const waves = await stores.waves.listWaves();
      const items = await scanTable(documentClient, 'care-pulse');
      const groups = tokenAttributeGroups(items, roster, waves);
      expect(groups.length).toBeGreaterThan(0);
      expect(groups.filter((g) => g.people > 0 && g.people < org.k)).toEqual([]);

      // Every unit answers are stored in holds at least k people who were sent its link. The
      // seeded year sent no messages (nobody could click a past link): there the wave's own
      // frozen plan says who could answer, and every unit of it holds at least k.
      const answered = items.filter((item) => String(item.pk).startsWith('AGG#') && Number(item.n) > 0);
      expect(answered.length).toBeGreaterThan(0);
      for (const item of answered) {
        const wave = waves.find((w) => String(item.pk).startsWith(`AGG#${w.id}#`))!;
        const unit = `${String(item.pk).split('#')[2]}/${String(item.sk).split('#')[1]}`;
        const holders = linkHolders(items, roster, wave.id);
        const people = holders.length > 0 ? holders.filter((person) => unitOnRoster(wave, person) === unit).length : (wave.staffPerUnit[unit] ?? 0);
        expect(people, `${wave.id} ${unit}`).toBeGreaterThanOrEqual(org.k);
      }
    } finally {
      documentClient.destroy();
    }
  });

  /** A second `npm start` in a folder of its own, to its exit. */
  async function secondStart(ports: Record<string, string>) {
    const second = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      env: { ...process.env, PULSE_DATA_DIR: join(dataDir, 'second'), PORT: '0', PULSE_DYNAMODB_PORT: '0', LOG_LEVEL: 'INFO', ...ports },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let printed = '';
    second.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    second.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
    return { code, printed };
  }

  it('refuses a port in use at once, saying what to do, and leaves the running platform alone', async () => {
    const port = new URL(base).port;
    const { code, printed } = await secondStart({ PORT: port });
    expect(printed).toContain(
      `Care Pulse could not listen on port ${port}: something else already does. Stop what runs there (another npm start?), or set PORT to another port; PORT=0 takes a free one.`,
    );
    expect(printed).not.toContain('Starting DynamoDB Local');
    expect(code).toBe(1);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  }, 60_000);

  it('refuses a DynamoDB Local port in use, rather than seeding another platform’s database', async () => {
    const port = new URL(dynamoEndpoint).port;
    const { code, printed } = await secondStart({ PULSE_DYNAMODB_PORT: port });
    expect(printed).toContain(
      `DynamoDB Local could not listen on port ${port}: something else already does. Stop what runs there (another npm start?), or set PULSE_DYNAMODB_PORT to another port; PULSE_DYNAMODB_PORT=0 takes a free one.`,
    );
    expect(printed).not.toContain('Seeded');
    expect(code).toBe(1);
    expect(await countedAnswers()).toBe(2);
  }, 60_000);

  it('keeps its data across a restart and does not seed the demo twice', async () => {
    const before = (await outbox()).length;
    await stopPlatform();
    await startPlatform();
    expect((await outbox()).length).toBe(before);
    expect((await fetch(`${base}${links[0]}`)).status).toBe(409);
    expect(await countedAnswers()).toBe(2);
  }, 90_000);

  it('refuses a roster with bad rows from the admin CLI, line by line, and changes nothing', async () => {
    const before = await pulseCli(['status']);
    const file = join(dataDir, 'bad.csv');
    await writeFile(
      file,
      'email,phone,department,role,locale,channel\nnew.nurse@riverside.example,,emergency,nurse,en,email\nx@riverside.example,555-12,radiology,nurse,en,both\n',
    );
    const refused = await pulseCli(['roster', 'import', file]);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain(`${file}:3: phone: "555-12" is not a valid phone number`);
    expect(refused.output).toContain(`${file}:3: department: unknown department "radiology"`);
    expect((await pulseCli(['status'])).output).toBe(before.output);
  }, 60_000);

  it('imports a clean roster from the admin CLI and shows the counts per department', async () => {
    const roster = await readFile('orgs/demo-roster.csv', 'utf8');
    const file = join(dataDir, 'next.csv');
    await writeFile(file, `${roster.trimEnd()}\nnew.nurse@riverside.example,,emergency,nurse,en,email\n`);
    const imported = await pulseCli(['roster', 'import', file]);
    expect(imported.output).toContain('1 added, 0 updated, 0 reactivated, 150 unchanged, 0 deactivated');
    expect(imported.code).toBe(0);
    const status = await pulseCli(['status']);
    expect(status.output).toMatch(/Emergency department\s+29\s+0/);
    expect(status.output).toMatch(/Intensive care unit\s+20\s+0/);
  }, 60_000);

  it('logs an action from the admin CLI that the leaders who oversee its department see on their dashboard', async () => {
    const added = await pulseCli([
      'actions',
      'add',
      'medsurg-manager',
      'med-surg',
      'burnout',
      'Peer support huddles after hard shifts',
      '--title-es',
      'Reuniones de apoyo entre colegas después de turnos difíciles',
    ]);
    expect(added.output).toMatch(/Logged a\d{8}-[a-z0-9]{6}: "Peer support huddles after hard shifts" for Medical-surgical unit \(burnout\), planned\./);
    expect(added.code).toBe(0);
    const digest = (await outbox()).find((m) => m.to === 'marcus.hale@riverside.example' && m.text.includes('/d/'))!;
    expect(await (await fetch(`${base}${/\/d\/[A-Za-z0-9_.-]+/.exec(digest.text)![0]}`)).text()).toContain(
      '<strong>Peer support huddles after hard shifts</strong> (Medical-surgical unit, burnout)',
    );
    const id = /Logged (a\d{8}-[a-z0-9]{6})/.exec(added.output)![1]!;
    expect((await pulseCli(['actions', 'list', 'med-surg'])).output).toContain(
      `${id}  Medical-surgical unit, burnout: "Peer support huddles after hard shifts" (planned)`,
    );
    const targeted = await pulseCli(['actions', 'update', id, '--target-on', '2027-01-15']);
    expect(targeted.output).toContain(`Updated ${id}: "Peer support huddles after hard shifts" is planned (target 2027-01-15).`);
    const refused = await pulseCli(['actions', 'add', 'medsurg-manager', 'emergency', 'burnout', 'Not mine to log']);
    expect(refused.output).toContain('department: Grace Kim does not oversee "emergency"');
    expect(refused.code).toBe(1);
  }, 60_000);

  it('closes the wave from the admin CLI, after which its links answer 410', async () => {
    const { code, output: cliOutput } = await pulseCli(['wave', 'close']);
    expect(cliOutput).toMatch(/Closed wave w\d{8}-01/);
    expect(code).toBe(0);
    expect((await fetch(`${base}${links[3]}`)).status).toBe(410);
    expect(await (await fetch(`${base}${links[3]}`)).text()).toContain('This pulse has closed');
  }, 60_000);

  it('sends each leader a digest from the admin CLI whose link opens their dashboard', async () => {
    const before = (await outbox()).length;
    const { code, output: cliOutput } = await pulseCli(['alerts', 'run']);
    expect(cliOutput).toMatch(/sent 12 digests/);
    expect(code).toBe(0);
    const digest = (await outbox()).slice(before).find((m) => m.to === 'dana.whitfield@riverside.example')!;
    dashboardLink = /\/d\/[A-Za-z0-9_.-]+/.exec(digest.text)![0];
    const page = await fetch(`${base}${dashboardLink}`);
    expect(page.status).toBe(200);
    // Two answers in the whole wave: every figure stays hidden.
    expect(await page.text()).toContain('No group you oversee had enough answers in this pulse to show figures.');
  }, 60_000);

  it('opens the next wave from the admin CLI, whose pulse page tells the department’s staff, in their language, what was logged', async () => {
    const before = (await outbox()).length;
    const opened = await pulseCli(['wave', 'open']);
    expect(opened.code).toBe(0);
    const invitations = (await outbox()).slice(before);
    const nurse = invitations.find((m) => m.to === 'yusuf.khan.50@riverside.example')!;
    const page = await (await fetch(`${base}${/\/p\/[A-Za-z0-9_-]{22}/.exec(nurse.text)![0]}`)).text();
    expect(page).toContain('<strong>Peer support huddles after hard shifts</strong> (Medical-surgical unit): planned');
    const spanish = await (await fetch(`${base}${/\/p\/[A-Za-z0-9_-]{22}/.exec(nurse.text)![0]}?lang=es`)).text();
    expect(spanish).toContain('<strong>Reuniones de apoyo entre colegas después de turnos difíciles</strong> (Unidad médico-quirúrgica): planeada');
    // Another department's staff do not hear of it.
    const edNurse = invitations.find((m) => m.to === 'ben.hughes.1@riverside.example')!;
    expect(await (await fetch(`${base}${/\/p\/[A-Za-z0-9_-]{22}/.exec(edNurse.text)![0]}`)).text()).not.toContain('Peer support huddles');
  }, 60_000);

  it('finds the running platform from its data folder, and prints no link to a port nothing answers on', async () => {
    const found = await pulseCli(['dashboard', 'link', 'ceo']);
    expect(found.output).toContain(`${base}/d/`);
    expect(found.code).toBe(0);
    const nowhere = await pulseCli(['dashboard', 'link', 'ceo'], { PORT: String(await freePort()) });
    expect(nowhere.output).toMatch(/Nothing answers at http:\/\/localhost:\d+\. Start the platform with `npm start`/);
    expect(nowhere.output).not.toContain('/d/');
    expect(nowhere.code).toBe(1);
  }, 60_000);

  it('works on a deployed stack’s table through the SDK’s own AWS settings, and says what to run instead of jobs the functions do', async () => {
    // As on AWS: no DYNAMODB_ENDPOINT, credentials and region from the environment. The SDK's
    // standard endpoint setting stands in for the AWS endpoint, so the test calls no AWS.
    const aws = {
      PULSE_TARGET: 'aws',
      TABLE_NAME: 'care-pulse',
      PULSE_BASE_URL: 'https://pulse.riverside.example',
      AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    };
    const status = await pulseCli(['status'], aws);
    expect(status.output).toMatch(/Emergency department\s+29\s+0/);
    expect(status.code).toBe(0);
    const link = await pulseCli(['dashboard', 'link', 'ceo'], aws);
    expect(link.output).toMatch(/https:\/\/pulse\.riverside\.example\/d\/[A-Za-z0-9_-]+\.\d+\.[A-Za-z0-9_-]{22}/);
    const deletion = await pulseCli(['roster', 'delete', 'New.Nurse@riverside.example', '--dry-run'], aws);
    expect(deletion.output).toContain('Dry run, nothing deleted. Would delete the roster entry matching that contact (Emergency department).');
    expect(deletion.output.toLowerCase()).not.toContain('new.nurse@riverside.example');
    const open = await pulseCli(['wave', 'open'], aws);
    expect(open.code).toBe(1);
    expect(open.output).toContain(
      `aws lambda invoke --function-name <DispatchFunctionName output> --cli-binary-format raw-in-base64-out --payload '{"action":"open"}'`,
    );
    const { TABLE_NAME: _unset, ...withoutTable } = aws;
    const unnamed = await pulseCli(['status'], withoutTable);
    expect(unnamed.code).toBe(1);
    expect(unnamed.output).toContain('environment variable TABLE_NAME: missing; set it to the TableName output of the CarePulse-<id> stack');
  }, 90_000);

  it('prints no token and no contact in its logs', async () => {
    // One short line per request, for people at a terminal.
    expect(output).toMatch(/^\d{2}:\d{2}:\d{2} GET \/p\/:token 200 \d+ms$/m);
    const messages = await outbox();
    for (const link of links) {
      const token = link.slice(3);
      expect(output).not.toContain(token);
      expect(output).not.toContain(hashToken(token));
    }
    for (const message of messages) expect(output).not.toContain(message.to);
    expect(output).not.toContain(dashboardLink.slice('/d/'.length));
  });
});
