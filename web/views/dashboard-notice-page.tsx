import type { Locale } from '../../shared/domain/locale.js';
import type { DashboardNotice } from '../../shared/words/shape.js';
import { WORDS } from '../../shared/words/words.js';
import { Layout } from './layout.js';

/** What a dashboard link shows when it shows no figures, in the leader's language when known. */
export function DashboardNoticePage(props: { kind: DashboardNotice; locale: Locale; leaderName?: string }) {
  const { title, body } = WORDS[props.locale].leader.notice[props.kind];
  return (
    <Layout locale={props.locale} title={title}>
      <h1>{title}</h1>
      <p>{body(props.leaderName ?? '')}</p>
    </Layout>
  );
}
