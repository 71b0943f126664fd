import type { Locale } from '../../shared/domain/locale.js';
import { WORDS } from '../../shared/words/words.js';
import { Layout } from './layout.js';

/** Unsubscribe confirmation and result; a plain form, no script. */
export function UnsubscribePage(props: { locale: Locale; state: 'confirm' | 'done' }) {
  const t = WORDS[props.locale].unsubscribe;
  const title = props.state === 'confirm' ? t.confirmTitle : t.doneTitle;
  return (
    <Layout locale={props.locale} title={title}>
      <h1>{title}</h1>
      <p>{props.state === 'confirm' ? t.confirmBody : t.doneBody}</p>
      {props.state === 'confirm' && (
        <form method="post">
          <button type="submit">{t.button}</button>
        </form>
      )}
    </Layout>
  );
}
