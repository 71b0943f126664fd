import { incrementsFor, pickShard } from '../domain/aggregates.js';
import { parseAnswers, type Answers } from '../domain/answers.js';
import type { Item } from '../domain/instrument.js';
import { commentsExpireAt, pickCommentBucket } from '../domain/comments.js';
import { prepareComment, type PreparedComment } from '../domain/comment-text.js';
import type { OrgConfig } from '../domain/org-config.js';
import type { RecordingUnit } from '../domain/recording-units.js';
import { hashToken, isWellFormedToken } from '../domain/tokens.js';
import { acceptsAnswers } from '../domain/wave.js';
import { SubmissionMismatchError, UnitNotReachedError, UnknownLinkError, type FieldProblem } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { Counters } from '../ports/counters.js';
import type { AnswerStore } from '../ports/answer-store.js';
import type { WaveStore } from '../ports/wave-store.js';
import { findPulse, type OpenPulse, type WaveCache } from '../services/pulse-links.js';

export interface SubmitPulseDeps {
  answers: Pick<AnswerStore, 'getToken' | 'recordSubmission'>;
  /** Whether the organization takes comments: without, a comment sent anyway is not kept. */
  org: { comments: Pick<OrgConfig['comments'], 'enabled'> };
  waves: Pick<WaveStore, 'getWave'>;
  clock: Clock;
  random: () => number;
  waveCache?: WaveCache;
  counters?: Counters;
}

export type SubmitOutcome =
  /** `crisis`: the comment spoke of self-harm or crisis, so the thanks page puts support first. */
  | { status: 'counted'; crisis: boolean }
  /**
   * Nothing was written; `chosen` keeps the valid answers and `comment` what was typed, so the
   * form can come back filled in (to its writer only: it was never stored).
   */
  | { status: 'invalid'; pulse: OpenPulse; problems: FieldProblem[]; chosen: Record<string, string>; comment?: string; crisis: boolean }
  /**
   * Nothing was written: the link's unit has not yet been sent its links by k people, so the
   * answers would stand among fewer than k. The link stays usable; `chosen` is the whole form.
   */
  | { status: 'not-yet-counted'; pulse: OpenPulse; chosen: Record<string, string>; comment?: string; crisis: boolean };

/** The fields the pulse page carries besides its answers: where they go (not secret to the link's holder), and the comment. */
export const PULSE_FORM_FIELDS = { wave: 'wave', unit: 'unit', comment: 'comment' } as const;
const WAVE_ID = /^w[0-9]{8}-[0-9]{2}$/;
const UNIT = /^([^/]{1,64})\/([^/]{1,64})$/;

/** Where the form says its answers go, when it says so in the shape the page writes. */
function claimedDestination(form: Readonly<Record<string, unknown>>): { waveId: string; unit: RecordingUnit } | undefined {
  const waveId = form[PULSE_FORM_FIELDS.wave];
  const unitField = form[PULSE_FORM_FIELDS.unit];
  const unit = typeof unitField === 'string' ? UNIT.exec(unitField) : null;
  if (typeof waveId !== 'string' || !WAVE_ID.test(waveId) || !unit) return undefined;
  return { waveId, unit: { department: unit[1]!, roleGroup: unit[2]! } };
}

/**
 * Counts one person's answers exactly once, in one request to the database when it can:
 * the page says which wave and unit the link belongs to, the wave's questions come from
 * the per-process cache, and one transaction consumes the token (whose condition checks the
 * wave and unit the form named) and adds to a random shard of that unit (unless the wave has
 * closed it). A form without those fields, one they do not match, or an invalid one takes
 * the careful way: read the token, then write. Nothing is ever counted in a unit its token
 * does not name.
 * route -> submitPulse -> answers.recordSubmission
 *
 * Link problems throw (UnknownLinkError, AlreadyAnsweredError, LinkExpiredError,
 * ServiceBusyError); an incomplete form is an ordinary outcome.
 */
