import type { Locale } from './locale.js';
import type { Staff } from './staff.js';
import type { OutgoingMessage } from '../ports/messenger.js';

export interface InvitationContext {
  orgName: string;
  departmentName: string;
  link: string;
  closesOn: string;
  kind: 'invite' | 'reminder';
}

const copy: Record<Locale, (c: InvitationContext) => { subject: string; lead: string; sms: string; note: string }> = {
  en: (c) => ({
    subject: c.kind === 'invite' ? `${c.orgName}: 2-minute anonymous pulse` : `Reminder: ${c.orgName} 2-minute anonymous pulse`,
    lead:
      c.kind === 'invite'
        ? `How are workload and paperwork treating you in ${c.departmentName}? Four to six questions, under two minutes, open until ${c.closesOn}.`
        : `If you have already answered, thank you. If not, the pulse for ${c.departmentName} is open until ${c.closesOn}.`,
    sms: `${c.orgName} 2-minute anonymous pulse`,
    note: 'Your answers are anonymous: they are only counted into department totals, and no one, including the people who run this system, can see who said what. Leaders only see groups of several people.',
  }),
  es: (c) => ({
    subject: c.kind === 'invite' ? `${c.orgName}: encuesta anónima de 2 minutos` : `Recordatorio: encuesta anónima de 2 minutos de ${c.orgName}`,
    lead:
      c.kind === 'invite'
        ? `¿Cómo le afectan la carga de trabajo y el papeleo en ${c.departmentName}? De cuatro a seis preguntas, menos de dos minutos, abierta hasta el ${c.closesOn}.`
        : `Si ya respondió, gracias. Si no, la encuesta de ${c.departmentName} está abierta hasta el ${c.closesOn}.`,
    sms: `${c.orgName} encuesta anónima de 2 min`,
    note: 'Sus respuestas son anónimas: solo se suman a los totales del departamento y nadie, ni siquiera quienes administran este sistema, puede ver quién respondió qué. Los líderes solo ven grupos de varias personas.',
  }),
};

const stop: Record<Locale, string> = { en: 'Reply STOP to opt out', es: 'Responda STOP para no recibir más' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** The messages one staff member gets for a wave, one per channel they chose. */
export function invitationMessages(staff: Staff, context: InvitationContext): OutgoingMessage[] {
  const text = copy[staff.locale](context);
  const messages: OutgoingMessage[] = [];
  if ((staff.channel === 'email' || staff.channel === 'both') && staff.email) {
    const button = staff.locale === 'es' ? 'Responder ahora' : 'Answer now';
    messages.push({
      channel: 'email',
      to: staff.email,
      subject: text.subject,
      text: `${text.lead}\n\n${context.link}\n\n${text.note}\n`,
      html:
        `<!doctype html><html lang="${staff.locale}"><body style="font-family:Arial,sans-serif;color:#1a1a1a;line-height:1.5">` +
        `<p>${escapeHtml(text.lead)}</p>` +
        `<p><a href="${escapeHtml(context.link)}" style="display:inline-block;background:#0b5cad;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold">${button}</a></p>` +
        `<p style="font-size:14px;color:#444">${escapeHtml(text.note)}</p></body></html>`,
    });
  }
  if ((staff.channel === 'sms' || staff.channel === 'both') && staff.phone) {
    messages.push({ channel: 'sms', to: staff.phone, text: `${text.sms}: ${context.link} ${stop[staff.locale]}` });
  }
  return messages;
}
