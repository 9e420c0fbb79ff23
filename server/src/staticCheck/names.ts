import type { Element, Expression, Identifier, Pattern } from '../model/types';
import type { Span } from '../syntax/span';
import { memberChainText } from '../model/expressionText';
import type { NameResolver, StaticType } from './expressions';
import { suggestion } from './findings';
import { closest } from './suggest';
import { storedBefore, unify, type Place, type ScopeFact, type UnitFacts } from './unitFacts';

/** Before anything of a unit is stored. */
const START: Place = { element: -1, index: -1 };

/**
 * The scopes of one name in the order the run stores them (unit, then pre-order, then scope
 * order), with running totals, so "what is stored under this name before that point" is a
 * binary search instead of a scan.
 */
class NameColumn {
  readonly facts: ScopeFact[] = [];
  readonly units: number[] = [];
  /** Candidates up to and including i that can be stored / certainly are; their types unified. */
  readonly alive: number[] = [];
  readonly ok: number[] = [];
  readonly types: StaticType[] = [];

  add(fact: ScopeFact, unit: number): void {
    const i = this.facts.length;
    this.facts.push(fact);
    this.units.push(unit);
    const alive = fact.outcome !== 'fail';
    this.alive.push((i > 0 ? this.alive[i - 1] : 0) + (alive ? 1 : 0));
    this.ok.push((i > 0 ? this.ok[i - 1] : 0) + (fact.outcome === 'ok' ? 1 : 0));
    const before = i > 0 && this.alive[i - 1] > 0 ? this.types[i - 1] : undefined;
    this.types.push(!alive ? (before ?? 'any') : before === undefined || before === fact.type ? fact.type : 'any');
  }

