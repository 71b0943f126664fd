import type { InvitationWords, InvitationFacts, LeaderWords, StaffPageWords, UnsubscribeWords, Words } from './shape.js';

const staffPage: StaffPageWords = {
  languageName: 'Español',
  switchTo: 'English',
  title: 'Encuesta anónima',
  intro: 'Unas preguntas sobre las últimas dos semanas. Toma menos de dos minutos.',
  anonymity: (k) =>
    `Sus respuestas son anónimas. Solo se suman a los totales de su grupo y nadie, ni siquiera quienes administran este sistema, puede ver quién respondió qué. Los líderes solo ven grupos de al menos ${k} personas.`,
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
  busyBody:
    'Muchas personas están respondiendo ahora y no pudimos confirmar sus respuestas. Vuelva atrás y envíelas de nuevo en un minuto: si ya se contaron, la página se lo dirá, y nada se cuenta dos veces.',
  errorTitle: 'Algo salió mal',
  errorBody:
    'No pudimos confirmar que sus respuestas se guardaran. Vuelva atrás y envíelas de nuevo más tarde: si ya se contaron, la página se lo dirá, y nada se cuenta dos veces.',
  departmentLabel: 'Departamento',
  newsTitle: 'Ustedes nos dijeron, y esto hicimos',
  newsIntro: 'Desde la última encuesta, sus líderes registraron estas acciones:',
  newsStatus: { planned: 'planeada', 'in-progress': 'en curso', done: 'hecha' },
};

const invitation = (c: InvitationFacts): InvitationWords => ({
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
});

const unsubscribe: UnsubscribeWords = {
  confirmTitle: '¿Dejar de recibir correos de la encuesta?',
  confirmBody: 'Ya no recibirá invitaciones a la encuesta por correo. Si también las recibe por mensaje de texto, responda STOP a un mensaje para detenerlas.',
  button: 'Dejar de recibir correos',
  doneTitle: 'No recibirá más correos de la encuesta',
  doneBody: 'El cambio se aplica desde el próximo mensaje. Para volver a recibirlos, pida ayuda a su administrador.',
};

