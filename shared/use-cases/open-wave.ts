import { newsForWave } from '../domain/actions.js';
import { itemsForWave } from '../domain/instrument.js';
import { CARD_ROLE, cardCounts, planRecordingUnits, unitKey } from '../domain/recording-units.js';
import { canBeSent } from '../domain/staff.js';
import { deriveToken, hashToken } from '../domain/tokens.js';
import { cardId, tokenExpiresAt, waveIdFor, type Wave } from '../domain/wave.js';
import { WaveAlreadyOpenError, TooFewStaffError } from '../errors.js';
import { dispatchPending, type DispatchReport } from '../services/dispatch.js';
import { listRoster } from '../services/roster-reads.js';
import type { WaveDeps } from '../services/wave-deps.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Opens a wave: freezes its questions and recording plan, creates the wave secret every
 * link is derived from, issues every link's token and every printed card's, then queues a
 * message for everyone counted whose department's send window is open (the others follow on
 * the next tick).
 * CLI or schedule -> openWave -> waves, answers, secrets, dispatchPending
 */
export async function openWave(deps: WaveDeps): Promise<{ wave: Wave; dispatch: DispatchReport }> {
  const { waves, answers, org, clock } = deps;
  const existing = await waves.listWaves();
  const stillOpen = existing.find((w) => w.status === 'open');
  if (stillOpen) throw new WaveAlreadyOpenError(stillOpen.id);

  // The people who can answer are fixed here: active staff with a way to reach them. Someone
  // counted in a unit's head count but never sent a link would leave fewer real answerers
  // than the plan promises (an opted-out unit of five with one reachable nurse). A channel the
  // organization turns off while the wave is open stops at once, like an opt-out: the people
  // it reached stay counted.
  const staff = (await listRoster(deps)).filter((s) => canBeSent(s, org.channels));
  const counts = new Map<string, { department: string; roleGroup: string; count: number }>();
  for (const person of staff) {
    const key = `${person.department}/${person.roleGroup}`;
    const entry = counts.get(key) ?? { department: person.department, roleGroup: person.roleGroup, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  // Printed cards count as people who can answer, in a role bucket of their own (the plan adds them).
  const cards = cardCounts(org);
  const plan = planRecordingUnits(org, [...counts.values()]);
  const answerers = staff.length + cards.reduce((sum, row) => sum + row.count, 0);
  // Only an organization smaller than k leaves a unit under k (or none at all: nobody to ask).
  if (answerers < org.k || [...plan.staffPerUnit.values()].some((count) => count < org.k)) throw new TooFewStaffError(staff.length, org.k, org.channels);

  // "You said, we did": what leaders logged or changed since staff last answered, frozen
  // with the wave so its pages and invitations all say the same.
  const previous = [...existing].sort((a, b) => b.openedAt.localeCompare(a.openedAt))[0];
  const news = newsForWave(await deps.actions.listActions(), previous?.openedAt);

  const now = clock.now();
  const sameDay = existing.filter((w) => w.id.startsWith(waveIdFor(now).slice(0, 9))).length;
  const wave: Wave = {
    id: waveIdFor(now, sameDay + 1),
    sequence: existing.length,
    status: 'open',
    openedAt: now.toISOString(),
    closesAt: new Date(now.getTime() + org.cadence.openForDays * DAY_MS).toISOString(),
    instrumentVersion: org.instrument.version,
    items: itemsForWave(org.instrument, existing.length),
    staffPerUnit: Object.fromEntries(plan.staffPerUnit),
    units: Object.fromEntries([...counts.values(), ...cards].map((c) => [`${c.department}/${c.roleGroup}`, unitKey(plan.unitFor(c.department, c.roleGroup))])),
    issued: answerers,
    ...(cards.length > 0 ? { cards: Object.fromEntries(cards.map((row) => [row.department, row.count])) } : {}),
    reachK: org.k,
    commentMinRespondents: Math.max(org.k, org.comments.minRespondents),
    reminderRequested: false,
    dispatchedInvite: [],
    dispatchedReminder: [],
    news,
  };
  const secret = await deps.secrets.create(wave.id);
  try {
    // Every link of the wave is issued now, in one batch, and the wave appears only after:
    // no token item is written at the moment one person's message goes out, so not even
    // two backups a second apart can tie a person to their token.
    const expiresAt = tokenExpiresAt(wave);
    // A card's token comes from the same secret, so it can be printed again while the wave is
    // open and by nobody once its secret is gone; nothing says who was handed which card.
    const holders = [
      ...staff.map((person) => ({ id: person.id, unit: plan.unitFor(person.department, person.roleGroup) })),
      ...cards.flatMap((row) =>
        Array.from({ length: row.count }, (_, i) => ({ id: cardId(row.department, i + 1), unit: plan.unitFor(row.department, CARD_ROLE) })),
      ),
    ];
    await answers.issueTokens(
      holders.map(({ id, unit }) => ({
        tokenHash: hashToken(deriveToken(secret, id)),
        record: { waveId: wave.id, department: unit.department, roleGroup: unit.roleGroup, state: 'issued', expiresAt },
      })),
    );
    await waves.createWave(wave);
  } catch (error) {
    await deps.secrets.destroy(wave.id);
    throw error;
  }
  return { wave, dispatch: await dispatchPending(deps, wave.id) };
}
