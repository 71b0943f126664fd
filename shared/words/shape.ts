import type { FieldProblem } from '../errors.js';
import type { ActionStatus } from '../domain/action-news.js';
import type { Domain } from '../domain/instrument.js';
import type { CommentTheme } from '../domain/comment-text.js';

/**
 * The shape every locale's words take (en.ts, es.ts, ...): a locale that misses a string, or
 * has one the others lack, does not compile. Words that place a figure or a name are
 * functions of it; the caller formats the figure.
 */
export interface Words {
  staffPage: StaffPageWords;
  invitation: (facts: InvitationFacts) => InvitationWords;
  unsubscribe: UnsubscribeWords;
  leader: LeaderWords;
}

/** Every string the pages staff answer on show. Item texts live in the instrument. */
export interface StaffPageWords {
  languageName: string;
  switchTo: string;
  title: string;
  /** Which pulse a page belongs to: `dates` as {@link StaffPageWords.rangeJoin} joins them. */
  pulseOf: (dates: string) => string;
  /** Set where a language words a range of days itself ("del 1 al 6"); else the calendar's dash stays. */
  rangeJoin?: string;
  intro: string;
  anonymity: (k: number) => string;
  submit: string;
  required: string;
  errorSummary: string;
  notYetCounted: string;
  problem: Record<FieldProblem['problem'], string>;
  thanksTitle: string;
  thanksBody: string;
  supportTitle: string;
  closeHint: string;
  unknownTitle: string;
  unknownBody: string;
  usedTitle: string;
  usedBody: string;
  expiredTitle: string;
  expiredBody: string;
  busyTitle: string;
  busyBody: string;
  errorTitle: string;
  errorBody: string;
  departmentLabel: string;
  newsTitle: string;
  newsIntro: string;
  newsStatus: Record<ActionStatus, string>;
  /** The one optional free-text question, and what happens to what is written. */
  commentLabel: string;
  commentHint: (minRespondents: number) => string;
  /** On the thanks page when a comment spoke of self-harm or crisis: support first, and that nothing was sent. */
  crisisTitle: string;
  crisisBody: string;
  crisisNothingSent: string;
  /** The same on a form sent back, when nothing was stored. */
  crisisNothingKept: string;
}

/** What an invitation or reminder says depends on. */
export interface InvitationFacts {
  kind: 'invite' | 'reminder';
  orgName: string;
  /** Name used in SMS, where every character counts. */
  shortName: string;
  departmentName: string;
  closesOn: string;
}

/** The words of one invitation or reminder, by email and by SMS. */
export interface InvitationWords {
  subject: string;
  lead: string;
  button: string;
  note: string;
  unsubscribe: string;
  smsLead: string;
  smsFooter: string;
  newsTitle: string;
  newsStatus: Record<ActionStatus, string>;
}

/**
 * A printed one-time card and the sheet it is printed on. The pulse's title comes from the
 * staff page's words; a card carries every language of the organization. Kept out of
 * {@link Words}: only the CLI prints cards, and the pulse's Lambda need not carry them.
 */
export interface CardWords {
  /** The sheet's title, for the admin who prints it. */
  sheetTitle: (department: string) => string;
  /** How to print and hand out the cards; shown on screen, never printed. */
  sheetIntro: (cards: number, closes: string) => string;
  /** That nothing may record who gets which card, and that the file holds live links. */
  sheetWarning: string;
  /** When the card can be answered: the pulse's days, and when it closes. */
  when: (dates: string, closes: string) => string;
  /** What the QR code is, for a screen reader. */
  qrLabel: string;
  /** Before the link printed as text. */
  typeLink: string;
  /** One line on anonymity and single use. */
  anonymity: string;
}

/** The page that stops a person's pulse emails. */
export interface UnsubscribeWords {
  confirmTitle: string;
  confirmBody: string;
  button: string;
  doneTitle: string;
  doneBody: string;
}

/** Every word a leader reads in a digest or on a dashboard. */
export type DashboardNotice = 'empty' | 'unknown' | 'expired' | 'cross-site' | 'not-a-form' | 'too-large';