const leader: LeaderWords = {
  kind: { workload: 'carga de trabajo', admin_burden: 'carga administrativa', burnout: 'agotamiento', connection: 'conexión', safety: 'seguridad' },
  otherRoles: 'otros puestos',
  allRoles: 'todos los puestos',
  wholeOrganization: (role) => `${role}, toda la organización`,
  withOthers: (name, others) => `${name} (con ${others})`,
  pulseOf: (org, dates) => `${org}: encuesta del ${dates}`,
  hello: (name) => `Hola, ${name}:`,
  finding: (f) =>
    `${f.label}, ${f.kind}: ${f.share} de respuestas adversas de ${f.n} personas${f.pooled ? `; con la encuesta anterior, ${f.pooled.share} de ${f.pooled.n} respuestas` : ''} (intervalo del 95 %: ${f.low} a ${f.high}; umbral ${f.threshold})`,
  risingFrom: (b) => `, en aumento desde ${b} en las encuestas recientes`,
  recentPulses: (b) => `; encuestas recientes: ${b}`,
  firstPulse: '; primera encuesta con suficientes respuestas para comparar',
  streak: (n) => ` Punto crítico ${n} encuestas seguidas.`,
  noHotspotsSubject: (rate) => `Sin puntos críticos en esta encuesta (respondió el ${rate})`,
  tooFewAnswered: 'muy pocos',
  hotspotsSubject: (n) => `${n} punto${n > 1 ? 's' : ''} crítico${n > 1 ? 's' : ''}`,
  worseningSubject: (n) => `${n} empeorando`,
  rising: 'en aumento',
  notEnoughSubject: 'No hay suficientes respuestas para informar en esta encuesta',
  waitingSubject: (n) => `; ${n} esperando acción`,
  andMore: (n) => ` y ${n} más`,
  notEnough: (departments, k) =>
    `No hay suficientes respuestas para informar sobre ${departments}: respondieron menos de ${k} personas, o sus cifras revelarían un grupo más pequeño o cómo respondieron unas pocas personas.`,
  acrossIncluding: (group, rate) => `En ${group}, que los incluye, respondió el ${rate}.`,
  allWell: 'Ningún departamento a su cargo es un punto crítico en esta encuesta. Agradezca a sus equipos por responder.',
  hotspotTag: 'Punto crítico',
  worseningTag: 'Empeorando',
  watchTag: 'Vigilar',
  persistent: ' (persistente, en un departamento que dirigen sus reportes)',
  toWatch: 'Para vigilar (por encima del umbral, pero aún sin certeza):',
  toWatchTitle: 'Para vigilar',
  dueTitle: 'Pendiente de usted',
  dueIntro: (days) =>
    `Registre en su panel una acción para cada punto crítico de sus departamentos dentro de los ${days} días siguientes a su resumen; su superior sabrá de los que queden sin ella.`,
  due: (f) => `Antes del ${f.due}: una acción para el punto crítico de ${f.kind} de ${f.group} (encuesta del ${f.pulse}).`,
  waitingTitle: 'Esperando acción',
  waitingIntro: (days) => `De los líderes que le reportan; las acciones vencen ${days} días después de un resumen.`,
  responseRates: 'Tasas de respuesta',
  answers: (n) => `${n} respuestas`,
  tooFewToReport: (k) => `Muy pocas respuestas para informar (menos de ${k}, o revelarían un grupo más pequeño o cómo respondieron unos pocos)`,
  dashboardLine: (url) => `Todos los departamentos a su cargo, con las últimas encuestas lado a lado (enlace personal, no lo reenvíe): ${url}`,
  openDashboard: 'Abrir su panel',
  dashboardLinkNote: ': todos los departamentos a su cargo, con las últimas encuestas lado a lado. El enlace es personal; no lo reenvíe.',
  footer: (k) => `Solo se muestran cifras de grupos de al menos ${k} personas, después de que cierra la encuesta. Nadie puede ver respuestas individuales.`,
  intro: (name, org, pulse) => `Hola, ${name}: esto dice la encuesta del ${pulse} de ${org} sobre los departamentos a su cargo.`,
  overdue: (f) =>
    `${f.department}: "${f.title}" (${f.kind}) vencía el ${f.due} y ${f.status === 'planned' ? 'sigue planeada' : 'sigue en curso'} (${f.owner}).`,
  noAction: (f) => `${f.group}: punto crítico de ${f.kind} en la encuesta del ${f.pulse}, sin acción registrada al ${f.due} (${f.owner}).`,
  groupsWithHotspot: (hot, all) =>
    all === 1 ? 'El grupo a su cargo tiene un punto crítico.' : `${hot} de los ${all} grupos a su cargo ${hot > 1 ? 'tienen' : 'tiene'} un punto crítico.`,
  noHotspotsIn: (all) => (all === 1 ? 'Sin puntos críticos en el grupo a su cargo.' : `Sin puntos críticos en los ${all} grupos a su cargo.`),
  trendsFrom: (pulse) => ` Las tendencias van desde la encuesta del ${pulse} hasta esta.`,
  needsAttention: 'Requiere atención',
  hotspots: 'Puntos críticos',
  risingTitle: 'En aumento',
  legend: [
    ['Cifra', 'la proporción de respuestas que señalan un problema'],
    ['Punto crítico', 'claramente por encima de la línea fijada'],
    ['Vigilar', 'por encima de la línea, pero con muy pocas respuestas para tener certeza'],
    ['En aumento', 'claramente peor que las encuestas recientes del grupo'],
  ],
  downloadCsv: 'Descargar esta tabla (CSV)',
  noFigures: 'Ningún grupo a su cargo tuvo suficientes respuestas en esta encuesta para mostrar cifras.',
  group: 'Grupo',
  answered: 'Respondieron',
  line: (t) => `línea ${t}`,
  ofStaff: (rate, staff) => `${rate} de ${staff}`,
  details: 'Detalles',
  sure: (low, high, t) => `Con un 95 % de certeza, la cifra real está entre ${low} y ${high}; la línea es ${t}.`,
  earlierPulses: (list) => `Encuestas anteriores: ${list}`,
  trendAlt: (list) => `Tendencia, de la más antigua a la más reciente: ${list}`,
  notShown: 'sin mostrar',
  status: { planned: 'Planeada', 'in-progress': 'En curso', done: 'Hecha' },
  actions: 'Acciones',
  noActions: 'Todavía no hay acciones registradas para los departamentos a su cargo.',
  doneOn: (date) => ` el ${date}`,
  target: (date, overdue) => ` · meta ${date}${overdue ? ' (vencida)' : ''}`,
  loggedBy: (name) => ` · registrada por ${name}`,
  measuredLater: (department) => `El antes y el después se mostrarán cuando haya una encuesta con cifras publicadas de ${department} a cada lado.`,
  statusLabel: 'Estado',
  doneOnLabel: 'Hecha el (si está hecha)',
  update: 'Actualizar',
  commit: 'Comprometerse con una acción',
  commitNote:
    'El personal del departamento verá el título y el estado en su próxima encuesta ("ustedes nos dijeron, y esto hicimos"), así que no nombre a nadie. Cuando esté hecha, esta página compara las cifras de antes y después.',
  notSaved: 'La acción no se guardó:',
  department: 'Departamento',
  hotspotKind: 'Tipo de punto crítico',
  titleLabel: 'Título (elija una sugerencia o escriba el suyo)',
  titleEsLabel: 'Título en español (opcional; si no, el personal lo lee como está escrito)',
  targetLabel: 'Fecha meta (opcional)',
  commitButton: 'Comprometerse con esta acción',
  hiddenNote: (k, names) => `Muy pocas respuestas para informar (menos de ${k}, o revelarían un grupo más pequeño o cómo respondieron unos pocos): ${names}.`,
  personalNote: (k, until) =>
    `Solo se muestran cifras de grupos de al menos ${k} personas, después de que cierra la encuesta. Nadie puede ver respuestas individuales. Este enlace es personal: no lo reenvíe. Funciona hasta el ${until}; cada resumen trae uno nuevo.`,
  hello2: (name) => `Hola, ${name}.`,
  before: (f) => `${f.kind.charAt(0).toUpperCase()}${f.kind.slice(1)}: ${f.before} antes de '${f.title}', ${f.after} después`,
  change: (f) =>
    `: ${f.direction === 'down' ? 'bajó' : 'subió'} ${f.points} puntos (intervalo del 95 %: ${f.near} a ${f.far} puntos), ${f.before} y ${f.after} personas.`,
  noClearChange: (f) => `: sin un cambio claro (intervalo del 95 %: ${f.low} a ${f.high} puntos), ${f.before} y ${f.after} personas.`,
  suggestedActions: {
    admin_burden: [
      'Mejore el expediente electrónico en un sprint con los usuarios del departamento: quite los cinco clics que más odian.',
      'Rediseñe la bandeja de entrada y el reparto de mensajes para que resultados y recetas lleguen antes a quien corresponde.',
      'Dé apoyo con la documentación (escribas, plantillas compartidas o en equipo) y resérvele tiempo en el horario.',
      'Elimine requisitos y formularios de poco valor; mida de nuevo en la próxima encuesta para ver el efecto.',
    ],
    workload: [
      'Compare la dotación de personal y el horario con la demanda real de las últimas cuatro semanas.',
      'Ofrezca horarios flexibles o que cada quien elija sus turnos, sobre todo al personal por horas.',
      'Proteja los descansos y equilibre los cupos de pacientes o las asignaciones dentro del equipo.',
      'Haga explícitas las peticiones del líder y redúzcalas: deje una cosa antes de empezar otra.',
    ],
    burnout: [
      'Revise primero la carga de trabajo y la administrativa: los programas individuales no resuelven la carga del sistema.',
      'Ofrezca grupos de apoyo entre pares y facilite el acceso a orientación confidencial (EAP).',
      'Organice sesiones de compasión o resiliencia a las que los líderes asistan junto al personal.',
    ],
    connection: [
      'Inicie reuniones breves periódicas o grupos de pares para compartir experiencias, no solo tareas.',
      'Nombre referentes dentro del equipo que sostengan el trabajo entre sesiones.',
      'Organice foros moderados donde clínicos y administradores digan lo que necesitan unos de otros.',
    ],
    safety: [
      'Capacite al personal de recepción y a quienes atienden pacientes en técnicas de desescalada.',
      'Registre cada episodio de agresión verbal como incidente, con una sesión de análisis para las personas involucradas.',
      'Publique una política clara sobre cuándo llamar a seguridad, y respalde al personal que la llame.',
    ],
  },
};

/** Every word a person reads in Spanish. */
export const es: Words = { staffPage, invitation, unsubscribe, leader };
