import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as lexicon from '../../shared/domain/comment-lexicon.js';
import { COMMENT_MAX_CHARS, commentThemes, mentionsCrisis, normalizeComment, prepareComment, scrubComment } from '../../shared/domain/comment-text.js';

/**
 * Staff's free-text comment: what a leader will read of it, and what the writer is shown.
 * A comment is scrubbed, not made anonymous; these tests hold the claims the module's own
 * comment makes (and docs/privacy.md repeats) about what is caught and what is not.
 */

describe('normalizeComment', () => {
  it('collapses spaces and keeps paragraphs apart by one line break', () => {
    expect(normalizeComment('  Too   many\tpatients.\r\n\r\n\n  Not enough   staff.  ')).toBe('Too many patients.\nNot enough staff.');
  });

  it('removes control, zero-width and bidi characters, so nothing hides in or reorders the text', () => {
    expect(normalizeComment('Sta\u200Bffing\u0007 is \u202Ebad\u202C\u2066!\u2069\uFEFF')).toBe('Staffing is bad!');
  });

  it('composes accents and keeps an emoji built with joiners whole', () => {
    expect(normalizeComment('Documentacio\u0301n 👩‍⚕️')).toBe('Documentación 👩‍⚕️');
  });

  it('returns nothing for a comment of spaces and invisible characters', () => {
    expect(normalizeComment(' \n\t\u200B\u00A0 ')).toBe('');
  });

  it('reads digits of other scripts as digits, so a full-width phone number is still found', () => {
    expect(scrubComment(normalizeComment('call ５５５１２３４５６７')).text).toBe('call [phone]');
  });
});

