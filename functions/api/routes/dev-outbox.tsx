import { Hono } from 'hono/quick';
import type { FileOutbox } from '../../../shared/adapters/outbox.js';
import { Layout } from '../../../web/views/layout.js';
import type { AppEnv } from '../app-env.js';

/**
 * GET /dev/outbox, local platform only: what SES and SNS would have sent. JSON for
 * scripts (`Accept: application/json`), a page with clickable links for people.
 */
export function devOutboxRoutes(outbox: FileOutbox) {
  const routes = new Hono<AppEnv>();
  routes.get('/', async (c) => {
    const entries = await outbox.list();
    if (c.req.header('accept')?.includes('application/json')) return c.json(entries);
    const newestFirst = [...entries].reverse();
    return c.html(
      <Layout locale="en" title="Local outbox">
        <h1>Local outbox</h1>
        <p class="note">{entries.length} messages. On AWS these go out through SES (email) and SNS (SMS).</p>
        {newestFirst.map((entry) => (
          <fieldset>
            <legend>
              {entry.channel === 'email' ? 'Email' : 'SMS'} to {entry.to}
              {entry.subject ? `: ${entry.subject}` : ''}
            </legend>
            <p class="note">{entry.sentAt}</p>
            <p>{entry.text.split(/(https?:\/\/\S+)/).map((part) => (/^https?:\/\//.test(part) ? <a href={part}>{part}</a> : part))}</p>
          </fieldset>
        ))}
      </Layout>,
    );
  });
  return routes;
}
