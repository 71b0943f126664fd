import highsModule from 'highs';
import type { PublishedSum } from './disclosure-auditor.js';

/**
 * The second attacker: not "who is in a small group" but "what did they answer". They hold
 * every figure published for one or more waves, to anyone (counts exactly, each domain's
 * share in the whole percent it is shown as), know the department tree, the recording plan
 * and every unit's head count, and bound what a hidden group's people answered over the
 * integers: for each unit, how many answered (0 to its staff) and how many of their answers
 * to a domain were adverse (0 to items x answered), subject to every published sum.
 *
 * A hidden group's answer is *determined* on a domain when, in every way the published
 * figures can have come about, its respondents gave no adverse answer, or gave nothing but
 * adverse answers. That is what an integer program settles exactly (HiGHS, a kept solver):
 * the largest number of adverse answers the group can hold, and the largest number of
 * non-adverse ones; either being 0 pins the answer down.
 */

// The package's types describe its CommonJS build; imported as ESM, its default export is the loader.
const loadHighs = highsModule as unknown as (typeof highsModule)['default'];
const highs = await loadHighs();

export interface HiddenGroup {
  label: string;
  units: readonly string[];
  /**
   * Domains on which a shown group holding all of its units is unanimous: that figure tells
   * its readers how this group answered, a limit docs/privacy.md states, so it is not a leak.
   */
  toldOn?: readonly string[];
}

export interface AttributeLeak {
  group: string;
  domain: string;
  /** What every way the figures can have come about says the group answered. */
  answered: 'all adverse' | 'none adverse';
}

export interface AttributeProblem {
  published: readonly PublishedSum[];
  /** Most people a unit can have answered with: its head count, which leaders see as response rates. */
  staff: ReadonlyMap<string, number>;
  /** How many items of a domain a unit's wave asked. */
  items: (unit: string, domain: string) => number;
  /**
   * What a unit's people did answer, when the test knows: the truth is one way the figures
   * came about, so a group whose true answers are mixed cannot be pinned down, and only a
   * group that truly answered as one needs the solver to look for another way.
   */
  answered?: (unit: string, domain: string) => { n: number; adverse: number };
}

/** Every hidden group whose answer on some domain the published figures pin down. */
export function findAttributeLeaks(problem: AttributeProblem, hidden: readonly HiddenGroup[]): AttributeLeak[] {
  const domains = [...new Set(problem.published.flatMap((p) => Object.keys(p.adverse ?? {})))];
  const leaks: AttributeLeak[] = [];
  for (const domain of domains) {
    const model = modelFor(problem, domain);
    const swap = problem.answered && swapWitness(problem, domain, problem.answered);
    for (const group of hidden) {
      if (group.toldOn?.includes(domain)) continue;
      const asked = group.units.filter((unit) => model.units.has(unit) && problem.items(unit, domain) > 0);
      if (asked.length === 0) continue;
      // The group may have had nobody answer: then nothing about it is learnt.
      const someoneAnswered = `${asked.map((u) => `${model.n(u)}`).join(' + ')} >= 1`;
      const adverseInGroup = () => model.maximize(asked.map((u) => model.x(u)).join(' + '), someoneAnswered);
      const otherInGroup = () => model.maximize(asked.map((u) => `${problem.items(u, domain)} ${model.n(u)} - ${model.x(u)}`).join(' + '), someoneAnswered);
      let mostAdverse: number | undefined;
      let mostOther: number | undefined;
      if (problem.answered && swap) {
        const truly = asked.map((u) => ({ unit: u, ...problem.answered!(u, domain), items: problem.items(u, domain) }));
        const adverse = truly.reduce((sum, t) => sum + t.adverse, 0);
        const other = truly.reduce((sum, t) => sum + t.items * t.n - t.adverse, 0);
        // Mixed answers are a way the figures came about with both kinds in the group; so is
        // the truth with one answer traded for the other kind's with a unit in every sum it is in.
        mostAdverse = adverse > 0 || truly.some((t) => t.items * t.n - t.adverse > 0 && swap(t.unit, new Set(asked), 'adverse')) ? 1 : adverseInGroup();
        mostOther = other > 0 || truly.some((t) => t.adverse > 0 && swap(t.unit, new Set(asked), 'other')) ? 1 : otherInGroup();
      } else {
        mostAdverse = adverseInGroup();
        mostOther = otherInGroup();
      }
      if (mostAdverse === 0) leaks.push({ group: group.label, domain, answered: 'none adverse' });
      if (mostOther === 0) leaks.push({ group: group.label, domain, answered: 'all adverse' });
    }
  }
  return leaks;
}

