import type { Locale } from '../../shared/domain/locale.js';
import { Layout } from './layout.js';

const text = {
  en: {
    confirmTitle: 'Stop pulse emails?',
    confirmBody: 'You will no longer get pulse invitations by email. If you also get them by text message, reply STOP to a text to stop those.',
    button: 'Stop pulse emails',
    doneTitle: 'You will get no more pulse emails',
    doneBody: 'This takes effect from the next message. To get them again, ask your administrator.',
  },
  es: {
    confirmTitle: '¿Dejar de recibir correos de la encuesta?',
    confirmBody: 'Ya no recibirá invitaciones a la encuesta por correo. Si también las recibe por mensaje de texto, responda STOP a un mensaje para detenerlas.',
    button: 'Dejar de recibir correos',
    doneTitle: 'No recibirá más correos de la encuesta',
    doneBody: 'El cambio se aplica desde el próximo mensaje. Para volver a recibirlos, pida ayuda a su administrador.',
  },
} satisfies Record<Locale, Record<string, string>>;

/** Unsubscribe confirmation and result; a plain form, no script. */
export function UnsubscribePage(props: { locale: Locale; state: 'confirm' | 'done' }) {
  const t = text[props.locale];
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