export interface LeaderWords {
  kind: Record<Domain, string>;
  otherRoles: string;
  allRoles: string;
  /** The holders of a department's printed one-time cards, as a role group. */
  cardHolders: string;
  wholeOrganization: (role: string) => string;
  withOthers: (name: string, others: string) => string;
  pulseOf: (org: string, dates: string) => string;
  hello: (name: string) => string;
  /** What a figure counts, in the words of its questions: "say their workload was not manageable". */
  problem: Record<Domain, string>;
  /** The plain sentence a finding opens with; `people` when one question was asked, so the share is of people. */
  plainFinding: (f: { label: string; share: string; n: number; problem: string; people: boolean }) => string;
  statLine: (threshold: string) => string;
  statInterval: (low: string, high: string) => string;
  statPooled: (f: { share: string; n: number; low: string; high: string }) => string;
  /**
   * How likely the rate is above the line and the bar a hotspot needs; then the pulses read as
   * one level (`pulses`, from the day `since`), a change at this pulse (`pulses` 1 of `read` more
   * than 1), or this pulse alone (`read` 1); and whether the organization's departments were read.
   */
  statEstimate: (f: {
    above: string;
    bar: string;
    pulses: number;
    read: number;
    since: string;
    share: string;
    n: number;
    borrowed: boolean;
    /** Set where the bar was lowered because few answered this pulse: how many did. */
    barLoweredFor?: number | undefined;
  }) => string;
  /** `recent`: pulses held against the baseline (1 or 2); the baseline's pulses named by their first and last days. */
  statRising: (f: { baseline: string; pulses: number; first: string; last: string; recent: number }) => string;
  statRecent: (f: { baseline: string; pulses: number; first: string; last: string }) => string;
  statFirst: string;
  statStreak: (pulses: number) => string;
  persistentTag: string;
  noHotspotsSubject: (rate: string) => string;
  tooFewAnswered: string;
  hotspotsSubject: (count: number) => string;
  worseningSubject: (count: number) => string;
  rising: string;
  notEnoughSubject: string;
  waitingSubject: (count: number) => string;
  /** After the groups a subject line has room for. */
  andMore: (count: number) => string;
  notEnough: (departments: string, k: number) => string;
  acrossIncluding: (group: string, rate: string) => string;
  allWell: string;
  hotspotTag: string;
  worseningTag: string;
  watchTag: string;
  persistent: string;
  toWatch: string;
  toWatchTitle: string;
  /** Hotspots in the reader's own departments with an action still due. */
  dueTitle: string;
  dueIntro: (days: number) => string;
  due: (f: { group: string; kind: string; pulse: string; due: string }) => string;
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
  groupsWithHotspot: (hotspots: number, groups: number, all: number) => string;
  atAGlance: string;
  /** What the heatmap shows and how its marks read. */
  heatmapCaption: (pulse: string) => string;
  heatmapMarks: string;
  /** A hidden department's row, in place of its figures. */
  hiddenRow: (k: number) => string;
  notAsked: (kinds: string) => string;
  pastDue: string;
  // A large organization's first page, and a page per group
  summaryNote: (groups: number) => string;
  hotspotsWithin: string;
  fullTable: string;
  moreTopGroups: (count: number) => string;
  moreFindings: (count: number) => string;
  allYourGroups: string;
  actionsOnGroupPages: string;
  /** What was wrong with an action a leader sent, field by field. */
  actionProblems: {
    field: Record<'department' | 'kind' | 'title' | 'titleEs' | 'titleEn' | 'status' | 'targetOn' | 'doneOn', string>;
    date: string;
    tooShort: string;
    tooLong: string;
    email: string;
    phone: string;
    control: string;
    link: string;
    status: string;
    kind: string;
    chooseDepartment: string;
    doneDateNeedsDone: string;
    nothingToChange: string;
    unknownField: (keys: string[]) => string;
    unknownDepartment: (id: string) => string;
    notOverseen: (leader: string, id: string) => string;
    future: (date: string) => string;
    notFound: (id: string) => string;
  };
  /** What a dashboard link shows when it shows no figures: a title and a sentence. */
  notice: Record<DashboardNotice, { title: string; body: (name: string) => string }>;
  noHotspotsIn: (all: number) => string;
  trendsFrom: (pulse: string) => string;
  needsAttention: string;
  hotspots: string;
  risingTitle: string;
  legend: [string, string][];
  downloadCsv: string;
  /** The CSV's column headers and the words in its cells. */
  csv: {
    group: string;
    answered: string;
    staff: string;
    low: string;
    high: string;
    status: string;
    rising: string;
    earlier: string;
    statuses: Record<'hotspot' | 'watch' | 'ok', string>;
    yes: string;
    no: string;
    notPublished: string;
    references: string;
  };
  noFigures: string;
  group: string;
  answered: string;
  line: (threshold: string) => string;
  ofStaff: (rate: string, staff: number) => string;
  details: string;
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
  /** The optional field for the title in the organization's other language. */
  translationLabel: string;
  targetLabel: string;
  commitButton: string;
  hiddenNote: (k: number, names: string) => string;
  personalNote: (k: number, until: string) => string;
  hello2: (name: string) => string;
  before: (f: { kind: string; before: string; title: string; after: string }) => string;
  change: (f: { direction: 'down' | 'up'; points: number; near: number; far: number; before: number; after: number }) => string;
  noClearChange: (f: { low: string; high: string; before: number; after: number }) => string;
  /**
   * Suggested actions per hotspot kind where the organization names none, from what
   * organizations like ours found to help: lighten the system load first (documentation,
   * inbox, staffing), then support people.
   */
  suggestedActions: Record<Domain, string[]>;
  comments: CommentWords;
}

/** The page of what staff wrote, and the dashboard's way to it. */
export interface CommentWords {
  readThem: string;
  title: string;
  intro: (pulseDays: string, minRespondents: number) => string;
  scrubbed: string;
  none: string;
  /** Groups in the leader's view whose comments stay hidden. */
  withheld: (groups: number, minRespondents: number) => string;
  /** A group's own section when its shown subgroups have their own. */
  restOf: (group: string) => string;
  count: (comments: number) => string;
  themesLabel: string;
  theme: Record<CommentTheme, string>;
  comment: string;
  downloadCsv: string;
  back: string;
}
