import type { Locale } from '../shared/domain/locale.js';

/** Every string the pages show, per locale. Item texts live in the instrument. */
export const messages = {
  en: {
    languageName: 'English',
    switchTo: 'Español',
    title: 'Anonymous pulse',
    intro: 'A few questions about the last two weeks. It takes under two minutes.',
    anonymity:
      'Your answers are anonymous. They are only added to your group’s totals, and no one, including the people who run this system, can see who said what. Leaders only see groups of at least {k} people.',
    submit: 'Send my answers',
    required: 'All questions need an answer.',
    errorSummary: 'Please answer every question before sending.',
    notYetCounted:
      'Your answers were not counted yet: too few people in your group have been sent their link so far, and counted now your answers could stand out. Nothing was stored, and your answers are still in the form below. Please send them again later (in an hour, or tomorrow); this same link keeps working until the pulse closes.',
    problem: { missing: 'Please choose an answer.', 'not-an-option': 'Please choose one of the answers shown.', repeated: 'Please choose only one answer.' },
    thanksTitle: 'Thank you',
    thanksBody: 'Your answers are counted. Leaders see the results for groups, after the pulse closes.',
    supportTitle: 'If you need support now',
    closeHint: 'You can close this page.',
    unknownTitle: 'We do not recognize this link',
    unknownBody: 'Check that the whole link was copied from your message. If it still does not work, use the newest message you received.',
    usedTitle: 'You have already answered',
    usedBody: 'Answers from this link are already counted, so nothing more is needed. Thank you.',
    expiredTitle: 'This pulse has closed',
    expiredBody: 'This link belonged to a pulse that is now closed. You will get a new link with the next pulse.',
    busyTitle: 'Please try again in a moment',
    busyBody: 'Many people are answering right now and we could not confirm your answers. Go back and send them again in a minute: if they were already counted, the page will say so, and nothing is counted twice.',
    errorTitle: 'Something went wrong',
    errorBody: 'We could not confirm that your answers were saved. Go back and send them again later: if they were already counted, the page will say so, and nothing is counted twice.',
    departmentLabel: 'Department',
    newsTitle: 'You said, we did',
    newsIntro: 'Since the last pulse, your leaders logged these actions:',
    newsStatus: { planned: 'planned', 'in-progress': 'under way', done: 'done' },
  },
  es: {
    languageName: 'Español',
    switchTo: 'English',
    title: 'Encuesta anónima',
    intro: 'Unas preguntas sobre las últimas dos semanas. Toma menos de dos minutos.',
    anonymity:
      'Sus respuestas son anónimas. Solo se suman a los totales de su grupo y nadie, ni siquiera quienes administran este sistema, puede ver quién respondió qué. Los líderes solo ven grupos de al menos {k} personas.',
    submit: 'Enviar mis respuestas',
    required: 'Todas las preguntas necesitan una respuesta.',
    errorSummary: 'Responda todas las preguntas antes de enviar.',
    notYetCounted:
      'Sus respuestas aún no se contaron: hasta ahora se ha enviado el enlace a muy pocas personas de su grupo, y contadas ahora sus respuestas podrían destacar. No se guardó nada, y sus respuestas siguen en el formulario de abajo. Envíelas de nuevo más tarde (en una hora, o mañana); este mismo enlace sirve hasta que la encuesta cierre.',
    problem: { missing: 'Elija una respuesta.', 'not-an-option': 'Elija una de las respuestas que se muestran.', repeated: 'Elija solo una respuesta.' },
    thanksTitle: 'Gracias',
    thanksBody: 'Sus respuestas quedaron registradas. Los líderes ven los resultados por grupo cuando la encuesta cierra.',
    supportTitle: 'Si necesita apoyo ahora',
    closeHint: 'Puede cerrar esta página.',
    unknownTitle: 'No reconocemos este enlace',
    unknownBody: 'Revise que copió el enlace completo de su mensaje. Si sigue sin funcionar, use el mensaje más reciente que recibió.',
    usedTitle: 'Ya respondió',
    usedBody: 'Las respuestas de este enlace ya están registradas; no hace falta nada más. Gracias.',
    expiredTitle: 'Esta encuesta ya cerró',
    expiredBody: 'Este enlace era de una encuesta que ya cerró. Recibirá un enlace nuevo con la próxima encuesta.',
    busyTitle: 'Intente de nuevo en un momento',
    busyBody: 'Muchas personas están respondiendo ahora y no pudimos confirmar sus respuestas. Vuelva atrás y envíelas de nuevo en un minuto: si ya se contaron, la página se lo dirá, y nada se cuenta dos veces.',
    errorTitle: 'Algo salió mal',
    errorBody: 'No pudimos confirmar que sus respuestas se guardaran. Vuelva atrás y envíelas de nuevo más tarde: si ya se contaron, la página se lo dirá, y nada se cuenta dos veces.',
    departmentLabel: 'Departamento',
    newsTitle: 'Ustedes nos dijeron, y esto hicimos',
    newsIntro: 'Desde la última encuesta, sus líderes registraron estas acciones:',
    newsStatus: { planned: 'planeada', 'in-progress': 'en curso', done: 'hecha' },
  },
} satisfies Record<Locale, unknown>;

export type Messages = (typeof messages)['en'];

export function t(locale: Locale): Messages {
  return messages[locale];
}
