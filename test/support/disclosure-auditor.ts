import { DepartmentTree } from '../../shared/domain/department-tree.js';
import type { Evaluation, PublishedGroup } from '../../shared/domain/evaluate-hotspots.js';
import type { Wave } from '../../shared/domain/wave.js';

/**
 * The attacker, written down: someone holding every figure published for one or more
 * waves, to anyone (every leader's digest and dashboard), who knows the department tree
 * and the recording plan, and solves the linear equations those figures imply.
 *
 * Unknowns are the recording units (qualified by wave). Each published figure is a sum
 * over a set of units; the published count n and the adverse counts behind every shown
 * share share that incidence, so what the attacker can determine is the row space of one
 * 0/1 matrix, computed here with exact rational Gaussian elimination (no floating point).
 *
 * A leak is any linear combination of published figures that involves respondents of
 * only 1 to k - 1 people (plus units nobody answered in): a hidden small group solved
 * outright, a difference of published groups, or a difference of two small groups alike.
 */

/** An exact rational, numerator over a positive denominator. */
class Q {
  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}
  static readonly ZERO = new Q(0n, 1n);
  static readonly ONE = new Q(1n, 1n);
  static of(num: bigint, den = 1n): Q {
    if (den === 0n) throw new Error('division by zero');
    if (den < 0n) [num, den] = [-num, -den];
    const g = gcd(num < 0n ? -num : num, den);
    return new Q(num / g, den / g);
  }
  isZero() {
    return this.num === 0n;
  }
  add(o: Q) {
    return Q.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  sub(o: Q) {
    return Q.of(this.num * o.den - o.num * this.den, this.den * o.den);
  }
  mul(o: Q) {
    return Q.of(this.num * o.num, this.den * o.den);
  }
  div(o: Q) {
    return Q.of(this.num * o.den, this.den * o.num);
  }
  toNumber() {
    return Number(this.num) / Number(this.den);
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

/** Reduced row echelon form, in place; returns the pivot column of each nonzero row. */
function rref(rows: Q[][], columns: number): number[] {
  const pivots: number[] = [];
  let r = 0;
  for (let c = 0; c < columns && r < rows.length; c++) {
    const found = rows.findIndex((row, i) => i >= r && !row[c]!.isZero());
    if (found < 0) continue;
    [rows[r], rows[found]] = [rows[found]!, rows[r]!];
    const pivotRow = rows[r]!;
    const inverse = Q.ONE.div(pivotRow[c]!);
    for (let j = 0; j < pivotRow.length; j++) pivotRow[j] = pivotRow[j]!.mul(inverse);
    for (let i = 0; i < rows.length; i++) {
      const factor = rows[i]![c]!;
      if (i === r || factor.isZero()) continue;
      const row = rows[i]!;
      for (let j = 0; j < row.length; j++) if (!pivotRow[j]!.isZero()) row[j] = row[j]!.sub(factor.mul(pivotRow[j]!));
    }
    pivots.push(c);
    r++;
  }
  return pivots;
}

const rank = (rows: Q[][], columns: number) =>
  rref(
    rows.map((row) => [...row]),
    columns,
  ).length;

/** Basis of { x : A x = 0 } for A given by rows over `columns` columns; vectors indexed by column. */
function nullspace(rows: Q[][], columns: number): Q[][] {
  const work = rows.map((row) => [...row]);
  const pivots = rref(work, columns);
  const pivotSet = new Set(pivots);
  const basis: Q[][] = [];
  for (let free = 0; free < columns; free++) {
    if (pivotSet.has(free)) continue;
    const v = Array.from({ length: columns }, () => Q.ZERO);
    v[free] = Q.ONE;
    pivots.forEach((p, i) => (v[p] = Q.ZERO.sub(work[i]![free]!)));
    basis.push(v);
  }
  return basis;
}

export interface PublishedSum {
  /** What the reader sees it as, for messages. */
  label: string;
  /** The unknowns it adds up. */
  units: readonly string[];
  n: number;
  /** Per quantity (a domain's adverse answers), the range consistent with the rounded share shown. */
  adverse?: Readonly<Record<string, readonly [number, number]>>;
}

export interface Leak {
  /** The units whose respondents a combination of published figures pins down. */
  units: string[];
  respondents: number;
}

/**
 * Every leak in a published system. `respondents` gives the true count per unit, which
 * the attacker does not know; the auditor uses it only to say how many people a
 * determined combination involves.
 */
export function findLeaks(published: readonly PublishedSum[], respondents: ReadonlyMap<string, number>, k: number): Leak[] {
  const units = [...new Set([...respondents.keys(), ...published.flatMap((p) => p.units)])];
  const column = new Map(units.map((u, i) => [u, i]));
  const incidence = published.map((p) => {
    const row = units.map(() => Q.ZERO);
    for (const unit of p.units) row[column.get(unit)!] = Q.ONE;
    return row;
  });
  // x is in the row space exactly when it is orthogonal to the null space.
  const kernel = nullspace(incidence, units.length);
  const small = units.filter((u) => (respondents.get(u) ?? 0) > 0 && (respondents.get(u) ?? 0) < k);
  const empty = units.filter((u) => (respondents.get(u) ?? 0) === 0);
  const watched = [...small, ...empty];
  // W: combinations of published figures that touch only small or empty units.
  const kernelRows = watched.map((u) => kernel.map((z) => z[column.get(u)!]!));
  const constraints = kernel.map((_, j) => kernelRows.map((row) => row[j]!));
  const w = nullspace(constraints, watched.length);
  if (w.length === 0) return [];
  const basisRow = (u: string) => w.map((v) => v[watched.indexOf(u)]!);
  const involved = small.filter((u) => basisRow(u).some((x) => !x.isZero()));
  const rankWithout = (kept: readonly string[]) => rank(kept.map(basisRow), w.length);
  const rankAllSmall = rankWithout(involved);

  // A combination inside R plus empty units exists, touching R, when zeroing the small
  // units outside R leaves fewer constraints than zeroing every small unit.
  const leaks: Leak[] = [];
  const explore = (start: number, chosen: string[], total: number) => {
    for (let i = start; i < involved.length; i++) {
      const unit = involved[i]!;
      const next = total + respondents.get(unit)!;
      if (next >= k) continue;
      const set = [...chosen, unit];
      const outside = involved.filter((u) => !set.includes(u));
      if (rankWithout(outside) < rankAllSmall) leaks.push({ units: set, respondents: next });
      else explore(i + 1, set, next);
    }
  };
  explore(0, [], 0);
  return leaks;
}

export interface Solved {
  n: number;
  adverse: Record<string, readonly [number, number]>;
}

/**
 * Solves for the sum over `target` units, as the attacker would: undefined when published
 * figures do not determine it; otherwise n exactly and each adverse count as the range the
 * rounded shares allow (a single value when they pin it).
 */
export function solveFor(published: readonly PublishedSum[], target: readonly string[]): Solved | undefined {
  const units = [...new Set(published.flatMap((p) => p.units))];
  if (target.some((t) => !units.includes(t))) return undefined;
  // Rows are units, columns the published figures, then the target: y with M^T y = e_target.
  const rows = units.map((unit) => [...published.map((p) => (p.units.includes(unit) ? Q.ONE : Q.ZERO)), target.includes(unit) ? Q.ONE : Q.ZERO]);
  const pivots = rref(rows, published.length + 1);
  if (pivots.includes(published.length)) return undefined;
  const y = published.map(() => Q.ZERO);
  pivots.forEach((p, i) => (y[p] = rows[i]![published.length]!));
  let n = Q.ZERO;
  published.forEach((p, i) => (n = n.add(y[i]!.mul(Q.of(BigInt(p.n))))));
  const quantities = new Set(published.flatMap((p) => Object.keys(p.adverse ?? {})));
  const adverse: Record<string, readonly [number, number]> = {};
  for (const quantity of quantities) {
    let low = 0;
    let high = 0;
    let known = true;
    published.forEach((p, i) => {
      const coefficient = y[i]!.toNumber();
      if (coefficient === 0) return;
      const range = p.adverse?.[quantity];
      if (!range) return void (known = false);
      low += coefficient > 0 ? coefficient * range[0] : coefficient * range[1];
      high += coefficient > 0 ? coefficient * range[1] : coefficient * range[0];
    });
    if (known) adverse[quantity] = [Math.max(0, Math.ceil(low - 1e-9)), Math.floor(high + 1e-9)];
  }
  return { n: n.toNumber(), adverse };
}

/** The adverse answers a whole-percent share of `n` people over `items` items can stand for. */
export function adverseRange(shownPercent: number, n: number, items: number): readonly [number, number] {
  const answers = n * items;
  // Math.round(x) = p exactly when p - 0.5 <= x < p + 0.5.
  const low = Math.max(0, Math.ceil(((shownPercent - 0.5) * answers) / 100 - 1e-9));
  const high = Math.min(answers, Math.ceil(((shownPercent + 0.5) * answers) / 100 - 1e-9) - 1);
  return [low, high];
}

/**
 * What an evaluation publishes, as the attacker reads it: each group as the recording
 * units it must add up, derived from the department tree and the wave's own plan (not from
 * the evaluator's bookkeeping), with n and the adverse counts its rounded shares allow.
 * Trend baselines and two-pulse hotspot tests become sums across the waves they pooled.
 * Unknowns are `wave|unit`.
 */
export function publishedSums(
  org: { departments: readonly { id: string; parent?: string | undefined }[] },
  waves: ReadonlyMap<string, Pick<Wave, 'id' | 'units' | 'staffPerUnit' | 'items'>>,
  evaluation: Evaluation,
): PublishedSum[] {
  const tree = new DepartmentTree(org.departments);
  const unitsOf = (waveId: string, group: Pick<PublishedGroup, 'id' | 'kind' | 'department' | 'roleGroup'>) => {
    const wave = waves.get(waveId);
    if (!wave) throw new Error(`no plan for wave ${waveId}`);
    const all = [...new Set([...Object.values(wave.units), ...Object.keys(wave.staffPerUnit)])];
    const within =
      group.kind === 'org'
        ? all
        : group.kind === 'role'
          ? all.filter((u) => u === `${group.department}/${group.roleGroup}`)
          : all.filter((u) => tree.subtree(group.department!).includes(u.split('/')[0]!));
    return within.map((u) => `${waveId}|${u}`);
  };
  const wave = waves.get(evaluation.waveId)!;
  const sums: PublishedSum[] = [];
  for (const group of evaluation.groups) {
    const adverse: Record<string, readonly [number, number]> = {};
    for (const figure of group.figures) {
      const items = wave.items.filter((item) => item.domain === figure.domain).length;
      adverse[figure.domain] = adverseRange(Math.round(figure.share * 100), group.n, items);
    }
    sums.push({ label: `${evaluation.waveId} ${group.id}`, units: unitsOf(evaluation.waveId, group), n: group.n, adverse });
    for (const figure of group.figures) {
      if (figure.trend)
        sums.push({
          label: `${evaluation.waveId} ${group.id} ${figure.domain} baseline`,
          units: figure.trend.baselineWaveIds.flatMap((id) => unitsOf(id, group)),
          n: figure.trend.baselineN,
        });
      if (figure.pooled)
        sums.push({
          label: `${evaluation.waveId} ${group.id} ${figure.domain} two pulses`,
          units: figure.pooled.waveIds.flatMap((id) => unitsOf(id, group)),
          n: figure.pooled.n,
        });
    }
  }
  return sums;
}
