import type { Domain, Item } from '../../shared/domain/instrument.js';

/**
 * How the demo's departments answer when `pulse demo answer` simulates a wave: the
 * emergency department drowning in documentation, the ICU too busy to answer (fewer than
 * k responses), and the rest ordinary. Deterministic for a given seed.
 */
export interface AnswerProfile {
  /** Share of the department's links that get answered. */
  responseRate: number;
  /** Chance of an adverse answer, per domain. */
  adverse: Partial<Record<Domain, number>>;
}

export const DEMO_PROFILES: Record<string, AnswerProfile> = {
  emergency: { responseRate: 0.75, adverse: { admin_burden: 0.8, workload: 0.35, burnout: 0.4, retention: 0.32, connection: 0.2, safety: 0.3 } },
  icu: { responseRate: 0.15, adverse: { workload: 0.6 } },
  'front-desk': { responseRate: 0.7, adverse: { safety: 0.5, workload: 0.3, admin_burden: 0.2, retention: 0.3 } },
};
/** Intent to leave a little under the national 28.7% of health care workers (docs/reference-rates.md): an ordinary department. */
export const ORDINARY: AnswerProfile = {
  responseRate: 0.65,
  adverse: { admin_burden: 0.2, workload: 0.2, burnout: 0.25, retention: 0.25, connection: 0.15, safety: 0.1 },
};

/**
 * How a demo department answered pulse `sequence` of the seeded year (`upgradeAt` is the
 * first pulse after primary care's EHR upgrade): primary care's EMR frustration halves with
 * the upgrade, as at the community health center the demo's story comes from, and its burnout
 * and intent to leave ease with it; the emergency department is overloaded in the last three
 * pulses on top of its documentation burden, and its burnout and intent to leave rise with the
 * overload, as work overload went with both in Rotenstein et al.'s national survey. In the
 * fortnightly year the last of those pulses asks the intent-to-leave item, so the opening
 * dashboard shows the rise.
 */
export function demoHistoryProfile(department: string, sequence: number, waves: number, upgradeAt: number): AnswerProfile {
  if (department === 'primary-care') {
    return {
      responseRate: 0.85,
      adverse: {
        ...ORDINARY.adverse,
        admin_burden: sequence < upgradeAt ? 0.64 : 0.3,
        burnout: sequence < upgradeAt ? 0.4 : 0.28,
        retention: sequence < upgradeAt ? 0.35 : 0.2,
      },
    };
  }
  if (department === 'emergency') {
    const overloaded = sequence >= waves - 3;
    const usual = DEMO_PROFILES.emergency!.adverse;
    return {
      ...DEMO_PROFILES.emergency!,
      adverse: overloaded ? { ...usual, workload: 0.7, burnout: 0.52, retention: 0.5 } : { ...usual, workload: 0.3 },
    };
  }
  return DEMO_PROFILES[department] ?? ORDINARY;
}

/** A small seeded generator (mulberry32), so a simulated wave is the same every time. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A filled-in form: for each item, an adverse option with the profile's chance, else a calm one. */
export function simulatedForm(items: readonly Item[], profile: AnswerProfile, random: () => number): Record<string, string> {
  const form: Record<string, string> = {};
  for (const item of items) {
    const adverse = random() < (profile.adverse[item.domain] ?? 0);
    const pool = item.options.filter((o) => item.adverse.includes(o.value) === adverse);
    form[`q_${item.id}`] = String(pool[Math.floor(random() * pool.length)]!.value);
  }
  return form;
}

/** One person's pulse link as the outbox holds it: `recipients` are the addresses it went to. */
export interface DemoLink<T> {
  link: T;
  department: string;
  recipients: readonly string[];
}

/**
 * Who answers a simulated wave: in each department, exactly its profile's share of the links
 * (rounded), picked by a seeded shuffle of the links in recipient order. A count, not a coin
 * per link, so the ICU stays under k however the outbox happens to order its messages (a coin
 * per link in outbox order let one run in six give the ICU five answers).
 */
export function demoRespondents<T>(links: readonly DemoLink<T>[], random: () => number): { link: T; profile: AnswerProfile }[] {
  const byDepartment = new Map<string, DemoLink<T>[]>();
  const keyed = links.map((l) => ({ l, key: [...l.recipients].sort()[0] ?? '' })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const { l } of keyed) {
    const pool = byDepartment.get(l.department);
    if (pool) pool.push(l);
    else byDepartment.set(l.department, [l]);
  }
  const chosen: { link: T; profile: AnswerProfile }[] = [];
  for (const department of [...byDepartment.keys()].sort()) {
    const pool = byDepartment.get(department)!;
    const profile = DEMO_PROFILES[department] ?? ORDINARY;
    for (let i = pool.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    for (const l of pool.slice(0, Math.round(pool.length * profile.responseRate))) chosen.push({ link: l.link, profile });
  }
  return chosen;
}

/** The distinct pulse links in `messages`, each with its recipients and their department on the roster. */
export function demoLinks<T>(
  messages: readonly { to: string; text: string }[],
  linkOf: (text: string) => T | undefined,
  roster: readonly { email?: string | undefined; phone?: string | undefined; department: string }[],
): DemoLink<T>[] {
  const departmentOf = new Map<string, string>();
  for (const person of roster) {
    if (person.email) departmentOf.set(person.email, person.department);
    if (person.phone) departmentOf.set(person.phone, person.department);
  }
  const byLink = new Map<T, DemoLink<T> & { recipients: string[] }>();
  for (const message of messages) {
    const link = linkOf(message.text);
    if (link === undefined) continue;
    const entry = byLink.get(link) ?? { link, department: departmentOf.get(message.to) ?? '', recipients: [] };
    entry.recipients.push(message.to);
    byLink.set(link, entry);
  }
  return [...byLink.values()];
}
