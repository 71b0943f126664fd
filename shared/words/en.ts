import type { CardWords, InvitationWords, InvitationFacts, LeaderWords, StaffPageWords, UnsubscribeWords, Words } from './shape.js';

const staffPage: StaffPageWords = {
  languageName: 'English',
  switchTo: 'Español',
  title: 'Anonymous pulse',
  pulseOf: (dates) => `Pulse of ${dates}`,
  intro: 'A few questions about the last two weeks. It takes under two minutes.',
  anonymity: (k) =>
    `Your answers are anonymous. They are only added to your group’s totals, and no one, including the people who run this system, can see who said what. Leaders only see groups of at least ${k} people.`,
  submit: 'Send my answers',
  required: 'All questions need an answer.',
  errorSummary: 'Please answer every question before sending.',
  notYetCounted:
    'Your answers were not counted yet: too few people in your group have been sent their link so far, and counted now your answers could stand out. Nothing was stored, and your answers are still in the form below. Please send them again later (in an hour, or tomorrow); this same link keeps working until the pulse closes.',
  problem: {
    missing: 'Please choose an answer.',
    'not-an-option': 'Please choose one of the answers shown.',
    repeated: 'Please choose only one answer.',
    'too-long': 'Please shorten your comment to 500 characters or fewer.',
  },
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
  busyBody:
    'Many people are answering right now and we could not confirm your answers. Go back and send them again in a minute: if they were already counted, the page will say so, and nothing is counted twice.',
  errorTitle: 'Something went wrong',
  errorBody:
    'We could not confirm that your answers were saved. Go back and send them again later: if they were already counted, the page will say so, and nothing is counted twice.',
  departmentLabel: 'Department',
  newsTitle: 'You said, we did',
  newsIntro: 'Since the last pulse, your leaders logged these actions:',
  newsStatus: { planned: 'planned', 'in-progress': 'under way', done: 'done' },
  commentLabel: 'What is one thing that would make your work better? (optional)',
  commentHint: (min) =>
    `Up to 500 characters. Please leave out names and anything that could identify you, a colleague or a patient: names, numbers, dates and addresses are removed before it is stored. Leaders read comments only after the pulse closes, and only for groups of at least ${min} people who answered.`,
  crisisTitle: 'You do not have to carry this alone',
  crisisBody: 'What you wrote sounds like you may be going through something very hard. Free, confidential help is there for you right now:',
  crisisNothingSent:
    'Nothing you wrote was sent to anyone, and no one has been alerted. Your comment is kept with nothing that ties it to you; after the pulse closes, leaders may read it among your group’s comments.',
  crisisNothingKept: 'Nothing you wrote has been stored or sent to anyone, and no one has been alerted.',
};

const invitation = (c: InvitationFacts): InvitationWords => ({
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
});

const unsubscribe: UnsubscribeWords = {
  confirmTitle: 'Stop pulse emails?',
  confirmBody: 'You will no longer get pulse invitations by email. If you also get them by text message, reply STOP to a text to stop those.',
  button: 'Stop pulse emails',
  doneTitle: 'You will get no more pulse emails',
  doneBody: 'This takes effect from the next message. To get them again, ask your administrator.',
};

/** A printed card's words, for the CLI that prints them. */
export const enCards: CardWords = {
  sheetTitle: (department) => `Printed pulse cards: ${department}`,
  sheetIntro: (count, closes) =>
    `${count} one-time cards for this pulse. Print this page on A4 or Letter paper at actual size, cut along the dashed lines, and hand the cards out to staff of the department who get no link by email or text. Each card works once, until ${closes}.`,
  sheetWarning:
    'Write down nothing about who gets which card. This page holds live links: delete the file once the cards are printed, and shred any card left over.',
  when: (dates, closes) => `Pulse of ${dates}. Open until ${closes}`,
  qrLabel: 'QR code: scan it with a phone’s camera to open this card’s pulse',
  typeLink: 'Or type this link:',
  anonymity: 'Works once. Nobody records who was given which card, so your answers are anonymous.',
};