describe('scrubComment', () => {
  it('takes an email, a phone number, a record number, a date and a name out of an English comment and keeps the rest', () => {
    const typed =
      'Charge nurse Karen Whitfield yelled at me again on 03/14/2026. Call me at (555) 123-4567 or jane.doe@example.org; ' +
      'patient MRN 00123456 was involved. Staffing is bad, 12 hours without a break.';
    expect(scrubComment(typed)).toEqual({
      text:
        'Charge nurse [name] yelled at me again on [date]. Call me at [phone] or [email]; patient MRN [number] was involved. ' +
        'Staffing is bad, 12 hours without a break.',
      removed: ['email', 'phone', 'record-number', 'date', 'name'],
    });
  });

  it('does the same for a Spanish comment, link included', () => {
    const typed =
      'El 14 de marzo la enfermera María José Fernández me gritó delante de todos. Llámame al +34 612 345 678 o escribe a ' +
      'ana.lopez@hospital.es, ver www.hospital.es/quejas. Expediente 4455667. Falta de personal en Urgencias todos los lunes.';
    expect(scrubComment(typed)).toEqual({
      text:
        'El [date] la enfermera [name] me gritó delante de todos. Llámame al [phone] o escribe a [email], ver [link]. ' +
        'Expediente [number]. Falta de personal en Urgencias todos los lunes.',
      removed: ['email', 'phone', 'url', 'record-number', 'date', 'name'],
    });
  });

  it.each([
    'Staffing is bad.',
    'We work 12 hours with 2 nurses.',
    'I chart 3 to 5 hours after my shift.',
    'We need a 1:4 ratio in the ICU.',
    'Epic crashes every Monday and I lose my notes.',
    'Census was up 15% on Tuesday, pain scores 8/10 and nobody cares 24/7.',
    'Shifts are 0700-1900, half of us (1/2) do 3.5 hours of overtime in 2025.',
    'Code Blue twice on 4 West; the CNO and Press Ganey scores came up at the Town Hall.',
    'The EHR, the ER and HR: I have had COVID twice.',
    'En Urgencias somos 2 enfermeras para 20 pacientes los lunes y en marzo.',
    'Nurse Appreciation Week was a joke.',
    'Staffing Is Terrible On Nights And Weekends Again',
  ])('keeps an ordinary comment as it is: %s', (text) => {
    expect(scrubComment(text)).toEqual({ text, removed: [] });
  });

  it.each([
    '555-123-4567',
    '(555) 123 4567',
    '+1 555 123 4567',
    '5551234567',
    '555.123.4567 ext. 89',
    '1-800-555-0142',
    '+44 20 7946 0958',
    '+52 55 1234 5678',
  ])('removes the phone number %s', (phone) => {
    expect(scrubComment(`Call ${phone} tonight`)).toEqual({ text: 'Call [phone] tonight', removed: ['phone'] });
  });

  it('removes an extension or pager number written after its word', () => {
    expect(scrubComment('Call x4455 or pager 5566').text).toBe('Call [phone] or pager [phone]');
  });

  it.each(['https://example.org/a?b=1', 'http://intranet/x', 'www.example.com', 'example.com/path', 'intranet.hospital.org'])('removes the link %s', (link) => {
    expect(scrubComment(`See ${link}.`)).toEqual({ text: 'See [link].', removed: ['url'] });
  });

  it('removes an email address, also one spelled out', () => {
    expect(scrubComment('Write jane.doe@example.org or juan arroba hospital punto mx or jane @ example.org').text).toBe('Write [email] or [email] or [email]');
  });

  it.each([
    ['MRN 00123456', 'MRN [number]'],
    ['A12-345678', '[number]'],
    ['#4455667', '[number]'],
    ['acct 1234', 'acct [number]'],
    ['patient ID 1234', 'patient ID [number]'],
    ['número de cuenta 12345678', 'número de cuenta [number]'],
    ['historia clínica 123456', 'historia clínica [number]'],
  ])('removes the record number in %s', (typed, kept) => {
    expect(scrubComment(typed)).toEqual({ text: kept, removed: ['record-number'] });
  });

  it.each([
    ['3/14', '[date]'],
    ['03/14/2026', '[date]'],
    ['2026-03-14', '[date]'],
    ['March 14', '[date]'],
    ['Mar 14th', '[date]'],
    ['14 de marzo', '[date]'],
    ['el 14/3', 'el [date]'],
    ['on 3/4', 'on [date]'],
    ['started in June 2025', 'started in [date]'],
  ])('removes the date in %s', (typed, kept) => {
    expect(scrubComment(typed)).toEqual({ text: kept, removed: ['date'] });
  });

  it.each([
    ['I talked to Maria Lopez about it', 'I talked to [name] about it'],
    ['Karen Whitfield said no', '[name] said no'],
    ['then Brynn Okonkwo said no', 'then [name] said no'],
    ['Dr. Okonkwo and Sra. Quispe were kind', 'Dr. [name] and Sra. [name] were kind'],
    ['the nurse maria helped', 'the nurse [name] helped'],
    ['¿Dónde está el jefe García?', '¿Dónde está el jefe [name]?'],
    ['María de la Torre covered for me', '[name] covered for me'],
    ["Smith's patients", "[name]'s patients"],
    ['MARIA LOPEZ NEVER HELPS', '[name] NEVER HELPS'],
  ])('removes the name in %s', (typed, kept) => {
    expect(scrubComment(typed)).toEqual({ text: kept, removed: ['name'] });
  });

  it.each([
    ['a name in lower case outside the list, after no title', 'I told whitfield twice'],
    ['an unusual name standing alone', 'I told Zoltan twice'],
    ['a description that fits one person', 'the only night pharmacist quit'],
  ])('misses, as its comment says, %s', (_what, text) => {
    expect(scrubComment(text).text).toBe(text);
  });
});

