import type { ActionStatus } from './action-news.js';
import type { Domain } from './instrument.js';
import type { Locale } from './locale.js';

/**
 * Every word a leader reads in a digest or on a dashboard, in each language the pulse is
 * offered in. Figures are formatted by the caller; these only place them.
 */
export interface LeaderText {
  kind: Record<Domain, string>;
  otherRoles: string;
  allRoles: string;
  wholeOrganization: (role: string) => string;
  withOthers: (name: string, others: string) => string;
  pulseOf: (org: string, dates: string) => string;
  hello: (name: string) => string;
  finding: (f: { label: string; kind: string; share: string; n: number; pooled?: { share: string; n: number }; low: string; high: string; threshold: string }) => string;
  risingFrom: (baseline: string) => string;
  recentPulses: (baseline: string) => string;
  firstPulse: string;
  streak: (pulses: number) => string;
  noHotspotsSubject: (rate: string) => string;
  tooFewAnswered: string;
  hotspotsSubject: (count: number) => string;
  worseningSubject: (count: number) => string;
  rising: string;
  notEnoughSubject: string;
  waitingSubject: (count: number) => string;
  notEnough: (departments: string, k: number) => string;
  acrossIncluding: (group: string, rate: string) => string;
  allWell: string;
  hotspotTag: string;
  worseningTag: string;
  watchTag: string;
  persistent: string;
  toWatch: string;
  toWatchTitle: string;
  waitingTitle: string;
  waitingIntro: (days: number) => string;
  responseRates: string;
  answers: (n: number) => string;
  tooFewToReport: (k: number) => string;
  dashboardLine: (url: string) => string;
  openDashboard: string;
  dashboardLinkNote: string;
  footer: (k: number) => string;
  intro: (name: string, org: string, pulse: string) => string;
  overdue: (f: { department: string; title: string; kind: string; due: string; status: ActionStatus; owner: string }) => string;
  noAction: (f: { group: string; kind: string; pulse: string; due: string; owner: string }) => string;
  // The dashboard
  groupsWithHotspot: (hot: number, all: number) => string;
  noHotspotsIn: (all: number) => string;
  trendsFrom: (pulse: string) => string;
  needsAttention: string;
  hotspots: string;
  risingTitle: string;
  legend: [string, string][];
  downloadCsv: string;
  noFigures: string;
  group: string;
  answered: string;
  line: (threshold: string) => string;
  ofStaff: (rate: string, staff: number) => string;
  details: string;
  sure: (low: string, high: string, threshold: string) => string;
  earlierPulses: (list: string) => string;
  trendAlt: (list: string) => string;
  notShown: string;
  status: Record<ActionStatus, string>;
  actions: string;
  noActions: string;
  doneOn: (date: string) => string;
  target: (date: string, overdue: boolean) => string;
  loggedBy: (name: string) => string;
  measuredLater: (department: string) => string;
  statusLabel: string;
  doneOnLabel: string;
  update: string;
  commit: string;
  commitNote: string;
  notSaved: string;
  department: string;
  hotspotKind: string;
  titleLabel: string;
  titleEsLabel: string;
  targetLabel: string;
  commitButton: string;
  hiddenNote: (k: number, names: string) => string;
  personalNote: (k: number, until: string) => string;
  hello2: (name: string) => string;
  before: (f: { kind: string; before: string; title: string; after: string }) => string;
  change: (f: { direction: 'down' | 'up'; points: number; near: number; far: number; before: number; after: number }) => string;
  noClearChange: (f: { low: string; high: string; before: number; after: number }) => string;
}

