import type { Locale } from '../../shared/domain/locale.js';

/**
 * What the demo's staff write, in their own language: a few lines per part of the demo's
 * story (the emergency department's documentation load, primary care's inbox before its EHR
 * upgrade, the business office's phones) and some any department might write. Some carry a
 * name, a number or an address, as real comments do, so the demo shows them scrubbed.
 */
const GENERAL: Record<Locale, string[]> = {
  en: [
    'We need more float nurses on nights; two people called out and nobody covered.',
    'My manager actually listens, and it makes a difference on hard weeks.',
    'Schedules come out too late to plan childcare. Please post them two weeks ahead.',
    'The team pulls together every shift. I am proud of my coworkers.',
    'Charting after my shift eats an hour most days.',
    'A patient’s family yelled at the front desk again and security took twenty minutes.',
    'Too many clicks to order anything routine in Epic.',
    'Leadership should walk the floor more often, not just send emails.',
    'Overtime every week is not sustainable.',
    'Call me at 555-201-4477 if you want details, I am happy to talk.',
    'Dr. Karen Whitfield covers for everyone and nobody thanks her.',
  ],
  es: [
    'Necesitamos más personal en el turno de noche.',
    'Mi supervisora escucha y eso ayuda mucho en las semanas difíciles.',
    'Los horarios salen muy tarde y no puedo organizar el cuidado de mis hijos.',
    'El equipo se apoya mucho; estoy orgullosa de mis compañeros.',
    'La documentación después del turno me quita una hora casi todos los días.',
    'Un familiar le gritó a la recepcionista y seguridad tardó mucho en llegar.',
    'Demasiada carga de trabajo y pocas manos.',
  ],
};

const BY_DEPARTMENT: Readonly<Record<string, Record<Locale, string[]>>> = {
  emergency: {
    en: [
      'Scribes on evening shifts would give us our nights back.',
      'Documentation for every admit takes longer than seeing the patient.',
      'Boarding patients in the hallway all night wears everyone down.',
    ],
    es: ['Con escribas en la tarde terminaríamos la documentación a tiempo.', 'Los pacientes esperando cama en el pasillo nos agotan.'],
  },
  'primary-care': {
    en: [
      'The inbox is endless: refill requests, portal messages, forms, all after clinic.',
      'The EHR upgrade helped, but the in-basket still lands on physicians.',
      'Give the MAs time to pend orders, and the whole day runs better.',
    ],
    es: ['La bandeja de mensajes del expediente nunca se vacía.', 'Los formularios de seguros nos quitan tiempo con los pacientes.'],
  },
  'front-desk': {
    en: ['Phones ring nonstop while we check people in.', 'Patients take out their frustration on us at check-in.'],
    es: ['El teléfono no para mientras registramos pacientes.'],
  },
  billing: {
    en: ['Prior authorizations pile up faster than we can clear them.', 'Remote days would help with the workload.'],
    es: ['Las autorizaciones previas se acumulan.'],
  },
  scheduling: {
    en: ['Rescheduling after provider call-outs is half my day.'],
    es: ['Reprogramar citas cuando un médico falta ocupa la mitad de mi día.'],
  },
};

/** How often a demo respondent writes a comment: about a third, as in many pulse tools. */
const COMMENT_RATE = 0.3;

/** A comment for a demo respondent of `department`, or none, drawn from `random`. */
export function demoComment(department: string, locale: Locale, random: () => number): string | undefined {
  if (random() >= COMMENT_RATE) return undefined;
  const own = BY_DEPARTMENT[department]?.[locale] ?? [];
  const pool = random() < 0.5 && own.length > 0 ? own : GENERAL[locale];
  return pool[Math.floor(random() * pool.length)];
}
