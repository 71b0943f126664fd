import { it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadOrgConfig } from '../../shared/config.js';
import { runAlerts } from '../../shared/use-cases/run-alerts.js';
import { copySeededDemoYear } from '../support/seeded-demo.js';
import { testPlatform } from '../support/scenario.js';

it('dumps', async () => {
  const org = await loadOrgConfig('orgs/demo.json');
  const p = await testPlatform({ org, staff: [] });
  await copySeededDemoYear(p, org);
  await runAlerts({ ...p.stores, messenger: p.outbox, clock: p.clock, org, log: p.log, baseUrl: 'BASE' });
  mkdirSync('/tmp/dump', { recursive: true });
  for (const m of await p.outbox.list()) {
    if (!m.subject) continue;
    const who = m.to.split('@')[0];
    writeFileSync(`/tmp/dump/${who}.txt`, `${m.subject}\n\n${m.text}`);
    const link = /BASE(\/d\/\S+)/.exec(m.text)?.[1];
    if (link) writeFileSync(`/tmp/dump/${who}.dash.html`, await (await p.app.request(link)).text());
  }
  await p.drop();
}, 300_000);