const en: LeaderText = {
  kind: { workload: 'workload', admin_burden: 'admin burden', burnout: 'burnout', connection: 'connection', safety: 'safety' },
  otherRoles: 'other roles',
  allRoles: 'all roles',
  wholeOrganization: (role) => `${role}, whole organization`,
  withOthers: (name, others) => `${name} (with ${others})`,
  pulseOf: (org, dates) => `${org}: pulse of ${dates}`,
  hello: (name) => `Hello ${name},`,
  finding: (f) =>
    `${f.label}, ${f.kind}: ${f.share} adverse answers from ${f.n} people${f.pooled ? `; with the previous pulse ${f.pooled.share} from ${f.pooled.n} answers` : ''} (95% interval ${f.low} to ${f.high}; threshold ${f.threshold})`,
  risingFrom: (b) => `, rising from ${b} over recent pulses`,
  recentPulses: (b) => `; recent pulses: ${b}`,
  firstPulse: '; first pulse with enough answers to compare',
  streak: (n) => ` A hotspot ${n} pulses in a row.`,
  noHotspotsSubject: (rate) => `No hotspots this pulse (${rate} answered)`,
  tooFewAnswered: 'too few',
  hotspotsSubject: (n) => `${n} hotspot${n > 1 ? 's' : ''}`,
  worseningSubject: (n) => `${n} worsening`,
  rising: 'rising',
  notEnoughSubject: 'Not enough answers to report this pulse',
  waitingSubject: (n) => `; ${n} waiting for action`,
  notEnough: (departments, k) => `Not enough answers to report for ${departments}: fewer than ${k} people answered, or their figures would reveal a smaller group or how a few people answered.`,
  acrossIncluding: (group, rate) => `Across ${group}, which includes them, ${rate} answered.`,
  allWell: 'No department you oversee is a hotspot this pulse. Thank your teams for answering.',
  hotspotTag: 'Hotspot',
  worseningTag: 'Worsening',
  watchTag: 'Watch',
  persistent: ' (persistent, in a department your reports lead)',
  toWatch: 'To watch (above threshold, but not yet confidently):',
  toWatchTitle: 'To watch',
  waitingTitle: 'Waiting for action',
  waitingIntro: (days) => `From the leaders who report to you; actions are due within ${days} days of a digest.`,
  responseRates: 'Response rates',
  answers: (n) => `${n} answers`,
  tooFewToReport: (k) => `Too few answers to report (fewer than ${k}, or would reveal a smaller group or how a few answered)`,
  dashboardLine: (url) => `Every department you oversee, with the last pulses side by side (a personal link, do not forward): ${url}`,
  openDashboard: 'Open your dashboard',
  dashboardLinkNote: ': every department you oversee, with the last pulses side by side. The link is personal; please do not forward it.',
  footer: (k) => `Figures are shown only for groups of at least ${k} people, after the pulse has closed. Nobody can see individual answers.`,
  intro: (name, org, pulse) => `Hello ${name}, here is what ${org}’s pulse of ${pulse} says about the departments you oversee.`,
  overdue: (f) => `${f.department}: "${f.title}" (${f.kind}) was due ${f.due} and is ${f.status === 'planned' ? 'still planned' : 'still in progress'} (${f.owner}).`,
  noAction: (f) => `${f.group}: ${f.kind} hotspot in the pulse of ${f.pulse}, no action logged by ${f.due} (${f.owner}).`,
  groupsWithHotspot: (hot, all) => (all === 1 ? 'The group you oversee has a hotspot.' : `${hot} of the ${all} groups you oversee ${hot > 1 ? 'have' : 'has'} a hotspot.`),
  noHotspotsIn: (all) => (all === 1 ? 'No hotspots in the group you oversee.' : `No hotspots in the ${all} groups you oversee.`),
  trendsFrom: (pulse) => ` Trends run from the pulse of ${pulse} to this one.`,
  needsAttention: 'Needs attention',
  hotspots: 'Hotspots',
  risingTitle: 'Rising',
  legend: [
    ['Figure', 'the share of answers that report a problem'],
    ['Hotspot', 'clearly above the line we set for it'],
    ['Watch', 'above the line, but too few answers to be sure'],
    ['Rising', 'clearly worse than the group’s recent pulses'],
  ],
  downloadCsv: 'Download this table (CSV)',
  noFigures: 'No group you oversee had enough answers in this pulse to show figures.',
  group: 'Group',
  answered: 'Answered',
  line: (t) => `line ${t}`,
  ofStaff: (rate, staff) => `${rate} of ${staff}`,
  details: 'Details',
  sure: (low, high, t) => `95% sure the true figure is between ${low} and ${high}; the line is ${t}.`,
  earlierPulses: (list) => `Earlier pulses: ${list}`,
  trendAlt: (list) => `Trend, oldest first: ${list}`,
  notShown: 'not shown',
  status: { planned: 'Planned', 'in-progress': 'In progress', done: 'Done' },
  actions: 'Actions',
  noActions: 'No actions logged yet for the departments you oversee.',
  doneOn: (date) => ` on ${date}`,
  target: (date, overdue) => ` · target ${date}${overdue ? ' (past due)' : ''}`,
  loggedBy: (name) => ` · logged by ${name}`,
  measuredLater: (department) => `Before and after will show once a pulse on each side has published figures for ${department}.`,
  statusLabel: 'Status',
  doneOnLabel: 'Done on (if done)',
  update: 'Update',
  commit: 'Commit to an action',
  commitNote: 'Staff of the department see the title and status on their next pulse ("you said, we did"), so name no one. Once it is done, this page compares the figures before and after it.',
  notSaved: 'The action was not saved:',
  department: 'Department',
  hotspotKind: 'Hotspot kind',
  titleLabel: 'Title (pick a suggestion or write your own)',
  titleEsLabel: 'Title in Spanish (optional; otherwise staff read it as written)',
  targetLabel: 'Target date (optional)',
  commitButton: 'Commit to this action',
  hiddenNote: (k, names) => `Too few answers to report (fewer than ${k}, or they would reveal a smaller group or how a few answered): ${names}.`,
  personalNote: (k, until) =>
    `Figures are shown only for groups of at least ${k} people, after the pulse has closed. Nobody can see individual answers. This link is personal: please do not forward it. It works until ${until}; every digest brings a new one.`,
  hello2: (name) => `Hello ${name}.`,
  before: (f) => `${f.kind.charAt(0).toUpperCase()}${f.kind.slice(1)} ${f.before} before '${f.title}', ${f.after} after`,
  change: (f) => `: ${f.direction} ${f.points} points (95% interval ${f.near} to ${f.far} points), ${f.before} and ${f.after} people.`,
  noClearChange: (f) => `: no clear change (95% interval ${f.low} to ${f.high} points), ${f.before} and ${f.after} people.`,
};

