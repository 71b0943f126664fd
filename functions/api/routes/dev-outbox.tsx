import type { Context } from 'hono';
import { Hono } from 'hono/quick';
// zod/mini, and the outbox by type only: the API's Lambda bundle carries this module too
// (it never mounts it), and the full zod and the file adapter added 60 KB to it.
import * as z from 'zod/mini';
import type { FileOutbox, OutboxEntry } from '../../../shared/adapters/outbox.js';
import { MESSAGE_KINDS } from '../../../shared/domain/outgoing-message.js';
import { Layout } from '../../../web/views/layout.js';
import type { AppEnv } from '../app-env.js';

/** Where the app mounts these routes; links and the form point here. */
const OUTBOX_PATH = '/dev/outbox';

/**
 * The newest matching messages a page shows: a demo year holds hundreds, and past this many a
 * developer narrows the filters rather than scrolls. The JSON is never cut: scripts count on all.
 */
export const OUTBOX_PAGE_SIZE = 200;

/** What a message without a kind (written before messages said) is filtered and shown as. */
const UNKNOWN_KIND = 'unknown';
const KIND_FILTERS = [...MESSAGE_KINDS, UNKNOWN_KIND] as const;
type KindFilter = (typeof KIND_FILTERS)[number];

const KIND_NAMES: Record<KindFilter, string> = {
  invitation: 'Invitation',
  reminder: 'Reminder',
  digest: 'Digest',
  [UNKNOWN_KIND]: 'Kind unknown (an older message)',
};
const CHANNEL_NAMES = { email: 'Email', sms: 'SMS' } as const;

/** A field left empty in the form means "any", as a missing one does. */
const emptyIsAny = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const filterSchema = z.object({
  to: z.optional(z.string().check(z.trim(), z.maxLength(320, 'at most 320 characters'))),
  kind: z.optional(z.enum(KIND_FILTERS, { error: `a kind is one of ${KIND_FILTERS.join(', ')}` })),
  channel: z.optional(z.enum(['email', 'sms'], { error: 'a channel is email or sms' })),
});
type OutboxFilter = z.infer<typeof filterSchema>;
/** The query with each field left empty dropped: empty means "any", as missing does. */
const givenFilters = (query: Record<string, string>) =>
  Object.fromEntries(Object.entries(query).flatMap(([name, value]) => (emptyIsAny(value) === undefined ? [] : [[name, value]])));

const outboxIdSchema = z.string().check(z.maxLength(64), z.regex(/^[0-9a-z-]+$/, 'an outbox id is lowercase letters, digits and dashes'));
const detailQuerySchema = z.object({ raw: z.optional(z.literal('html')) });

/**
 * The digest's own inline styles must apply inside the srcdoc frame, which inherits this
 * page's policy, and a hash cannot allow style attributes. Nothing may run: no script source,
 * and the frame is sandboxed without allow-scripts.
 */
const DETAIL_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
/** The HTML alone, opened as a page of its own: sandboxed as the frame is, so it runs nothing either. */
const RAW_HTML_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'";

const kindOf = (entry: OutboxEntry): KindFilter => entry.kind ?? UNKNOWN_KIND;

function matches(entry: OutboxEntry, filter: OutboxFilter): boolean {
  if (filter.to && !entry.to.toLowerCase().includes(filter.to.toLowerCase())) return false;
  if (filter.kind && kindOf(entry) !== filter.kind) return false;
  return !filter.channel || entry.channel === filter.channel;
}

const wantsJson = (c: Context<AppEnv>) => c.req.header('accept')?.includes('application/json') ?? false;

/**
 * GET /dev/outbox, local platform only: what SES and SNS would have sent, filtered by
 * recipient, kind and channel. JSON for scripts (`Accept: application/json`), pages for people:
 * the newest messages, and each message as its recipient would see it.
 */
