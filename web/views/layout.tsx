import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { Locale } from '../../shared/domain/locale.js';
import { WORDS } from '../../shared/words/words.js';
import { DASHBOARD_CSS, PAGE_CSS } from '../styles.js';

/**
 * Who is asking, on every page a staff link opens: a link that arrives by text message looks
 * like any other, and the organization's name and the pulse's days say whose it is.
 */
export interface PageOrigin {
  orgName: string;
  /** The pulse's days as `pulseDays` (shared/domain/wave.ts) writes them; absent when the page does not know its pulse. */
  dates?: string | undefined;
}

export function Origin(props: PageOrigin & { locale: Locale }) {
  return (
    <p class="org">
      <strong>{props.orgName}</strong>
      {props.dates !== undefined && <span>{WORDS[props.locale].staffPage.pulseOf(props.dates)}</span>}
    </p>
  );
}

/**
 * The shell every page shares: no scripts, no third-party resources, one inline stylesheet.
 * The doctype keeps browsers out of quirks mode, where box sizes and tables lay out differently.
 */
export function Layout(props: { locale: Locale; title: string; children: Child; wide?: boolean }) {
  return (
    <>
      {raw('<!doctype html>')}
      <html lang={props.locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width,initial-scale=1" />
          <meta name="robots" content="noindex" />
          <title>{props.title}</title>
          <style dangerouslySetInnerHTML={{ __html: PAGE_CSS }} />
          {props.wide && <style dangerouslySetInnerHTML={{ __html: DASHBOARD_CSS }} />}
        </head>
        <body>
          <main class={props.wide ? 'wide' : undefined}>{props.children}</main>
        </body>
      </html>
    </>
  );
}
