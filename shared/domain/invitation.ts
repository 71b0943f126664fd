import type { OutgoingMessage } from './outgoing-message.js';
import type { ActionStatus } from './action-news.js';
import type { NewsLine } from './actions.js';
import type { Locale } from './locale.js';
import { composeSms } from './sms.js';

export interface InvitationContext {
  orgName: string;
  /** Name used in SMS, where every character counts. */
  shortName: string;
  departmentName: string;
  link: string;
  unsubscribeUrl: string | undefined;
  closesOn: string;
  kind: 'invite' | 'reminder';
  /** "You said, we did": actions for the person's department and those above it, in their language. */
  news?: readonly NewsLine[];
}

interface Copy {
  subject: string;
  lead: string;
  button: string;
  note: string;
  unsubscribe: string;
  smsLead: string;
  smsFooter: string;
  newsTitle: string;
  newsStatus: Record<ActionStatus, string>;
}

const copy: Record<Locale, (c: InvitationContext) => Copy> = {
  en: (c) => ({
    subject: c.kind === 'invite' ? `${c.orgName}: 2-minute anonymous pulse` : `Reminder: ${c.orgName} 2-minute anonymous pulse`,
    lead:
      c.kind === 'invite'
        ? `How are workload and paperwork treating you in ${c.departmentName}? Four to six questions, under two minutes, open until ${c.closesOn}.`
        : `If you have already answered, thank you: there is nothing more to do. If not, the pulse for ${c.departmentName} is open until ${c.closesOn}.`,
    button: 'Answer now',
    note: 'Your answers are anonymous: they are only counted into group totals, and no one, including the people who run this system, can see who said what. Leaders only see groups of several people.',
    unsubscribe: 'Stop these emails',
    smsLead: c.kind === 'invite' ? `${c.shortName} 2-minute anonymous pulse` : `${c.shortName} pulse reminder (if you answered, thanks!)`,
    smsFooter: 'Reply STOP to opt out',
    newsTitle: 'You said, we did. Since the last pulse, your leaders logged:',
    newsStatus: { planned: 'planned', 'in-progress': 'under way', done: 'done' },
  }),
  es: (c) => ({
    subject: c.kind === 'invite' ? `${c.orgName}: encuesta anónima de 2 minutos` : `Recordatorio: encuesta anónima de 2 minutos de ${c.orgName}`,
    lead:
      c.kind === 'invite'
        ? `¿Cómo le afectan la carga de trabajo y el papeleo en ${c.departmentName}? De cuatro a seis preguntas, menos de dos minutos, abierta hasta el ${c.closesOn}.`
        : `Si ya respondió, gracias: no tiene que hacer nada más. Si no, la encuesta de ${c.departmentName} está abierta hasta el ${c.closesOn}.`,
    button: 'Responder ahora',
    note: 'Sus respuestas son anónimas: solo se suman a los totales del grupo y nadie, ni siquiera quienes administran este sistema, puede ver quién respondió qué. Los líderes solo ven grupos de varias personas.',
    unsubscribe: 'No recibir más estos correos',
    smsLead: c.kind === 'invite' ? `${c.shortName} encuesta anónima de 2 min` : `${c.shortName} recordatorio de encuesta (si ya respondió, ¡gracias!)`,
    smsFooter: 'Responda STOP para no recibir más',
    newsTitle: 'Ustedes nos dijeron, y esto hicimos. Desde la última encuesta, sus líderes registraron:',
    newsStatus: { planned: 'planeada', 'in-progress': 'en curso', done: 'hecha' },
  }),
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** The email for one person and wave: HTML with inline styles (email clients drop <style>) and plain text. */
export function invitationEmail(to: string, locale: Locale, context: InvitationContext): OutgoingMessage {
  const text = copy[locale](context);
  const unsubscribeText = context.unsubscribeUrl ? `\n\n${text.unsubscribe}: ${context.unsubscribeUrl}\n` : '\n';
  const news = context.news ?? [];
  const newsLine = (item: (typeof news)[number]) => `${item.title} (${item.departmentName}): ${text.newsStatus[item.status]}`;
  const newsText = news.length > 0 ? `${text.newsTitle}\n${news.map((item) => `- ${newsLine(item)}`).join('\n')}\n\n` : '';
  const newsHtml =
    news.length > 0
      ? `<p style="margin:0 0 4px;font-weight:bold">${escapeHtml(text.newsTitle)}</p><ul style="margin:0 0 16px;padding-left:20px">${news.map((item) => `<li>${escapeHtml(newsLine(item))}</li>`).join('')}</ul>`
      : '';
  return {
    channel: 'email',
    to,
    subject: text.subject,
    text: `${text.lead}\n\n${context.link}\n\n${newsText}${text.note}${unsubscribeText}`,
    html:
      `<!doctype html><html lang="${locale}"><body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;color:#1b1f24;line-height:1.5;font-size:16px">` +
      `<p style="margin:0 0 16px">${escapeHtml(text.lead)}</p>` +
      `<p style="margin:0 0 24px"><a href="${escapeHtml(context.link)}" style="display:inline-block;background:#0b5cad;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold">${escapeHtml(text.button)}</a></p>` +
      newsHtml +
      `<p style="margin:0 0 16px;font-size:14px;color:#41505f">${escapeHtml(text.note)}</p>` +
      (context.unsubscribeUrl ? `<p style="margin:0;font-size:12px;color:#41505f"><a href="${escapeHtml(context.unsubscribeUrl)}" style="color:#41505f">${escapeHtml(text.unsubscribe)}</a></p>` : '') +
      `</body></html>`,
    ...(context.unsubscribeUrl ? { unsubscribeUrl: context.unsubscribeUrl } : {}),
  };
}

/** The SMS for one person and wave: one GSM-7 segment, link and STOP footer intact. */
export function invitationSms(to: string, locale: Locale, context: InvitationContext): OutgoingMessage {
  const text = copy[locale](context);
  return { channel: 'sms', to, text: composeSms(text.smsLead, context.link, text.smsFooter) };
}
