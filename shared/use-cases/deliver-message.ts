import { newsLines } from '../domain/actions.js';
import { invitationEmail, invitationSms, type InvitationContext } from '../domain/invitation.js';
import type { OrgConfig } from '../domain/org-config.js';
import { reachableChannels, type Staff } from '../domain/staff.js';
import { deriveToken, hashToken } from '../domain/tokens.js';
import { acceptsAnswers, type Delivery, type Wave } from '../domain/wave.js';
import type { Clock } from '../ports/clock.js';
import { DeliveryError, type Messenger, type OutgoingMessage } from '../ports/messenger.js';
import type { Counters } from '../ports/counters.js';
import type { PulseStore } from '../ports/pulse-store.js';
import type { WaveSecretStore } from '../ports/wave-secrets.js';
import type { Log } from '../logger.js';

/** Longer than the send function's timeout: a claim this old was abandoned by a sender that died. */
const STALE_CLAIM_MS = 5 * 60 * 1000;

export interface DeliverDeps {
  store: PulseStore;
  secrets: WaveSecretStore;
  messenger: Messenger;
  clock: Clock;
  org: OrgConfig;
  log: Log;
  /** Where links point, e.g. https://pulse.example.org (no trailing slash). */
  baseUrl: string;
  /** Organization-wide counters: messages sent and failed. */
  counters?: Counters;
  /** Per-process caches: a batch of deliveries shares one wave and one secret. */
  cache?: { waves: Map<string, Wave | undefined>; secrets: Map<string, Buffer | undefined> };
}

export type DeliveryResult = { status: 'sent'; channels: number } | { status: 'skipped'; reason: 'wave-closed' | 'not-on-roster' | 'inactive' | 'no-channel' | 'already-sent' | 'joined-after-open' };

/**
 * Sends one person their link for one wave, on each channel they can be reached by. The
 * link is derived here from the wave secret, so the queue never carries a token or a
 * contact. Each channel is claimed before sending, so a redelivered message is sent once.
 * Throws DeliveryError with `retryable` when the whole delivery should be tried again.
 * queue -> deliverMessage -> store, secrets, messenger
 */
export async function deliverMessage(deps: DeliverDeps, delivery: Delivery): Promise<DeliveryResult> {
  const now = deps.clock.now();
  const wave = await cached(deps.cache?.waves, delivery.waveId, () => deps.store.getWave(delivery.waveId));
  if (!wave || !acceptsAnswers(wave, now)) return { status: 'skipped', reason: 'wave-closed' };
  const secret = await cached(deps.cache?.secrets, delivery.waveId, () => deps.secrets.get(delivery.waveId));
  if (!secret) return { status: 'skipped', reason: 'wave-closed' };
  const staff = await deps.store.getStaff(delivery.staffId);
  if (!staff) return { status: 'skipped', reason: 'not-on-roster' };
  if (!staff.active) return { status: 'skipped', reason: 'inactive' };
  const channels = reachableChannels(staff);
  if (channels.length === 0) return { status: 'skipped', reason: 'no-channel' };

  // Links were issued at open, to the people the plan counted. Someone added, reactivated or
  // made reachable since has none: a link of their own now would be the one token item
  // written at the moment their message went out. The next wave includes them.
  const token = deriveToken(secret, staff.id);
  const issued = await deps.store.getToken(hashToken(token));
  if (issued?.waveId !== wave.id) return { status: 'skipped', reason: 'joined-after-open' };

  const context = invitationContext(deps, wave, staff, token, delivery.kind);
  let sent = 0;
  for (const channel of channels) {
    const claim = { waveId: wave.id, kind: delivery.kind, staffId: staff.id, channel, now, expiresAt: issued.expiresAt, staleAfterMs: STALE_CLAIM_MS };
    if (!(await deps.store.claimDelivery(claim))) continue;
    const message: OutgoingMessage = channel === 'email' ? invitationEmail(staff.email!, staff.locale, context) : invitationSms(staff.phone!, staff.locale, context);
    try {
      const outcome = await deps.messenger.send(message);
      if (outcome === 'opted-out') {
        await deps.store.setOptOut(staff.id, channel);
        deps.log.info('opted-out', { channel, kind: delivery.kind, wave: wave.id });
      } else {
        sent++;
        deps.counters?.count('MessagesSent');
      }
      await deps.store.completeDelivery(claim);
    } catch (error) {
      if (error instanceof DeliveryError && !error.retryable) {
        // A permanent refusal (bad address, rejected content) will not get better by retrying.
        await deps.store.completeDelivery(claim);
        deps.counters?.count('MessagesFailed');
        deps.log.warn('delivery-refused', { channel, kind: delivery.kind, wave: wave.id, error: error.message });
        continue;
      }
      await deps.store.releaseDelivery(claim);
      deps.counters?.count('MessagesFailed');
      throw error instanceof DeliveryError ? error : new DeliveryError('send failed', true, { cause: error });
    }
  }
  return sent === 0 && channels.length > 0 ? { status: 'skipped', reason: 'already-sent' } : { status: 'sent', channels: sent };
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
    closesOn: new Date(wave.closesAt).toLocaleDateString(staff.locale === 'es' ? 'es-US' : 'en-US', { timeZone: deps.org.timeZone, weekday: 'long', month: 'long', day: 'numeric' }),
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