export async function submitPulse(deps: SubmitPulseDeps, rawToken: string, form: Readonly<Record<string, unknown>>): Promise<SubmitOutcome> {
  // Malformed tokens are unknown without a database read: cheap to reject, nothing to probe.
  if (!isWellFormedToken(rawToken)) throw new UnknownLinkError();
  const typed = deps.org.comments.enabled ? form[PULSE_FORM_FIELDS.comment] : undefined;
  const comment = prepareComment(typed);
  // Words of crisis bring support to every page the writer gets back, a form sent back included.
  const typedBack = { ...(typeof typed === 'string' && typed.trim() !== '' ? { comment: typed } : {}), crisis: comment.crisis };
  const claimed = claimedDestination(form);
  if (claimed && comment.ok) {
    const now = deps.clock.now();
    const load = () => deps.waves.getWave(claimed.waveId);
    const wave = deps.waveCache ? await deps.waveCache.get(claimed.waveId, load, now) : await load();
    const parsed = wave && acceptsAnswers(wave, now) ? parseAnswers(wave.items, form) : undefined;
    if (wave && parsed?.ok) {
      try {
        await record(deps, rawToken, {
          waveId: claimed.waveId,
          unit: claimed.unit,
          answers: parsed.answers,
          items: wave.items,
          reachK: wave.reachK,
          comment: comment.comment,
        });
        return { status: 'counted', crisis: comment.crisis };
      } catch (error) {
        if (error instanceof UnitNotReachedError)
          return {
            status: 'not-yet-counted',
            pulse: await findPulse(deps, rawToken, { cachedWave: true }),
            chosen: chosenValues(parsed.answers),
            ...typedBack,
          };
        if (!(error instanceof SubmissionMismatchError)) throw error;
      }
    }
  }

  const pulse = await findPulse(deps, rawToken, { cachedWave: true });
  const parsed = parseAnswers(pulse.items, form);
  const commentProblems: FieldProblem[] = comment.ok
    ? []
    : [{ field: PULSE_FORM_FIELDS.comment, problem: comment.problem === 'too-long' ? 'too-long' : 'repeated' }];
  if (!parsed.ok || !comment.ok)
    return {
      status: 'invalid',
      pulse,
      problems: [...(parsed.ok ? [] : parsed.problems), ...commentProblems],
      chosen: parsed.ok ? chosenValues(parsed.answers) : parsed.partial,
      ...typedBack,
    };
  try {
    await record(deps, rawToken, {
      waveId: pulse.wave.id,
      unit: { department: pulse.token.department, roleGroup: pulse.token.roleGroup },
      answers: parsed.answers,
      items: pulse.items,
      reachK: pulse.wave.reachK,
      comment: comment.comment,
    });
  } catch (error) {
    if (error instanceof UnitNotReachedError) return { status: 'not-yet-counted', pulse, chosen: chosenValues(parsed.answers), ...typedBack };
    throw error;
  }
  return { status: 'counted', crisis: comment.crisis };
}

interface Submission {
  waveId: string;
  unit: RecordingUnit;
  answers: Answers;
  items: readonly Item[];
  reachK: number | undefined;
  comment: PreparedComment | undefined;
}

/**
 * `reachK`: the wave's threshold, so a unit's answers are counted only once its links reached
 * k people (waves opened before it was kept have none, and count as before).
 */
async function record(deps: SubmitPulseDeps, rawToken: string, submission: Submission) {
  const { waveId, unit, answers, items, reachK, comment } = submission;
  const outcome = await deps.answers.recordSubmission({
    tokenHash: hashToken(rawToken),
    waveId,
    unit,
    shard: pickShard(deps.random),
    increments: incrementsFor(answers, items),
    now: deps.clock.now(),
    ...(reachK === undefined ? {} : { reachK }),
    ...(comment === undefined ? {} : { comment: { text: comment.text, bucket: pickCommentBucket(deps.random), expiresAt: commentsExpireAt(waveId) } }),
  });
  deps.counters?.count('AnswersCounted');
  if (comment !== undefined) deps.counters?.count(outcome === 'recorded' ? 'CommentsKept' : 'CommentsDropped');
}

/** Valid answers as the form's fields carry them, so the page comes back filled in. */
function chosenValues(answers: Answers): Record<string, string> {
  return Object.fromEntries(Object.entries(answers).map(([item, value]) => [item, String(value)]));
}
