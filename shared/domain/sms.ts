/**
 * SMS bodies must stay within one 160-character GSM-7 segment: longer or non-GSM text is
 * split into several billed parts (UCS-2 parts hold only 70 characters).
 */
const GSM7_BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Characters that take two septets (escape + char). */
const GSM7_EXTENDED = '^{}\\[~]|€';

export const SMS_SEGMENT_LIMIT = 160;

/** Length in GSM-7 septets, or undefined if the text has a character GSM-7 lacks. */
export function gsm7Length(text: string): number | undefined {
  let length = 0;
  for (const ch of text) {
    if (GSM7_BASIC.includes(ch)) length += 1;
    else if (GSM7_EXTENDED.includes(ch)) length += 2;
    else return undefined;
  }
  return length;
}

/**
 * Rewrites text into GSM-7: accents GSM-7 lacks are dropped ("anónima" -> "anonima"),
 * typographic quotes and dashes become plain ones, and anything else becomes "?".
 */
export function toGsm7(text: string): string {
  let out = '';
  for (const ch of text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/[–—]/g, '-')) {
    if (gsm7Length(ch) !== undefined) out += ch;
    else {
      const plain = ch.normalize('NFD').replace(/\p{M}/gu, '');
      out += gsm7Length(plain) !== undefined ? plain : '?';
    }
  }
  return out;
}

/**
 * Builds `<lead>: <link> <footer>` within one segment, shortening only the lead (the org
 * name part) when it must: the link and the opt-out footer are never cut.
 */
export function composeSms(lead: string, link: string, footer: string): string {
  const tail = toGsm7(`: ${link} ${footer}`);
  const room = SMS_SEGMENT_LIMIT - (gsm7Length(tail) ?? SMS_SEGMENT_LIMIT);
  let head = toGsm7(lead);
  while ((gsm7Length(head) ?? 0) > room && head.length > 0) head = head.slice(0, -1);
  return `${head.trimEnd()}${tail}`;
}
