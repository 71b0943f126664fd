import { newsLines } from '../domain/actions.js';
import { invitationEmail, invitationSms, type InvitationContext } from '../domain/invitation.js';
import type { OrgConfig } from '../domain/org-config.js';
import { reachableChannels, type Channel, type EnabledChannels, type Staff } from '../domain/staff.js';
import { deriveToken, hashToken } from '../domain/tokens.js';
import { acceptsAnswers, type Delivery, type TokenRecord, type Wave } from '../domain/wave.js';
import type { Clock } from '../ports/clock.js';
import type { Counters } from '../ports/counters.js';
import { STALE_CLAIM_MS, type DeliveryOutcome, type SkipReason } from '../ports/delivery-queue.js';
import { DeliveryError, type Messenger, type OutgoingMessage } from '../ports/messenger.js';
import type { AnswerStore, ReachEntry } from '../ports/answer-store.js';
import type { DeliveryClaim, DeliveryLog } from '../ports/delivery-log.js';
import type { RosterStore } from '../ports/roster-store.js';
import type { WaveStore } from '../ports/wave-store.js';
import type { WaveSecretStore } from '../ports/wave-secrets.js';
import { errorName, type Log } from '../logger.js';

export interface DeliverDeps {
  roster: Pick<RosterStore, 'getStaffMany' | 'setOptOut'>;
  waves: Pick<WaveStore, 'getWave'>;
  answers: Pick<AnswerStore, 'getTokens' | 'recordReach'>;
  deliveries: Pick<DeliveryLog, 'claimDelivery' | 'completeDeliveries' | 'releaseDelivery'>;
  secrets: WaveSecretStore;
  messenger: Messenger;
  clock: Clock;
  org: OrgConfig;
  log: Log;
  /** Where links point, e.g. https://pulse.example.org (no trailing slash). */
  baseUrl: string;
  /** Organization-wide counters: messages sent, failed (to be retried) and refused for good. */
  counters?: Counters;
  /**
   * Waves and secrets kept across batches, for a caller that knows when they change (the local
   * platform forgets them after each command). Without it each batch reads its own.
   */
  cache?: { waves: Map<string, Wave | undefined>; secrets: Map<string, Buffer | undefined> };
}

/**
 * Claims marked sent at most this many at a time, as the batch goes: a sender that dies
 * leaves only these "sending", and once stale they are sent again when the batch comes back.
 */
export const COMPLETE_EVERY = 5;

/**
 * A sender stops claiming new messages when less time than this is left: the ones it has
 * not started come back with the batch instead of being cut off by the function's timeout
 * halfway through (SDK retries on a slow provider call can take seconds).
 */
export const STOP_BEFORE_TIMEOUT_MS = 15_000;

/** A delivery that needs no other try: sent, or skipped for a reason. */
export type DeliveryResult = Exclude<DeliveryOutcome, { status: 'failed' }>;

/** Someone a message may go to: their wave is open and they can be reached on the delivery's channel. */
interface Recipient {
  delivery: Delivery;
  wave: Wave;
  staff: Staff;
  channel: Channel;
  token: string;
  /** What the table knows the token by. */
  tokenHash: string;
}

/**
 * Sends a batch of deliveries: each a person's link for one wave, on the delivery's channel
 * if they can still be reached on it. The batch shares its reads (its wave and secret once,
 * the people and their tokens a hundred to a request) and its closing writes (claims marked
 * sent 25 to a request, and the people reached counted in their units); each message is
 * still claimed on its own before it is sent, which is what keeps a redelivered queue
 * message from sending twice. The link is derived here
 * from the wave secret, so the queue never carries a token or a contact.
 *
 * Returns each delivery's outcome, in order. A send that may succeed later fails only its own
 * delivery (its claim given back); throws only when the batch cannot start (its wave, its
 * people or their tokens could not be read), and then nothing was sent. With `remainingMs`
 * (Lambda's time left), deliveries not started before the last STOP_BEFORE_TIMEOUT_MS fail
 * as retryable, unclaimed.
 * queue -> deliverMessages -> roster, answers, deliveries, secrets, messenger
 */
