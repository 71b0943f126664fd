import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../functions/api/app.js';
import type { RetryPolicy } from '../../shared/adapters/dynamodb/retry.js';
import type { OrgConfig } from '../../shared/domain/org-config.js';
import type { Staff } from '../../shared/domain/staff.js';
import { memoryLog } from '../../shared/logger.js';
import { openWave } from '../../shared/use-cases/open-wave.js';
import { localServices } from '../../scripts/lib/local-services.js';
import { createTestTable } from './dynamo.js';
import { staffIn, testClock, testOrg } from './fixtures.js';

export const BASE_URL = 'https://pulse.test.example';

/** An organization's local platform on DynamoDB Local, with the real outbox in a temporary folder. */
export async function testPlatform(options: { org?: OrgConfig; staff?: Staff[]; retry?: RetryPolicy } = {}) {
  const org = options.org ?? testOrg();
  const staff = options.staff ?? [...staffIn('ed', 'nurse', 6), ...staffIn('ed', 'physician', 5), ...staffIn('lab', 'nurse', 3)];
  const table = await createTestTable(options.retry ? { retry: options.retry } : {});
  const clock = testClock();
  const log = memoryLog();
  const services = localServices({
    documentClient: table.documentClient,
    tableName: table.tableName,
    org,
    outboxDir: await mkdtemp(join(tmpdir(), 'outbox-')),
    baseUrl: BASE_URL,
    clock,
    log,
    ...(options.retry ? { retry: options.retry } : {}),
  });
  await services.stores.roster.putStaff(staff);
  const app = createApp({ ...services.stores, clock, org, log, outbox: services.outbox });
  return { ...table, ...services, org, staff, clock, log, app };
}

/** The same, with a wave opened and everyone's link read back from the outbox. */
export async function openTestWave(options: { org?: OrgConfig; staff?: Staff[]; retry?: RetryPolicy } = {}) {
  const platform = await testPlatform(options);
  const { wave } = await openWave(platform.waveDeps);
  if (platform.queue.failed.length > 0) throw new Error(`deliveries failed: ${String(platform.queue.failed[0]!.error)}`);
  const messages = await platform.outbox.list();
  /** Each person's link, by their contact. */
  const tokenFor = new Map(messages.map((m) => [m.to, linkToken(m.text)!]));
  const tokens = [...new Set(tokenFor.values())];
  return { ...platform, wave, messages, tokens, tokenFor };
}

/** The token of the pulse link in a message's text. */
export function linkToken(text: string): string | undefined {
  return /\/p\/([A-Za-z0-9_-]{22})/.exec(text)?.[1];
}

/** A complete, valid form for a wave's items: every answer the first option unless given. */
export function completeForm(items: { id: string; options: { value: number }[] }[], chosen: Record<string, number> = {}): Record<string, string> {
  return Object.fromEntries(items.map((item) => [`q_${item.id}`, String(chosen[item.id] ?? item.options[0]!.value)]));
}

/** The hidden fields a pulse page carries (wave, unit, language); none when the link cannot be answered. */
export async function hiddenFields(
  app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> },
  token: string,
): Promise<Record<string, string>> {
  const html = await (await app.request(`/p/${token}`)).text();
  return Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

/**
 * POSTs a form as a browser does: after loading the page, with the page's hidden fields
 * beside the answers (the answers given win). `fromPage: false` posts the answers alone,
 * as a page from before those fields existed would.
 */
export async function postForm(
  app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> },
  token: string,
  form: Record<string, string>,
  options: { fromPage?: boolean } = {},
) {
  const fields = options.fromPage === false ? form : { ...(await hiddenFields(app, token)), ...form };
  return app.request(`/p/${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)' },
    body: new URLSearchParams(fields).toString(),
  });
}
