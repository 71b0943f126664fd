import type { MessageKind, OutgoingMessage } from './outgoing-message.js';
import type { NewsLine } from './actions.js';
import type { Locale } from './locale.js';
import { composeSms } from './sms.js';
import type { InvitationFacts } from '../words/shape.js';
import { WORDS } from '../words/words.js';

export interface InvitationContext extends InvitationFacts {
  link: string;
  unsubscribeUrl: string | undefined;
  /** "You said, we did": actions for the person's department and those above it, in their language. */
  news?: readonly NewsLine[];
}

/** A wave's first message invites; a later one for the same wave reminds. */
function messageKind(context: InvitationContext): MessageKind {
  return context.kind === 'reminder' ? 'reminder' : 'invitation';
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** The email for one person and wave: HTML with inline styles (email clients drop <style>) and plain text. */
export function invitationEmail(to: string, locale: Locale, context: InvitationContext): OutgoingMessage {
  const text = WORDS[locale].invitation(context);
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
    kind: messageKind(context),
    to,
    subject: text.subject,
    text: `${text.lead}\n\n${context.link}\n\n${newsText}${text.note}${unsubscribeText}`,
    html:
      `<!doctype html><html lang="${locale}"><body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;color:#1b1f24;line-height:1.5;font-size:16px">` +
      `<p style="margin:0 0 16px">${escapeHtml(text.lead)}</p>` +
      `<p style="margin:0 0 24px"><a href="${escapeHtml(context.link)}" style="display:inline-block;background:#0b5cad;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold">${escapeHtml(text.button)}</a></p>` +
      newsHtml +
      `<p style="margin:0 0 16px;font-size:14px;color:#41505f">${escapeHtml(text.note)}</p>` +
      (context.unsubscribeUrl
        ? `<p style="margin:0;font-size:12px;color:#41505f"><a href="${escapeHtml(context.unsubscribeUrl)}" style="color:#41505f">${escapeHtml(text.unsubscribe)}</a></p>`
        : '') +
      `</body></html>`,
    ...(context.unsubscribeUrl ? { unsubscribeUrl: context.unsubscribeUrl } : {}),
  };
}

/** The SMS for one person and wave: one GSM-7 segment, link and STOP footer intact. */
export function invitationSms(to: string, locale: Locale, context: InvitationContext): OutgoingMessage {
  const text = WORDS[locale].invitation(context);
  return { channel: 'sms', kind: messageKind(context), to, text: composeSms(text.smsLead, context.link, text.smsFooter) };
}
