import { channelLabel, channelsOn, channelsToTurnOn, type EnabledChannels } from './domain/staff.js';
/**
 * One error tree for the whole platform. Routes map these to HTTP in one place
 * (functions/api/app.ts); anything that is not an AppError becomes a generic 500,
 * so raw errors never reach a user.
 */
export abstract class AppError extends Error {
  abstract readonly status: number;
  /** Stable machine-readable code, also used to pick the page a person sees. */
  abstract readonly code: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** An AppError that always says the same thing: its class is all a caller needs. */
function fixedError(status: number, code: string, message: string) {
  return class extends AppError {
    readonly status = status;
    readonly code = code;
    constructor() {
      super(message);
    }
  };
}

/** The link's token was never issued (or is not even shaped like one). */
export class UnknownLinkError extends fixedError(404, 'unknown-link', 'This pulse link is not one we issued.') {}

/** The token was already used: its answers are counted. */
export class AlreadyAnsweredError extends fixedError(409, 'already-answered', 'This pulse link has already been used.') {}

/**
 * The form named a wave or unit its token does not have (an edited page, or a page from
 * before a change). Nothing was written; the submit goes the careful way instead.
 */
export class SubmissionMismatchError extends fixedError(409, 'submission-mismatch', 'The form does not match its link.') {}

/**
 * The link's unit has not yet been sent its links by k people (the rest may still be in the
 * queue, or wait for their send window): counted now, the answers could stand alone in their
 * unit. Nothing was written and the link stays usable: the person sends again later.
 */
export class UnitNotReachedError extends fixedError(
  409,
  'unit-not-reached',
  'Your answers were not counted yet: too few of your colleagues have been sent their link so far. Nothing was stored; please send them again later.',
) {}

/** The token expired or its wave closed. */
export class LinkExpiredError extends AppError {
  readonly status = 410;
  readonly code = 'link-expired';
  constructor(readonly reason: 'expired' | 'wave-closed') {
    super(reason === 'expired' ? 'This pulse link has expired.' : 'This pulse has closed.');
  }
}

/** One problem with one answer field, phrased for the person filling in the form. */
export interface FieldProblem {
  field: string;
  problem: 'missing' | 'not-an-option' | 'repeated' | 'too-long';
}

/** The database stayed too busy after every retry; the person should try again shortly. */
export class ServiceBusyError extends AppError {
  readonly status = 503;
  readonly code = 'busy';
  constructor(
    readonly retryAfterSeconds: number,
    options?: { cause?: unknown },
  ) {
    super('The service is busy; please try again in a moment.', options);
  }
}

/** A configuration or input file is wrong. `where` names the file, line or path, and field. */
export class InvalidInputError extends AppError {
  readonly status = 400;
  readonly code = 'invalid-input';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/**
 * An item in the table does not have the shape this version of the code expects: data
 * written by another version, or edited by hand. Names the item's key and the fields, so
 * an operator can find it; never a user's problem, so not an AppError (a page shows 500).
 */
export class StoredDataError extends Error {
  constructor(
    readonly key: string,
    readonly problems: string,
  ) {
    super(`The stored item ${key} does not match this version of Care Pulse:\n${problems}`);
    this.name = 'StoredDataError';
  }
}

/** An action changed (or appeared) between reading and saving it. */
export class ActionChangedError extends AppError {
  readonly status = 409;
  readonly code = 'action-changed';
  constructor(
    readonly actionId: string,
    options?: { cause?: unknown },
  ) {
    super(
      `Action ${actionId} was changed by someone else (or already exists) since it was read; look at it again and repeat the change if it still applies.`,
      options,
    );
  }
}

export class WaveAlreadyOpenError extends AppError {
  readonly status = 409;
  readonly code = 'wave-open';
  constructor(readonly waveId: string) {
    super(`Wave ${waveId} is still open; close it before opening another.`);
  }
}

export class TooFewStaffError extends AppError {
  readonly status = 409;
  readonly code = 'too-few-staff';
  constructor(
    readonly reachableStaff: number,
    readonly k: number,
    channels: EnabledChannels,
  ) {
    const on = channelsOn(channels).map(channelLabel);
    const sendsBy =
      on.length === 0 ? `it sends on no channel: set ${channelsToTurnOn(channels).join(' or ')} in the org file` : `it sends by ${on.join(' and ')} only`;
    super(
      `Only ${reachableStaff} staff on the roster can be sent a link (active, with a channel the organization sends on that they have not opted out of; ${sendsBy}): with k = ${k}, nobody's answers could stay anonymous. Import the full roster before opening a wave.`,
    );
  }
}

export class NoOpenWaveError extends AppError {
  readonly status = 409;
  readonly code = 'no-open-wave';
  constructor() {
    super('No wave is open.');
  }
}

/**
 * An alert run that left some digest to retry, thrown by the scheduled function once every
 * leader was tried, so Lambda retries the run and the function's errors alarm fires. Counts
 * only: a leader's id can be their name.
 */
export class DigestsLeftToRetryError extends Error {
  constructor(report: {
    waveId: string | undefined;
    digests: readonly unknown[];
    sent: readonly string[];
    alreadySent: readonly string[];
    refused: readonly string[];
    retryLater: readonly string[];
  }) {
    super(
      `${report.retryLater.length} of ${report.digests.length} digests of wave ${report.waveId} failed in a way that may pass and are left for the next run (${report.sent.length} sent now, ${report.refused.length} refused, ${report.alreadySent.length} sent before).`,
    );
    this.name = 'DigestsLeftToRetryError';
  }
}

/** Formats a zod issue path the way an admin reads a JSON file: `departments[3].parent`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out === '' ? '(top level)' : out;
}