describe('commentThemes', () => {
  it.each([
    ['Charting in Epic takes forever, too many clicks and my inbox is full', 'emr'],
    ['La documentación nos quita horas', 'emr'],
    ['We are short-staffed and the ratio is impossible', 'staffing'],
    ['Falta de personal y mucha carga de trabajo', 'staffing'],
    ['My schedule changes weekly and overtime is mandatory on most shifts', 'scheduling'],
    ['El horario y los turnos cambian sin aviso', 'scheduling'],
    ['My manager never listens and leadership is absent, the supervisor too', 'leadership'],
    ['El jefe no escucha y la gerencia tampoco', 'leadership'],
    ['A visitor yelled at me; violence and abuse are daily and it is unsafe', 'safety'],
    ['Sufrí una agresión y no hay seguridad', 'safety'],
    ['My team and coworkers are great but there is no recognition', 'connection'],
    ['Mis compañeros y el equipo me dan apoyo', 'connection'],
  ] as const)('finds the theme of "%s"', (text, theme) => {
    expect(commentThemes(text)).toEqual([theme]);
  });

  it('finds several themes, in their fixed order', () => {
    expect(commentThemes('Short-staffed again, my manager yelled at me and Epic froze')).toEqual(['emr', 'staffing', 'leadership', 'safety']);
  });

  it('ignores case and accents, and matches whole words only', () => {
    expect(commentThemes('DOCUMENTACION')).toEqual(['emr']);
    expect(commentThemes('I managed to get steam out of the sterilizer')).toEqual([]);
    expect(commentThemes('Nothing to add today.')).toEqual([]);
  });

  it('does not call every mention of a shift a scheduling comment', () => {
    expect(commentThemes('Charting after my shift eats an hour most days.')).toEqual(['emr']);
    expect(commentThemes('Los horarios cambian cada semana y hay cambio de turno sin aviso.')).toEqual(['scheduling']);
    expect(commentThemes('Shift swaps need a manager to sign off.')).toEqual(['scheduling', 'leadership']);
  });
});

describe('mentionsCrisis', () => {
  it.each([
    'I want to kill myself',
    "I don't want to be here anymore",
    'I dont want to be here anymore',
    'I don’t want to be here anymore',
    'I have been feeling suicidal',
    'I want to end my life',
    "I can't go on like this",
    'Sometimes I want to die',
    'I think about hurting myself',
    'There is no reason to live',
    'pienso en el suicidio',
    'a veces pienso en quitarme la vida',
    'No quiero vivir así',
    'Quiero morirme',
    'Ya no puedo más',
    'Quiero hacerme daño',
  ])('finds "%s"', (text) => {
    expect(mentionsCrisis(text)).toBe(true);
  });

  it.each([
    'I am dying to get a day off',
    'This schedule is killing me',
    'Patient suicide risk assessment takes forever',
    'Voy a matarme trabajando este mes',
    'Mi razón para vivir son mis hijos',
    'Short-staffed again',
  ])('does not find a crisis in "%s"', (text) => {
    expect(mentionsCrisis(text)).toBe(false);
  });

  it('sees through invisible characters', () => {
    expect(mentionsCrisis('sui\u200Bcide')).toBe(true);
  });
});

describe('prepareComment', () => {
  it('accepts no comment at all', () => {
    for (const nothing of [undefined, null, '', '  \n ']) expect(prepareComment(nothing)).toEqual({ ok: true, crisis: false });
  });

  it('refuses anything that is not one string', () => {
    for (const notText of [42, ['a', 'b'], { text: 'a' }, true]) expect(prepareComment(notText)).toEqual({ ok: false, problem: 'not-text', crisis: false });
  });

  it('counts length in characters as the writer sees them: 500 emoji pass, 501 do not', () => {
    const emoji = '😩'.repeat(COMMENT_MAX_CHARS);
    expect(emoji.length).toBe(2 * COMMENT_MAX_CHARS);
    expect(prepareComment(emoji)).toEqual({ ok: true, crisis: false, comment: { text: emoji, themes: [], removed: [] } });
    expect(prepareComment(`${emoji}😩`)).toEqual({ ok: false, problem: 'too-long', crisis: false });
    expect(prepareComment(`  ${'a'.repeat(COMMENT_MAX_CHARS)}\n\n`).ok).toBe(true);
    expect(prepareComment('a'.repeat(COMMENT_MAX_CHARS + 1))).toEqual({ ok: false, problem: 'too-long', crisis: false });
    expect(prepareComment(`I want to die. ${'a'.repeat(COMMENT_MAX_CHARS)}`)).toEqual({ ok: false, problem: 'too-long', crisis: true });
  });

  it('refuses a body far beyond any comment without working through it', () => {
    expect(prepareComment(`${' '.repeat(1_000_000)}ok`)).toEqual({ ok: false, problem: 'too-long', crisis: false });
  });

  it('returns the scrubbed text, its themes and what kinds were removed', () => {
    expect(prepareComment('Short-staffed again and Dr. Okafor yelled at me, call 555-123-4567')).toEqual({
      ok: true,
      crisis: false,
      comment: { text: 'Short-staffed again and Dr. [name] yelled at me, call [phone]', themes: ['staffing', 'safety'], removed: ['phone', 'name'] },
    });
  });

  it('drops a comment left with nothing but placeholders and punctuation', () => {
    expect(prepareComment('jane.doe@example.org - (555) 123-4567!')).toEqual({ ok: true, crisis: false });
  });

  it('reports a crisis with the comment, found in what was typed even where scrubbing takes the words away', () => {
    expect(prepareComment('No puedo más con estos turnos')).toMatchObject({ ok: true, crisis: true, comment: { themes: ['scheduling'] } });
    const titleCase = 'Lately I keep having Suicidal Thoughts at work after every night shift';
    expect(scrubComment(titleCase).text).not.toMatch(/suicid/i);
    expect(prepareComment(titleCase)).toMatchObject({ ok: true, crisis: true });
  });
});

