import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { Locale } from '../../shared/domain/locale.js';
import { DASHBOARD_CSS, PAGE_CSS } from '../styles.js';

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