  /** How many candidates are stored before `at` in unit `unit`. */
  countBefore(unit: number, at: Place): number {
    let lo = 0;
    let hi = this.facts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const u = this.units[mid];
      if (u < unit || (u === unit && storedBefore(this.facts[mid], at))) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * The run's scope table, statically: every scope of the element tree with where it is stored,
 * so that a check's lookups can be answered as the run would (language.md §7.3): a name is
 * found when some scope of that name is stored before the check, and certainly not found when
 * none is — or every such scope fails to evaluate.
 */
export class ProgramNames {
  /** Built on first use, name by name: a keystroke looks up a few names only. */
  private readonly columns = new Map<string, NameColumn | undefined>();
  private refs: Map<string, string> | undefined;
  private elements: Set<string> | undefined;

  /**
   * `patternMembers`: scope and ref names of patterns → pattern name. With `patternChecks` the
   * run also stores pattern members (`<element>#<pattern path>.<name>`), which later lookups can
   * find: such names are then never reported.
   */
  constructor(private readonly units: readonly UnitFacts[], private readonly patternMembers: ReadonlyMap<string, string>, private readonly patternChecks: boolean) {}

  private column(name: string): NameColumn | undefined {
    if (this.columns.has(name)) return this.columns.get(name);
    let column: NameColumn | undefined;
    for (let unit = 0; unit < this.units.length; unit++) {
      const named = this.units[unit].byName.get(name);
      if (!named) continue;
      column ??= new NameColumn();
      for (const fact of named) column.add(fact, unit);
    }
    this.columns.set(name, column);
    return column;
  }

  /** Every scope name of the program (for "did you mean"). */
  private allNames(): Set<string> {
    const out = new Set<string>();
    for (const facts of this.units) for (const name of facts.byName.keys()) out.add(name);
    return out;
  }

  private refOwner(name: string): string | undefined {
    if (!this.refs) {
      this.refs = new Map();
      for (const facts of this.units) for (const ref of facts.refs) if (!this.refs.has(ref.name)) this.refs.set(ref.name, ref.elementPath);
    }
    return this.refs.get(name);
  }

  private isElement(name: string): boolean {
    this.elements ??= new Set(this.units.flatMap((facts) => facts.elements.map((e) => e.name)));
    return this.elements.has(name);
  }

  /**
   * What a lookup of `name` finds in the units before `unit`: nothing, or whether something may
   * be / certainly is stored and of which type. A unit's own lookups depend on nothing else of
   * other units (later units are not visible), unless they fail (then the messages look further).
   */
  before(name: string, unit: number): string {
    const column = this.column(name);
    const n = column ? column.countBefore(unit, START) : 0;
    if (!column || n === 0 || column.alive[n - 1] === 0) return n === 0 ? 'none' : 'failing';
    return `${column.ok[n - 1] > 0 ? 'ok' : 'maybe'} ${column.types[n - 1]}`;
  }

  /** Lookups of a check that runs at `at` in unit `unit`. */
  resolver(unit: number, at: Place): NameResolver {
    const before = (c: { unit: number; fact: ScopeFact }): boolean => c.unit < unit || (c.unit === unit && storedBefore(c.fact, at));
    return {
      identifier: (id) => {
        if (this.patternChecks && this.patternMembers.has(id.name)) return { found: 'unknown' };
        const column = this.column(id.name);
        const n = column ? column.countBefore(unit, at) : 0;
        if (column && n > 0 && column.alive[n - 1] > 0) return { found: true, type: column.types[n - 1], sure: column.ok[n - 1] > 0 };
        const visible = column ? column.facts.slice(0, n) : [];
        return { found: false, ...this.whyNot(id, visible, column?.facts ?? [], unit, at) };
      },
      chain: (text) => {
        const last = text.slice(text.lastIndexOf('.') + 1);
        if (this.patternChecks && this.patternMembers.has(last)) return { found: 'unknown' };
        const column = this.column(last);
        const candidates = column ? column.facts.map((fact, i) => ({ fact, unit: column.units[i] })).filter((c) => c.fact.key.endsWith(text)) : [];
        const visible = candidates.filter(before).map((c) => c.fact);
        const alive = visible.filter((c) => c.outcome !== 'fail');
        if (alive.length > 0) return { found: true, type: unify(alive.map((c) => c.type)), sure: alive.some((c) => c.outcome === 'ok') };
        return { found: false, help: this.hidden(last, visible, candidates.map((c) => c.fact)) };
      },
      memberHint: (e: Extract<Expression, { kind: 'member' }>) => {
        const column = this.column(e.member.name);
        const n = column ? column.countBefore(unit, at) : 0;
        if (!column || n === 0 || column.alive[n - 1] === 0) return undefined;
        const s = suggestion(e.span, memberChainText(e) ?? e.member.name, e.member.name);
        return { help: `scopes are found by their name alone; ${s.help}`, fix: s.fix };
      },
    };
  }

  /**
   * Why a name is not found, most useful first: the scope exists but always fails; a visible
   * scope with a close name (the fix); the scope exists but comes later; it is a ref, an element,
   * a pattern member.
   */
  private whyNot(id: Identifier, visible: ScopeFact[], candidates: ScopeFact[], unit: number, at: Place): { help?: string; fix?: { title: string; span: Span; newText: string } } {
    const failing = visible[0];
    if (failing?.failure) return { help: `scope '${id.name}' of '${failing.elementPath}' is never defined: ${failing.failure.message}` };
    const names = [...this.allNames()].filter((name) => {
      const column = this.column(name)!;
      const n = column.countBefore(unit, at);
      return n > 0 && column.alive[n - 1] > 0;
    });
    const near = closest(id.name, names);
    if (near) return suggestion(id.span, id.name, near);
    const hidden = this.hidden(id.name, visible, candidates);
    if (hidden) return { help: hidden };
    const ref = this.refOwner(id.name);
    if (ref !== undefined) return { help: `'${id.name}' is a ref of '${ref}'; refs are not evaluated` };
    if (this.isElement(id.name)) return { help: `'${id.name}' is an element, not a scope` };
    const pattern = this.patternMembers.get(id.name);
    if (pattern !== undefined) return { help: `'${id.name}' belongs to pattern '${pattern}', whose members are not evaluated for element checks` };
    return {};
  }

  /** Why scopes of that name exist but cannot be read here. */
  private hidden(name: string, visible: ScopeFact[], candidates: ScopeFact[]): string | undefined {
    const failing = visible[0];
    if (failing?.failure) return `scope '${name}' of '${failing.elementPath}' is never defined: ${failing.failure.message}`;
    const later = candidates.find((c) => !visible.includes(c));
    if (later) return `scope '${name}' of '${later.elementPath}' is evaluated after this check`;
    return undefined;
  }
}

/** Scope and ref names of the patterns (pattern level and pattern elements) → the pattern's name. */
export function patternMemberNames(patterns: readonly Pattern[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const pattern of patterns) {
    const add = (members: { name: Identifier }[]) => {
      for (const m of members) if (!out.has(m.name.name)) out.set(m.name.name, pattern.name.name);
    };
    add([...pattern.scopes, ...pattern.refs]);
    const visit = (el: Element): void => {
      add([...el.scopes, ...el.refs]);
      el.children.forEach(visit);
    };
    pattern.elements.forEach(visit);
  }
  return out;
}
