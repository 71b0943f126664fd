import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../functions/api/app.js';
import { FileOutbox } from '../../shared/adapters/outbox.js';
import type { RetryPolicy } from '../../shared/adapters/dynamodb/retry.js';
import type { OrgConfig } from '../../shared/domain/org-config.js';
import type { Staff } from '../../shared/domain/staff.js';
import { memoryLog } from '../../shared/logger.js';
import { openWave } from '../../shared/use-cases/open-wave.js';
import { createTestTable } from './dynamo.js';
import { staffIn, testClock, testOrg } from './fixtures.js';

export const BASE_URL = 'https://pulse.test.example';

/**
 * An organization with a roster and an open wave on DynamoDB Local, the real outbox in a
 * temporary folder, and the Hono app over both.
 */
export async function openTestWave(options: { org?: OrgConfig; staff?: Staff[]; retry?: RetryPolicy } = {}) {
  const org = options.org ?? testOrg();
  const staff = options.staff ?? [...staffIn('ed', 'nurse', 6), ...staffIn('ed', 'physician', 5), ...staffIn('lab', 'nurse', 3)];
  const table = await createTestTable(options.retry ? { retry: options.retry } : {});
  const clock = testClock();
  const outbox = new FileOutbox(await mkdtemp(join(tmpdir(), 'outbox-')), clock.now);
  const log = memoryLog();
  await table.store.putStaff(staff);
  const wave = await openWave({ store: table.store, messenger: outbox, clock, org, baseUrl: BASE_URL });
  const messages = await outbox.list();
  const linkOf = (text: string) => /\/p\/([A-Za-z0-9_-]{22})/.exec(text)?.[1];
  /** Each person's link, by their contact. */
  const tokenFor = new Map(messages.map((m) => [m.to, linkOf(m.text)!]));
  const tokens = [...new Set(tokenFor.values())];
  const app = createApp({ store: table.store, clock, org, log, outbox });
  return { ...table, org, staff, clock, outbox, log, wave, messages, tokens, tokenFor, app };
}

/** A complete, valid form for a wave's items: every answer the first option unless given. */
export function completeForm(items: { id: string; options: { value: number }[] }[], chosen: Record<string, number> = {}): Record<string, string> {
  return Object.fromEntries(items.map((item) => [`q_${item.id}`, String(chosen[item.id] ?? item.options[0]!.value)]));
}

/** POSTs a form as a browser does. */
export function postForm(app: { request: (path: string, init: RequestInit) => Response | Promise<Response> }, token: string, form: Record<string, string>) {
  return app.request(`/p/${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)' },
    body: new URLSearchParams(form).toString(),
  });
}