const leader: LeaderWords = {
  kind: { workload: 'workload', admin_burden: 'admin burden', burnout: 'burnout', retention: 'retention', connection: 'connection', safety: 'safety' },
  otherRoles: 'other roles',
  allRoles: 'all roles',
  cardHolders: 'printed cards',
  wholeOrganization: (role) => `${role}, whole organization`,
  withOthers: (name, others) => `${name} (with ${others})`,
  pulseOf: (org, dates) => `${org}: pulse of ${dates}`,
  hello: (name) => `Hello ${name},`,
  problem: {
    workload: 'say their workload was not manageable',
    admin_burden: 'report a heavy admin burden',
    burnout: 'report symptoms of burnout',
    retention: 'rate their chance of leaving their job within two years as moderate or higher',
    connection: 'feel disconnected from their team or leaders',
    safety: 'were verbally abused by a patient or visitor in the past month',
  },
  plainFinding: (f) => `In ${f.label}, ${f.share} of ${f.people ? '' : 'answers from '}${f.n} people ${f.problem}.`,
  statLine: (t) => `line ${t}`,
  statInterval: (low, high) => `95% interval ${low} to ${high}`,
  statPooled: (f) => `with the pulse before, ${f.share} of ${f.n} answers (95% interval ${f.low} to ${f.high})`,
  statEstimate: (f) =>
    `${f.above} likely above the line (a hotspot at ${f.bar}${f.barLoweredFor ? `, lower because only ${f.barLoweredFor} answered this pulse` : ''}), reading ${
      f.read === 1
        ? 'this pulse alone'
        : f.pulses === 1
          ? 'this pulse as a change from the ones before'
          : `the ${f.pulses} pulses since ${f.since} as one level (${f.share} of ${f.n} answers)`
    }${f.borrowed ? ' and the spread of the organization’s other departments' : ''}`,
  statRising: (f) =>
    `rising ${f.recent === 2 ? 'over this pulse and the one before' : 'this pulse'} from ${f.baseline}, the average of ${f.pulses === 1 ? `the pulse of ${f.first}` : `${f.pulses} pulses between ${f.first} and ${f.last}`}`,
  statRecent: (f) => `${f.baseline} in ${f.pulses === 1 ? `the pulse of ${f.first}` : `${f.pulses} pulses between ${f.first} and ${f.last}`}`,
  statFirst: 'first pulse with enough answers to compare',
  statStreak: (n) => `a hotspot ${n} pulses in a row`,
  persistentTag: 'Persistent',
  noHotspotsSubject: (rate) => `No hotspots this pulse (${rate} answered)`,
  tooFewAnswered: 'too few',
  hotspotsSubject: (n) => `${n} hotspot${n > 1 ? 's' : ''}`,
  worseningSubject: (n) => `${n} worsening`,
  rising: 'rising',
  notEnoughSubject: 'Not enough answers to report this pulse',
  waitingSubject: (n) => `; ${n} waiting for action`,
  andMore: (n) => ` and ${n} more`,
  notEnough: (departments, k) =>
    `Not enough answers to report for ${departments}: fewer than ${k} people answered, or their figures would reveal a smaller group or how a few people answered.`,
  acrossIncluding: (group, rate) => `Across ${group}, which includes them, ${rate} answered.`,
  allWell: 'No department you oversee is a hotspot this pulse. Thank your teams for answering.',
  hotspotTag: 'Hotspot',
  worseningTag: 'Worsening',
  watchTag: 'Watch',
  persistent: ' (persistent, in a department your reports lead)',
  toWatch: 'To watch (above threshold, but not yet confidently):',
  toWatchTitle: 'To watch',
  dueTitle: 'Due from you',
  dueIntro: (days) =>
    `Log an action on your dashboard for each hotspot in your departments within ${days} days of its digest; your own leader hears of any left without one.`,
  due: (f) => `By ${f.due}: an action for ${f.group}’s ${f.kind} hotspot (pulse of ${f.pulse}).`,
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
  overdue: (f) =>
    `${f.department}: "${f.title}" (${f.kind}) was due ${f.due} and is ${f.status === 'planned' ? 'still planned' : 'still in progress'} (${f.owner}).`,
  noAction: (f) => `${f.group}: ${f.kind} hotspot in the pulse of ${f.pulse}, no action logged by ${f.due} (${f.owner}).`,
  groupsWithHotspot: (hotspots, groups, all) => {
    const count = hotspots === 1 ? 'One hotspot' : `${hotspots} hotspots`;
    return all === 1 ? `${count} in the group you oversee.` : `${count} in ${groups} of the ${all} groups you oversee.`;
  },
  atAGlance: 'At a glance',
  heatmapCaption: (pulse) => `Share of answers that report a problem, by group, in the pulse of ${pulse}. Select a figure for its details.`,
  heatmapMarks: '!! hotspot · ! watch · ↑ rising · a dash: hidden or not asked',
  hiddenRow: (k) => `Hidden: fewer than ${k} answered, or it would reveal a smaller group`,
  notAsked: (kinds) => `Not asked in this pulse: ${kinds}. Pulses take turns with some questions to stay short.`,
  pastDue: ' (past due)',
  summaryNote: (groups) =>
    `You oversee ${groups.toLocaleString('en-US')} groups with figures, too many for one page: here is the top of the tree. Open a group for everything in it.`,
  hotspotsWithin: 'Hotspots within',
  fullTable: 'Every group in one table (a long page)',
  moreTopGroups: (count) => `${count.toLocaleString('en-US')} more top-level groups have no hotspot within; they are in the full table.`,
  moreFindings: (count) => `And ${count.toLocaleString('en-US')} more: open a group above for its list.`,
  allYourGroups: 'All your groups',
  actionsOnGroupPages: 'Each group’s page lists its actions and has the form to commit to one.',
  actionProblems: {
    field: {
      department: 'department',
      kind: 'kind',
      title: 'title',
      titleEs: 'titleEs',
      titleEn: 'titleEn',
      status: 'status',
      targetOn: 'targetOn',
      doneOn: 'doneOn',
    },
    date: 'a date written YYYY-MM-DD, e.g. 2026-12-15',
    tooShort: 'too short: say what changes, e.g. "EHR upgrade" or "Scribes for afternoon clinics"',
    tooLong: 'at most 120 characters: staff read it on a phone',
    email: 'contains an email address: staff read this title, so name no one and give no contact',
    phone: 'contains a phone number: staff read this title, so give no contact',
    control: 'contains a line break or a control character: write it as one plain line',
    link: 'contains a web address: staff read this title in their pulse email, so link nowhere',
    status: 'a status is one of planned, in-progress, done',
    kind: 'a kind is one of workload, admin_burden, burnout, retention, connection, safety',
    chooseDepartment: 'choose a department',
    doneDateNeedsDone: 'a done date goes with the status "done"',
    nothingToChange: 'nothing to change: give a status, a date or a title',
    unknownField: (keys) => `Unrecognized key${keys.length === 1 ? '' : 's'} ${keys.map((key) => `"${key}"`).join(', ')}: the form sends only its own fields`,
    unknownDepartment: (id) => `unknown department "${id}"`,
    notOverseen: (leader, id) => `${leader} does not oversee "${id}"; an action is logged by a leader of the department or one above it`,
    future: (date) => `${date} is in the future; log the action as planned or in progress, and mark it done on the day`,
    notFound: (id) => `action ${id}: not found among the departments you oversee`,
  },
  notice: {
    empty: { title: 'No figures yet', body: (name) => `Hello ${name}. No pulse has closed with figures to show yet. Your next digest will say when one has.` },
    expired: { title: 'This dashboard link has expired', body: () => 'Dashboard links work for a few weeks. Use the link in your newest digest.' },
    unknown: {
      title: 'We do not recognize this dashboard link',
      body: () => 'Check that the whole link was copied from your digest, or use the link in your newest digest.',
    },
    'cross-site': {
      title: 'Nothing was saved',
      body: () => 'This form was sent from another site. Open your dashboard from the link in your digest and use the form there.',
    },
    'not-a-form': {
      title: 'Nothing was saved',
      body: () => 'This was not sent by the dashboard’s form. Open your dashboard from the link in your digest and use the form there.',
    },
    'too-large': {
      title: 'Nothing was saved',
      body: () => 'The form was far larger than the dashboard ever sends. Open your dashboard again and use the form there.',
    },
  },
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
  csv: {
    group: 'Group',
    answered: 'Answered',
    staff: 'Staff',
    low: '95% low',
    high: '95% high',
    status: 'status',
    rising: 'rising',
    earlier: 'earlier pulses (oldest first)',
    statuses: { hotspot: 'hotspot', watch: 'watch', ok: 'ok' },
    yes: 'yes',
    no: 'no',
    notPublished: 'not published',
    references: 'reference rates',
  },
  noFigures: 'No group you oversee had enough answers in this pulse to show figures.',
  group: 'Group',
  answered: 'Answered',
  line: (t) => `line ${t}`,
  ofStaff: (rate, staff) => `${rate} of ${staff}`,
  details: 'Details',
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
  commitNote:
    'Staff of the department see the title and status on their next pulse ("you said, we did"), so name no one. Once it is done, this page compares the figures before and after it.',
  notSaved: 'The action was not saved:',
  department: 'Department',
  hotspotKind: 'Hotspot kind',
  titleLabel: 'Title in English (pick a suggestion or write your own)',
  translationLabel: 'Title in Spanish (optional; otherwise staff read it as written)',
  targetLabel: 'Target date (optional)',
  commitButton: 'Commit to this action',
  hiddenNote: (k, names) => `Too few answers to report (fewer than ${k}, or they would reveal a smaller group or how a few answered): ${names}.`,
  personalNote: (k, until) =>
    `Figures are shown only for groups of at least ${k} people, after the pulse has closed. Nobody can see individual answers. This link is personal: please do not forward it. It works until ${until}; every digest brings a new one.`,
  hello2: (name) => `Hello ${name}.`,
  before: (f) => `${f.kind.charAt(0).toUpperCase()}${f.kind.slice(1)} ${f.before} before '${f.title}', ${f.after} after`,
  change: (f) => `: ${f.direction} ${f.points} points (95% interval ${f.near} to ${f.far} points), ${f.before} and ${f.after} people.`,
  noClearChange: (f) => `: no clear change (95% interval ${f.low} to ${f.high} points), ${f.before} and ${f.after} people.`,
  comments: {
    readThem: 'Read what staff wrote in this pulse',
    title: 'What staff wrote',
    intro: (days, min) =>
      `Comments from the pulse of ${days}. A group’s comments are shown only when at least ${min} people in it answered, and never where two groups’ comments could be told apart. Each comment appears once, under the smallest group it belongs to, in random order.`,
    scrubbed:
      'Names, email addresses, phone numbers, links, dates and record numbers were removed before anything was stored. Read them as a group’s voice, and please do not try to work out who wrote what.',
    none: 'No comments to show from this pulse for the groups you oversee.',
    withheld: (groups, min) =>
      `${groups === 1 ? 'One group you oversee has its' : `${groups} groups you oversee have their`} comments kept hidden: fewer than ${min} people answered, or they could be told apart from another group’s.`,
    restOf: (group) => `${group}, other teams`,
    count: (comments) => (comments === 1 ? '1 comment' : `${comments} comments`),
    themesLabel: 'Themes',
    theme: {
      emr: 'EHR and documentation',
      staffing: 'Staffing and workload',
      scheduling: 'Scheduling',
      leadership: 'Leadership',
      safety: 'Safety and abuse',
      connection: 'Team and connection',
    },
    comment: 'Comment',
    downloadCsv: 'Download these comments (CSV)',
    back: 'Back to the dashboard',
  },
  suggestedActions: {
    admin_burden: [
      'Run an EHR optimization sprint with the department’s own users: fix the five clicks they hate most.',
      'Redesign inbox and message routing so results and refills reach the right team member first.',
      'Add documentation support: scribes, shared templates or team documentation; protect documentation time in the schedule.',
      'Drop low-value requirements and forms; measure again next pulse to see the effect.',
    ],
    workload: [
      'Review staffing and the schedule against actual demand for the last four weeks.',
      'Offer flexible or self-scheduling options, especially for hourly staff.',
      'Protect breaks and rebalance panels or assignments across the team.',
      'Make the leader’s asks explicit and trim them: stop one thing before starting another.',
    ],
    burnout: [
      'Check workload and admin burden first: individual programs cannot fix system load.',
      'Offer peer support groups and make confidential counseling (EAP) easy to reach.',
      'Run compassion or resilience sessions with leaders attending alongside staff.',
    ],
    retention: [
      'Hold stay interviews: ask each person what keeps them here and what could make them leave, then act on what you hear.',
      'Act on workload and scheduling first: flexible or self-scheduling, and approved time off that is not taken back.',
      'Recognize people’s work specifically and often, in person.',
      'Show paths to grow here: mentoring, training and internal moves, so growing does not mean leaving.',
    ],
    connection: [
      'Start regular huddles or peer groups built on sharing stories, not only tasks.',
      'Name champions inside the team to carry the work between sessions.',
      'Hold facilitated forums where clinicians and administrators say what they need from each other.',
    ],
    safety: [
      'Train front-desk and other patient-facing staff in de-escalation.',
      'Record every verbal-abuse escalation as an incident, with a debrief for the people involved.',
      'Publish a clear policy on when security is called, and back staff who call it.',
    ],
  },
};

/** Every word a person reads in English. */
export const en: Words = { staffPage, invitation, unsubscribe, leader };
