import type { CardWords, InvitationWords, InvitationFacts, LeaderWords, StaffPageWords, UnsubscribeWords, Words } from './shape.js';

const staffPage: StaffPageWords = {
  languageName: 'Español',
  switchTo: 'English',
  title: 'Encuesta anónima',
  pulseOf: (dates) => `Encuesta del ${dates}`,
  rangeJoin: ' al ',
  intro: 'Unas preguntas sobre las últimas dos semanas. Toma menos de dos minutos.',
  anonymity: (k) =>
    `Sus respuestas son anónimas. Solo se suman a los totales de su grupo y nadie, ni siquiera quienes administran este sistema, puede ver quién respondió qué. Los líderes solo ven grupos de al menos ${k} personas.`,
  submit: 'Enviar mis respuestas',
  required: 'Todas las preguntas necesitan una respuesta.',
  errorSummary: 'Responda todas las preguntas antes de enviar.',
  notYetCounted:
    'Sus respuestas aún no se contaron: hasta ahora se ha enviado el enlace a muy pocas personas de su grupo, y contadas ahora sus respuestas podrían destacar. No se guardó nada, y sus respuestas siguen en el formulario de abajo. Envíelas de nuevo más tarde (en una hora, o mañana); este mismo enlace sirve hasta que la encuesta cierre.',
  problem: {
    missing: 'Elija una respuesta.',
    'not-an-option': 'Elija una de las respuestas que se muestran.',
    repeated: 'Elija solo una respuesta.',
    'too-long': 'Acorte su comentario a 500 caracteres o menos.',
  },
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
  commentLabel: '¿Qué es una cosa que mejoraría su trabajo? (opcional)',
  commentHint: (min) =>
    `Hasta 500 caracteres. No incluya nombres ni nada que pueda identificarle a usted, a un colega o a un paciente: los nombres, números, fechas y direcciones se eliminan antes de guardarlo. Los líderes leen los comentarios solo después de que cierre la encuesta, y solo de grupos de al menos ${min} personas que respondieron.`,
  crisisTitle: 'No tiene que cargar con esto solo/a',
  crisisBody: 'Lo que escribió suena a que puede estar pasando por algo muy difícil. Hay ayuda gratuita y confidencial para usted ahora mismo:',
  crisisNothingSent:
    'Nada de lo que escribió se envió a nadie, y no se avisó a nadie. Su comentario se guarda sin nada que lo vincule a usted; cuando cierre la encuesta, los líderes podrán leerlo entre los comentarios de su grupo.',
  crisisNothingKept: 'Nada de lo que escribió se ha guardado ni enviado a nadie, y no se avisó a nadie.',
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

/** A printed card's words, for the CLI that prints them. */
export const esCards: CardWords = {
  sheetTitle: (department) => `Tarjetas impresas de la encuesta: ${department}`,
  sheetIntro: (count, closes) =>
    `${count} tarjetas de un solo uso para esta encuesta. Imprima esta página en papel A4 o carta a tamaño real, corte por las líneas discontinuas y entregue las tarjetas al personal del departamento que no recibe el enlace por correo ni por mensaje de texto. Cada tarjeta sirve una sola vez, hasta el ${closes}.`,
  sheetWarning:
    'No anote nada sobre quién recibe qué tarjeta. Esta página contiene enlaces válidos: borre el archivo cuando haya impreso las tarjetas y destruya las que sobren.',
  when: (dates, closes) => `Encuesta del ${dates}. Abierta hasta el ${closes}`,
  qrLabel: 'Código QR: escanéelo con la cámara de un teléfono para abrir la encuesta de esta tarjeta',
  typeLink: 'O escriba este enlace:',
  anonymity: 'Sirve una sola vez. Nadie registra quién recibió qué tarjeta, así que sus respuestas son anónimas.',
};

const leader: LeaderWords = {
  kind: {
    workload: 'carga de trabajo',
    admin_burden: 'carga administrativa',
    burnout: 'agotamiento',
    retention: 'retención',
    connection: 'conexión',
    safety: 'seguridad',
  },
  otherRoles: 'otros puestos',
  allRoles: 'todos los puestos',
  cardHolders: 'tarjetas impresas',
  wholeOrganization: (role) => `${role}, toda la organización`,
  withOthers: (name, others) => `${name} (con ${others})`,
  pulseOf: (org, dates) => `${org}: encuesta del ${dates}`,
  hello: (name) => `Hola, ${name}:`,
  problem: {
    workload: 'dicen que su carga de trabajo no fue manejable',
    admin_burden: 'reportan una carga administrativa pesada',
    burnout: 'reportan síntomas de agotamiento',
    retention: 'consideran al menos moderadamente probable dejar su trabajo en los próximos dos años',
    connection: 'se sienten desconectados de su equipo o de sus líderes',
    safety: 'sufrieron agresiones verbales de un paciente o visitante en el último mes',
  },
  plainFinding: (f) => `En ${f.label}, el ${f.share} de ${f.people ? '' : 'las respuestas de '}${f.n} personas ${f.problem}.`,
  statLine: (t) => `umbral ${t}`,
  statInterval: (low, high) => `intervalo del 95 %: ${low} a ${high}`,
  statPooled: (f) => `con la encuesta anterior, ${f.share} de ${f.n} respuestas (intervalo del 95 %: ${f.low} a ${f.high})`,
  statEstimate: (f) =>
    `${f.above} de probabilidad de estar sobre el umbral (punto crítico desde ${f.bar}${f.barLoweredFor ? `, menos exigente porque en esta encuesta solo respondieron ${f.barLoweredFor}` : ''}), leyendo ${
      f.read === 1
        ? 'esta encuesta sola'
        : f.pulses === 1
          ? 'esta encuesta como un cambio respecto de las anteriores'
          : `las ${f.pulses} encuestas desde el ${f.since} como un mismo nivel (${f.share} de ${f.n} respuestas)`
    }${f.borrowed ? ' y la dispersión de los demás departamentos de la organización' : ''}`,
  statRising: (f) =>
    `en aumento ${f.recent === 2 ? 'en esta encuesta y la anterior' : 'en esta encuesta'} desde ${f.baseline}, el promedio de ${f.pulses === 1 ? `la encuesta del ${f.first}` : `${f.pulses} encuestas entre el ${f.first} y el ${f.last}`}`,
  statRecent: (f) => `${f.baseline} en ${f.pulses === 1 ? `la encuesta del ${f.first}` : `${f.pulses} encuestas entre el ${f.first} y el ${f.last}`}`,
  statFirst: 'primera encuesta con suficientes respuestas para comparar',
  statStreak: (n) => `punto crítico ${n} encuestas seguidas`,
  persistentTag: 'Persistente',
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
  groupsWithHotspot: (hotspots, groups, all) => {
    const count = hotspots === 1 ? 'Un punto crítico' : `${hotspots} puntos críticos`;
    return all === 1 ? `${count} en el grupo a su cargo.` : `${count} en ${groups} de los ${all} grupos a su cargo.`;
  },
  atAGlance: 'De un vistazo',
  heatmapCaption: (pulse) => `Porcentaje de respuestas que indican un problema, por grupo, en la encuesta del ${pulse}. Elija una cifra para ver sus detalles.`,
  heatmapMarks: '!! punto crítico · ! vigilar · ↑ en aumento · un guion: oculto o no preguntado',
  hiddenRow: (k) => `Oculto: menos de ${k} respuestas, o revelaría un grupo más pequeño`,
  notAsked: (kinds) => `No se preguntó en esta encuesta: ${kinds}. Las encuestas se turnan algunas preguntas para ser breves.`,
  pastDue: ' (vencida)',
  summaryNote: (groups) =>
    `Usted supervisa ${groups.toLocaleString('es-US')} grupos con cifras, demasiados para una página: aquí está la parte alta del árbol. Abra un grupo para ver todo lo que contiene.`,
  hotspotsWithin: 'Puntos críticos dentro',
  fullTable: 'Todos los grupos en una tabla (una página larga)',
  moreTopGroups: (count) => `${count.toLocaleString('es-US')} grupos más de primer nivel no tienen puntos críticos dentro; están en la tabla completa.`,
  moreFindings: (count) => `Y ${count.toLocaleString('es-US')} más: abra un grupo de arriba para ver su lista.`,
  allYourGroups: 'Todos sus grupos',
  actionsOnGroupPages: 'La página de cada grupo lista sus acciones y tiene el formulario para comprometerse con una.',
  actionProblems: {
    field: {
      department: 'departamento',
      kind: 'tipo',
      title: 'título',
      titleEs: 'título en español',
      titleEn: 'título en inglés',
      status: 'estado',
      targetOn: 'fecha objetivo',
      doneOn: 'fecha de realización',
    },
    date: 'una fecha escrita AAAA-MM-DD, p. ej., 2026-12-15',
    tooShort: 'demasiado corto: diga qué cambia, p. ej., "Actualización del expediente electrónico" o "Escribas para las consultas de la tarde"',
    tooLong: 'como máximo 120 caracteres: el personal lo lee en un teléfono',
    email: 'contiene un correo electrónico: el personal lee este título, así que no nombre a nadie ni dé contactos',
    phone: 'contiene un número de teléfono: el personal lee este título, así que no dé contactos',
    control: 'contiene un salto de línea o un carácter de control: escríbalo en una sola línea',
    link: 'contiene una dirección web: el personal lee este título en su correo de la encuesta, así que no enlace a ningún sitio',
    status: 'el estado es planeada, en curso o hecha',
    kind: 'elija un tipo de punto crítico de la lista',
    chooseDepartment: 'elija un departamento',
    doneDateNeedsDone: 'una fecha de realización va con el estado "hecha"',
    nothingToChange: 'nada que cambiar: indique un estado, una fecha o un título',
    unknownField: (keys) =>
      `${keys.length === 1 ? 'Campo desconocido' : 'Campos desconocidos'} ${keys.map((key) => `"${key}"`).join(', ')}: el formulario solo envía sus propios campos`,
    unknownDepartment: (id) => `departamento desconocido "${id}"`,
    notOverseen: (leader, id) => `${leader} no supervisa "${id}"; una acción la registra quien dirige el departamento o uno superior`,
    future: (date) => `${date} es una fecha futura; registre la acción como planeada o en curso, y márquela como hecha ese día`,
    notFound: (id) => `acción ${id}: no está entre los departamentos a su cargo`,
  },
  notice: {
    empty: {
      title: 'Todavía no hay cifras',
      body: (name) => `Hola, ${name}. Aún no ha cerrado ninguna encuesta con cifras para mostrar. Su próximo resumen le avisará cuando la haya.`,
    },
    expired: { title: 'Este enlace al panel ha vencido', body: () => 'Los enlaces al panel funcionan unas semanas. Use el enlace de su resumen más reciente.' },
    unknown: {
      title: 'No reconocemos este enlace al panel',
      body: () => 'Revise que copió el enlace completo de su resumen, o use el enlace de su resumen más reciente.',
    },
    'cross-site': {
      title: 'No se guardó nada',
      body: () => 'Este formulario se envió desde otro sitio. Abra su panel con el enlace de su resumen y use el formulario de allí.',
    },
    'not-a-form': {
      title: 'No se guardó nada',
      body: () => 'Esto no lo envió el formulario del panel. Abra su panel con el enlace de su resumen y use el formulario de allí.',
    },
    'too-large': {
      title: 'No se guardó nada',
      body: () => 'El formulario era mucho más grande de lo que el panel envía. Abra su panel de nuevo y use el formulario de allí.',
    },
  },
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
  csv: {
    group: 'Grupo',
    answered: 'Respondieron',
    staff: 'Personal',
    low: 'mínimo al 95%',
    high: 'máximo al 95%',
    status: 'estado',
    rising: 'en aumento',
    earlier: 'encuestas anteriores (la más antigua primero)',
    statuses: { hotspot: 'punto crítico', watch: 'vigilar', ok: 'bien' },
    yes: 'sí',
    no: 'no',
    references: 'tasas de referencia',
    notPublished: 'no publicada',
  },
  noFigures: 'Ningún grupo a su cargo tuvo suficientes respuestas en esta encuesta para mostrar cifras.',
  group: 'Grupo',
  answered: 'Respondieron',
  line: (t) => `línea ${t}`,
  ofStaff: (rate, staff) => `${rate} de ${staff}`,
  details: 'Detalles',
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
  titleLabel: 'Título en español (elija una sugerencia o escriba el suyo)',
  translationLabel: 'Título en inglés (opcional; si no, el personal lo lee como está escrito)',
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
  comments: {
    readThem: 'Leer lo que escribió el personal en esta encuesta',
    title: 'Lo que escribió el personal',
    intro: (days, min) =>
      `Comentarios de la encuesta del ${days}. Los comentarios de un grupo se muestran solo si respondieron al menos ${min} personas, y nunca donde los comentarios de dos grupos pudieran separarse. Cada comentario aparece una vez, en el grupo más pequeño al que pertenece, en orden aleatorio.`,
    scrubbed:
      'Los nombres, correos electrónicos, teléfonos, enlaces, fechas y números de expediente se eliminaron antes de guardar nada. Léalos como la voz de un grupo, y por favor no intente averiguar quién escribió qué.',
    none: 'No hay comentarios que mostrar de esta encuesta para los grupos que supervisa.',
    withheld: (groups, min) =>
      `${groups === 1 ? 'Un grupo que supervisa tiene sus' : `${groups} grupos que supervisa tienen sus`} comentarios ocultos: respondieron menos de ${min} personas, o podrían separarse de los de otro grupo.`,
    restOf: (group) => `${group}, otros equipos`,
    count: (comments) => (comments === 1 ? '1 comentario' : `${comments} comentarios`),
    themesLabel: 'Temas',
    theme: {
      emr: 'Expediente electrónico y documentación',
      staffing: 'Personal y carga de trabajo',
      scheduling: 'Horarios',
      leadership: 'Liderazgo',
      safety: 'Seguridad y agresiones',
      connection: 'Equipo y relaciones',
    },
    comment: 'Comentario',
    downloadCsv: 'Descargar estos comentarios (CSV)',
    back: 'Volver al panel',
  },
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
    retention: [
      'Haga entrevistas de permanencia: pregunte a cada persona qué la mantiene aquí y qué podría hacer que se fuera, y actúe según lo que escuche.',
      'Actúe primero sobre la carga de trabajo y los horarios: turnos flexibles o elegidos por cada persona, y días libres aprobados que no se cancelen.',
      'Reconozca el trabajo de las personas de forma concreta y frecuente, en persona.',
      'Muestre caminos para crecer aquí: mentoría, formación y cambios de puesto internos, para que crecer no signifique irse.',
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