export async function deliverMessages(
  deps: DeliverDeps,
  deliveries: readonly Delivery[],
  options: { remainingMs?: () => number } = {},
): Promise<DeliveryOutcome[]> {
  const now = deps.clock.now();
  const openWaves = await readOpenWaves(deps, deliveries, now);
  // Each batch read names its keys in their own sorted order, never person by person in
  // step: a log of the two requests' keys (CloudTrail data events) cannot pair a person
  // with their link by position.
  const staff = await deps.roster.getStaffMany(sorted(deliveries.filter((d) => openWaves.has(d.waveId)).map((d) => d.staffId)));

  const outcomes: (DeliveryOutcome | undefined)[] = [];
  const recipients: { index: number; recipient: Recipient }[] = [];
  deliveries.forEach((delivery, index) => {
    const found = recipientFor(delivery, openWaves, staff, deps.org.channels);
    if (typeof found === 'string') outcomes[index] = { status: 'skipped', reason: found };
    else recipients.push({ index, recipient: found });
  });
  const issued = await deps.answers.getTokens(sorted(recipients.map(({ recipient }) => recipient.tokenHash)));

  const finished: DeliveryClaim[] = [];
  const reached: ReachEntry[] = [];
  for (const { index, recipient } of recipients) {
    if (options.remainingMs && options.remainingMs() < STOP_BEFORE_TIMEOUT_MS) {
      outcomes[index] = { status: 'failed', error: new DeliveryError('delivery out-of-time', true) };
      continue;
    }
    // Links were issued at open, to the people the plan counted. Someone added, reactivated or
    // made reachable since has none: a link of their own now would be the one token item
    // written at the moment their message went out. The next wave includes them.
    const record = issued.get(recipient.tokenHash);
    if (record?.waveId !== recipient.wave.id) {
      outcomes[index] = { status: 'skipped', reason: 'joined-after-open' };
      continue;
    }
    try {
      outcomes[index] = await sendTo(deps, recipient, record, now, finished, reached);
    } catch (error) {
      outcomes[index] = {
        status: 'failed',
        error: error instanceof DeliveryError ? error : new DeliveryError(`delivery ${errorName(error)}`, true, { cause: error }),
      };
    }
    if (finished.length >= COMPLETE_EVERY) await complete(deps, finished.splice(0));
  }
  await complete(deps, finished);
  await countReach(deps, reached);
  return outcomes.map((outcome) => outcome!);
}

async function complete(deps: DeliverDeps, claims: DeliveryClaim[]): Promise<void> {
  if (claims.length === 0) return;
  try {
    await deps.deliveries.completeDeliveries(claims);
  } catch (error) {
    // The messages went out. Failing their deliveries would have them sent again once their
    // claims are stale; left "sending", the claims still stop any resend until then.
    deps.log.warn('delivery-completion-failed', { claims: claims.length, error: errorName(error) });
  }
}

function sorted(keys: string[]): string[] {
  return keys.sort();
}

/**
 * One delivery on its own, as deliverMessages sends it in a batch of one. Throws DeliveryError
 * with `retryable` when it should be tried again.
 */
export async function deliverMessage(deps: DeliverDeps, delivery: Delivery): Promise<DeliveryResult> {
  const [outcome] = await deliverMessages(deps, [delivery]);
  if (outcome!.status === 'failed') throw outcome!.error;
  return outcome!;
}

/** The batch's waves that still take answers, with their secrets; one read each, or none if cached. */
async function readOpenWaves(deps: DeliverDeps, deliveries: readonly Delivery[], now: Date): Promise<Map<string, { wave: Wave; secret: Buffer }>> {
  const open = new Map<string, { wave: Wave; secret: Buffer }>();
  for (const waveId of new Set(deliveries.map((d) => d.waveId))) {
    const wave = await cached(deps.cache?.waves, waveId, () => deps.waves.getWave(waveId));
    if (!wave || !acceptsAnswers(wave, now)) continue;
    const secret = await cached(deps.cache?.secrets, waveId, () => deps.secrets.get(waveId));
    if (secret) open.set(waveId, { wave, secret });
  }
  return open;
}

function recipientFor(
  delivery: Delivery,
  openWaves: Map<string, { wave: Wave; secret: Buffer }>,
  staff: Map<string, Staff>,
  enabled: EnabledChannels,
): Recipient | SkipReason {
  const open = openWaves.get(delivery.waveId);
  if (!open) return 'wave-closed';
  const person = staff.get(delivery.staffId);
  if (!person) return 'not-on-roster';
  if (!person.active) return 'inactive';
  // An opt-out or a channel turned off since dispatch stops this message here.
  if (!reachableChannels(person, enabled).includes(delivery.channel)) return 'no-channel';
  const token = deriveToken(open.secret, person.id);
  return { delivery, wave: open.wave, staff: person, channel: delivery.channel, token, tokenHash: hashToken(token) };
}

/**
 * Claims and sends one person's message, adding the claim to `finished` once it is done with
 * (sent, opted out, or refused for good). A failure that may pass gives the claim back and
 * throws, so the delivery comes back and is tried again.
 */