export function devOutboxRoutes(outbox: FileOutbox) {
  const routes = new Hono<AppEnv>();

  routes.get('/', async (c) => {
    const parsed = filterSchema.safeParse(givenFilters(c.req.query()));
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
      if (wantsJson(c)) return c.json({ error: problems.join('; ') }, 400);
      return c.html(<ProblemPage title="Filters not understood" problems={problems} />, 400);
    }
    const filter = parsed.data;
    const entries = await outbox.list();
    const matching = entries.filter((entry) => matches(entry, filter));
    if (wantsJson(c)) return c.json(matching);
    const shown = matching.slice(-OUTBOX_PAGE_SIZE).reverse();
    const kinds = filter.kind === UNKNOWN_KIND || entries.some((entry) => !entry.kind) ? KIND_FILTERS : MESSAGE_KINDS;
    return c.html(
      <Layout locale="en" title="Local outbox" wide>
        <h1>Local outbox</h1>
        <p class="note">On AWS these go out through SES (email) and SNS (SMS). Newest first.</p>
        <FilterForm filter={filter} kinds={kinds} />
        <p>
          <strong>
            {matching.length} of {entries.length} messages
          </strong>
          {matching.length > shown.length && `. The newest ${shown.length} are shown: narrow the filters to find older ones.`}
        </p>
        {shown.length > 0 && (
          <ol class="outbox-list">
            {shown.map((entry) => (
              <li>
                <h2>
                  <a href={`${OUTBOX_PATH}/${entry.id}`}>{entry.subject ?? `SMS to ${entry.to}`}</a>
                </h2>
                <p class="note">
                  {CHANNEL_NAMES[entry.channel]} · {KIND_NAMES[kindOf(entry)]} · to {entry.to} · <time datetime={entry.sentAt}>{entry.sentAt}</time>
                </p>
                <p>
                  <Linked text={entry.text} />
                </p>
              </li>
            ))}
          </ol>
        )}
      </Layout>,
    );
  });

  routes.get('/:id', async (c) => {
    const id = outboxIdSchema.safeParse(c.req.param('id'));
    if (!id.success) {
      return notFound(
        c,
        `"${c.req.param('id').slice(0, 80)}" is not an outbox message id: ids are up to 64 lowercase letters, digits and dashes, as in the outbox's links.`,
      );
    }
    const query = detailQuerySchema.safeParse(c.req.query());
    if (!query.success) {
      const problem = 'raw: the only raw view is ?raw=html, the email’s HTML alone.';
      return wantsJson(c) ? c.json({ error: problem }, 400) : c.html(<ProblemPage title="View not understood" problems={[problem]} />, 400);
    }
    const entry = await outbox.get(id.data);
    if (!entry) return notFound(c, `No message with the id ${id.data} is in the outbox: it may have been cleared, or the link cut short.`);
    if (query.data.raw === 'html') {
      if (entry.html === undefined)
        return notFound(c, `Message ${entry.id} is ${entry.channel === 'sms' ? 'an SMS' : 'an email without HTML'}: it has no HTML to show.`);
      c.header('Content-Security-Policy', RAW_HTML_CSP);
      return c.html(entry.html);
    }
    if (wantsJson(c)) return c.json(entry);
    c.header('Content-Security-Policy', DETAIL_CSP);
    return c.html(<MessagePage entry={entry} />);
  });

  return routes;
}

function notFound(c: Context<AppEnv>, problem: string) {
  if (wantsJson(c)) return c.json({ error: problem }, 404);
  return c.html(<ProblemPage title="Message not found" problems={[problem]} />, 404);
}

function FilterForm(props: { filter: OutboxFilter; kinds: readonly KindFilter[] }) {
  const { filter } = props;
  const filtered = Boolean(filter.to || filter.kind || filter.channel);
  return (
    <form method="get" action={OUTBOX_PATH} class="inline" role="search" aria-label="Filter messages">
      <label>
        Recipient contains
        <input type="text" name="to" value={filter.to ?? ''} autocomplete="off" spellcheck={false} />
      </label>
      <label>
        Kind
        <select name="kind">
          <option value="">Any kind</option>
          {props.kinds.map((kind) => (
            <option value={kind} selected={filter.kind === kind}>
              {KIND_NAMES[kind]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Channel
        <select name="channel">
          <option value="">Any channel</option>
          {(['email', 'sms'] as const).map((channel) => (
            <option value={channel} selected={filter.channel === channel}>
              {CHANNEL_NAMES[channel]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">Filter</button>
      {filtered && <a href={OUTBOX_PATH}>Show all messages</a>}
    </form>
  );
}

function MessagePage(props: { entry: OutboxEntry }) {
  const { entry } = props;
  const heading = entry.subject ?? `SMS to ${entry.to}`;
  return (
    <Layout locale="en" title={`${heading} (local outbox)`} wide>
      <p>
        <a href={OUTBOX_PATH}>Back to the outbox</a>
      </p>
      <h1>{heading}</h1>
      <dl class="outbox-meta">
        {entry.subject !== undefined && (
          <>
            <dt>Subject</dt>
            <dd>{entry.subject}</dd>
          </>
        )}
        <dt>To</dt>
        <dd>{entry.to}</dd>
        <dt>Kind</dt>
        <dd>{KIND_NAMES[kindOf(entry)]}</dd>
        <dt>Channel</dt>
        <dd>{CHANNEL_NAMES[entry.channel]}</dd>
        <dt>Sent at</dt>
        <dd>
          <time datetime={entry.sentAt}>{entry.sentAt}</time>
        </dd>
      </dl>
      {entry.html !== undefined && (
        <section aria-labelledby="as-sent">
          <h2 id="as-sent">As the recipient sees it</h2>
          <p class="note">
            Sandboxed: nothing in it runs, and its links stay inside the frame; click them in the text version below, or{' '}
            <a href={`${OUTBOX_PATH}/${entry.id}?raw=html`}>open the HTML alone</a>.
          </p>
          <iframe class="outbox-frame" title={`The email as sent: ${heading}`} sandbox="" srcdoc={entry.html} />
        </section>
      )}
      <section aria-labelledby="as-text">
        <h2 id="as-text">{entry.channel === 'email' ? 'Text version' : 'Text'}</h2>
        <pre class="outbox-text">
          <Linked text={entry.text} />
        </pre>
      </section>
    </Layout>
  );
}

function ProblemPage(props: { title: string; problems: string[] }) {
  return (
    <Layout locale="en" title={`${props.title} (local outbox)`} wide>
      <h1>{props.title}</h1>
      <div class="summary" role="alert">
        {props.problems.map((problem) => (
          <p>{problem}</p>
        ))}
      </div>
      <p>
        <a href={OUTBOX_PATH}>Back to the outbox</a>
      </p>
    </Layout>
  );
}

/** A message's text with its links clickable, so a developer can follow a pulse or dashboard link. */
function Linked(props: { text: string }) {
  return <>{props.text.split(/(https?:\/\/\S+)/).map((part) => (/^https?:\/\//.test(part) ? <a href={part}>{part}</a> : part))}</>;
}