describe('scrubbing random text', () => {
  const word = fc.constantFrom('staffing', 'Epic', 'ICU', 'nurses', 'Monday', 'the', 'Maria', 'charting', 'hours', 'ratio', 'Urgencias', 'I');
  const digits = fc.stringMatching(/^\d{1,12}$/);
  const phone = fc
    .tuple(fc.integer({ min: 200, max: 999 }), fc.integer({ min: 200, max: 999 }), fc.integer({ min: 0, max: 9999 }), fc.nat(5))
    .map(([area, exchange, line, style]) => {
      const last = String(line).padStart(4, '0');
      return [
        `${area}-${exchange}-${last}`,
        `(${area}) ${exchange} ${last}`,
        `+1 ${area} ${exchange} ${last}`,
        `${area}${exchange}${last}`,
        `${area}.${exchange}.${last} ext. 12`,
        `+34 ${area} ${exchange} ${last}`,
      ][style]!;
    });
  const fragment = fc.oneof(word, digits, fc.emailAddress(), phone, fc.webUrl());
  const commentOf = (separator: fc.Arbitrary<string>) =>
    fc.array(fc.tuple(fragment, separator), { maxLength: 12 }).map((parts) => parts.map(([text, after]) => text + after).join(''));
  // Glued together ('', '/'), fragments make tokens nobody types; only the first property has to hold for those.
  const comment = commentOf(fc.constantFrom(' ', ', ', '. ', '\n', ' - ', ': ', '/', ''));
  const prose = commentOf(fc.constantFrom(' ', ', ', '. ', '\n', ' - ', ': '));

  it('never leaves a run of six digits, an @ between word characters, or http', () => {
    fc.assert(
      fc.property(comment, (typed) => {
        const { text } = scrubComment(normalizeComment(typed));
        expect(text).not.toMatch(/\d{6}/);
        expect(text).not.toMatch(/[\p{L}\p{N}_]@[\p{L}\p{N}_]/u);
        expect(text).not.toMatch(/http/i);
      }),
      { numRuns: 2000 },
    );
  });

  it('turns every phone number in these formats into [phone], whole', () => {
    fc.assert(
      fc.property(phone, (number) => {
        expect(scrubComment(`call ${number} now`)).toEqual({ text: 'call [phone] now', removed: ['phone'] });
      }),
    );
  });

  it('changes nothing more when scrubbed again', () => {
    fc.assert(
      fc.property(prose, (typed) => {
        const once = scrubComment(normalizeComment(typed)).text;
        expect(scrubComment(once).text).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the lexicon', () => {
  it('stays small enough for the submit Lambda’s bundle', () => {
    const strings = Object.values(lexicon).flatMap((value) => (typeof value === 'string' ? [value] : Object.values(value)));
    const bytes = strings.reduce((sum, text) => sum + new TextEncoder().encode(text).length, 0);
    expect(bytes).toBeLessThan(8 * 1024);
  });
});

describe('spellings that dodge a pattern', () => {
  it('are read as their ordinary forms: full-width characters, and dashes an autocorrect put between digits', () => {
    const { text, removed } = scrubComment(normalizeComment('Write to jane＠example.com or call ５５５–８６７–５３０９ or 555–201–4477.'));
    expect(text).not.toMatch(/jane|example|867|5309|201|4477/);
    expect(removed).toEqual(expect.arrayContaining(['email', 'phone']));
    expect(normalizeComment('3 – 5 hours — every week')).toBe('3-5 hours — every week');
  });
});