/**
 * Whether a unit of the group can trade one of its answers for one of the other kind with a
 * unit outside the group that is in exactly the same published sums: every figure stays as
 * it is, so the group could have held an answer of the kind `wanted`.
 */
function swapWitness(problem: AttributeProblem, domain: string, answered: NonNullable<AttributeProblem['answered']>) {
  const signature = new Map<string, string>();
  problem.published.forEach((sum, i) => {
    if (!sum.adverse?.[domain]) return;
    for (const unit of sum.units) signature.set(unit, `${signature.get(unit) ?? ''},${i}`);
  });
  const bySignature = new Map<string, string[]>();
  for (const [unit, key] of signature) bySignature.set(key, [...(bySignature.get(key) ?? []), unit]);
  return (unit: string, group: ReadonlySet<string>, wanted: 'adverse' | 'other') =>
    (bySignature.get(signature.get(unit) ?? '') ?? []).some((partner) => {
      if (group.has(partner)) return false;
      const truly = answered(partner, domain);
      return wanted === 'adverse' ? truly.adverse > 0 : problem.items(partner, domain) * truly.n - truly.adverse > 0;
    });
}

/** The integer program of one domain: every unit's respondents and adverse answers, bound by everything published. */
function modelFor(problem: AttributeProblem, domain: string) {
  const units = new Set(problem.published.flatMap((p) => p.units));
  const names = new Map([...units].map((unit, i) => [unit, i]));
  const n = (unit: string) => `n${names.get(unit)}`;
  const x = (unit: string) => `x${names.get(unit)}`;
  const rows: string[] = [];
  problem.published.forEach((sum, i) => {
    rows.push(` c${i}: ${sum.units.map(n).join(' + ')} = ${sum.n}`);
    const range = sum.adverse?.[domain];
    if (range) {
      rows.push(` lo${i}: ${sum.units.map(x).join(' + ')} >= ${range[0]}`);
      rows.push(` hi${i}: ${sum.units.map(x).join(' + ')} <= ${range[1]}`);
    }
  });
  const bounds: string[] = [];
  for (const unit of units) {
    const items = problem.items(unit, domain);
    rows.push(` cap${names.get(unit)}: ${x(unit)} - ${items} ${n(unit)} <= 0`);
    bounds.push(` 0 <= ${n(unit)} <= ${problem.staff.get(unit) ?? 0}`, ` ${x(unit)} >= 0`);
  }
  const integers = [...units].flatMap((unit) => [n(unit), x(unit)]).join(' ');
  return {
    units,
    n,
    x,
    /** The largest value of `objective` the figures allow, or undefined when they allow none with the extra row. */
    maximize(objective: string, extra: string): number | undefined {
      const text = `Maximize\n obj: ${objective}\nSubject To\n${rows.join('\n')}\n extra: ${extra}\nBounds\n${bounds.join('\n')}\nGeneral\n ${integers}\nEnd\n`;
      const result = highs.solve(text, { output_flag: false, mip_rel_gap: 0 });
      if (result.Status === 'Infeasible') return undefined;
      if (result.Status !== 'Optimal') throw new Error(`the attacker's integer program ended ${result.Status}`);
      return Math.round(result.ObjectiveValue);
    },
  };
}