const es: LeaderText = {
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
  notEnough: (departments, k) => `No hay suficientes respuestas para informar sobre ${departments}: respondieron menos de ${k} personas, o sus cifras revelarían un grupo más pequeño o cómo respondieron unas pocas personas.`,
  acrossIncluding: (group, rate) => `En ${group}, que los incluye, respondió el ${rate}.`,
  allWell: 'Ningún departamento a su cargo es un punto crítico en esta encuesta. Agradezca a sus equipos por responder.',
  hotspotTag: 'Punto crítico',
  worseningTag: 'Empeorando',
  watchTag: 'Vigilar',
  persistent: ' (persistente, en un departamento que dirigen sus reportes)',
  toWatch: 'Para vigilar (por encima del umbral, pero aún sin certeza):',
  toWatchTitle: 'Para vigilar',
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
  overdue: (f) => `${f.department}: "${f.title}" (${f.kind}) vencía el ${f.due} y ${f.status === 'planned' ? 'sigue planeada' : 'sigue en curso'} (${f.owner}).`,
  noAction: (f) => `${f.group}: punto crítico de ${f.kind} en la encuesta del ${f.pulse}, sin acción registrada al ${f.due} (${f.owner}).`,
  groupsWithHotspot: (hot, all) => (all === 1 ? 'El grupo a su cargo tiene un punto crítico.' : `${hot} de los ${all} grupos a su cargo ${hot > 1 ? 'tienen' : 'tiene'} un punto crítico.`),
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
  commitNote: 'El personal del departamento verá el título y el estado en su próxima encuesta ("ustedes nos dijeron, y esto hicimos"), así que no nombre a nadie. Cuando esté hecha, esta página compara las cifras de antes y después.',
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
  change: (f) => `: ${f.direction === 'down' ? 'bajó' : 'subió'} ${f.points} puntos (intervalo del 95 %: ${f.near} a ${f.far} puntos), ${f.before} y ${f.after} personas.`,
  noClearChange: (f) => `: sin un cambio claro (intervalo del 95 %: ${f.low} a ${f.high} puntos), ${f.before} y ${f.after} personas.`,
};

export const LEADER_TEXT: Record<Locale, LeaderText> = { en, es };