async function sendTo(
  deps: DeliverDeps,
  recipient: Recipient,
  issued: TokenRecord,
  now: Date,
  finished: DeliveryClaim[],
  reached: ReachEntry[],
): Promise<DeliveryResult> {
  const { delivery, wave, staff, channel } = recipient;
  const claim: DeliveryClaim = {
    waveId: wave.id,
    kind: delivery.kind,
    staffId: staff.id,
    channel,
    now,
    expiresAt: issued.expiresAt,
    staleAfterMs: STALE_CLAIM_MS,
  };
  if (!(await deps.deliveries.claimDelivery(claim))) return { status: 'skipped', reason: 'already-sent' };
  const context = invitationContext(deps, wave, staff, recipient.token, delivery.kind);
  const message: OutgoingMessage =
    channel === 'email' ? invitationEmail(staff.email!, staff.locale, context) : invitationSms(staff.phone!, staff.locale, context);
  try {
    const outcome = await deps.messenger.send(message);
    if (outcome === 'opted-out') {
      await deps.roster.setOptOut(staff.id, channel);
      deps.log.info('opted-out', { channel, kind: delivery.kind, wave: wave.id });
      finished.push(claim);
      return { status: 'skipped', reason: 'opted-out' };
    }
    deps.counters?.count('MessagesSent');
    finished.push(claim);
    reached.push({ waveId: wave.id, staffId: staff.id, unit: { department: issued.department, roleGroup: issued.roleGroup }, expiresAt: issued.expiresAt });
    return { status: 'sent' };
  } catch (error) {
    if (error instanceof DeliveryError && !error.retryable) {
      // A permanent refusal (bad address, unverified sender, no permission) will not get better
      // by retrying, so nothing brings this message back: the counter is what raises it.
      deps.counters?.count('MessagesRefused');
      finished.push(claim);
      deps.log.warn('delivery-refused', { channel, kind: delivery.kind, wave: wave.id, error: error.message });
      return { status: 'skipped', reason: 'refused' };
    }
    deps.counters?.count('MessagesFailed');
    await deps.deliveries.releaseDelivery(claim);
    throw error instanceof DeliveryError ? error : new DeliveryError('send failed', true, { cause: error });
  }
}

/**
 * Counts the batch's people in the units their links record into, each once however many
 * messages reach them: a unit's answers are counted only once k people were reached
 * (submit-pulse.ts). Counted after the sends, never before: a count that fails leaves the
 * unit counted short, which holds its answers back (until a reminder reaches the people
 * again) rather than letting them stand among fewer people than k.
 */
async function countReach(deps: DeliverDeps, reached: readonly ReachEntry[]): Promise<void> {
  if (reached.length === 0) return;
  try {
    await deps.answers.recordReach(reached);
  } catch (error) {
    deps.counters?.count('ReachNotCounted', reached.length);
    deps.log.warn('reach-not-counted', { people: reached.length, error: errorName(error) });
  }
}

function invitationContext(deps: DeliverDeps, wave: Wave, staff: Staff, token: string, kind: Delivery['kind']): InvitationContext {
  const department = deps.org.departments.find((d) => d.id === staff.department);
  return {
    orgName: deps.org.name,
    shortName: deps.org.shortName ?? deps.org.name,
    departmentName: department ? department.name[staff.locale] : deps.org.name,
    link: pulseLink(deps.baseUrl, token, staff.locale, deps.org.defaultLocale),
    unsubscribeUrl: staff.unsubscribeToken ? `${deps.baseUrl}/u/${staff.id}/${staff.unsubscribeToken}` : undefined,
    news: newsLines(deps.org, wave, staff.department, staff.locale),
    closesOn: new Date(wave.closesAt).toLocaleDateString(staff.locale === 'es' ? 'es-US' : 'en-US', {
      timeZone: deps.org.timeZone,
      weekday: 'long',
      month: 'long',
      day: 'numeric',
    }),
    kind,
  };
}

/** A person's link: their language rides in the link (the table must not say who reads Spanish). */
export function pulseLink(baseUrl: string, token: string, locale: Staff['locale'], defaultLocale: Staff['locale']): string {
  return `${baseUrl}/p/${token}${locale === defaultLocale ? '' : `?lang=${locale}`}`;
}

async function cached<T>(cache: Map<string, T> | undefined, key: string, load: () => Promise<T>): Promise<T> {
  if (cache?.has(key)) return cache.get(key)!;
  const value = await load();
  cache?.set(key, value);
  return value;
}
