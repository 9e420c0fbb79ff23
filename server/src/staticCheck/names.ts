import type { Element, Expression, Identifier, Pattern } from '../model/types';
import type { Span } from '../syntax/span';
import { memberChainText } from '../model/expressionText';
import type { NameResolver, StaticType } from './expressions';
import { suggestion } from './findings';
import { closest } from './suggest';
import { storedBefore, unify, type Place, type ScopeFact, type UnitFacts } from './unitFacts';

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
  private readonly columns = new Map<string, NameColumn>();
  private readonly refs = new Map<string, string>();
  private readonly elements = new Set<string>();

  /**
   * `patternMembers`: scope and ref names of patterns → pattern name. With `patternChecks` the
   * run also stores pattern members (`<element>#<pattern path>.<name>`), which later lookups can
   * find: such names are then never reported.
   */
  constructor(units: readonly UnitFacts[], private readonly patternMembers: ReadonlyMap<string, string>, private readonly patternChecks: boolean) {
    for (let unit = 0; unit < units.length; unit++) {
      const facts = units[unit];
      for (const scope of facts.scopes) {
        let column = this.columns.get(scope.name);
        if (!column) this.columns.set(scope.name, (column = new NameColumn()));
        column.add(scope, unit);
      }
      for (const ref of facts.refs) if (!this.refs.has(ref.name)) this.refs.set(ref.name, ref.elementPath);
      for (const element of facts.elements) this.elements.add(element.name);
    }
  }

  /** Lookups of a check that runs at `at` in unit `unit`. */
  resolver(unit: number, at: Place): NameResolver {
    const before = (c: { unit: number; fact: ScopeFact }): boolean => c.unit < unit || (c.unit === unit && storedBefore(c.fact, at));
    return {
      identifier: (id) => {
        if (this.patternChecks && this.patternMembers.has(id.name)) return { found: 'unknown' };
        const column = this.columns.get(id.name);
        const n = column ? column.countBefore(unit, at) : 0;
        if (column && n > 0 && column.alive[n - 1] > 0) return { found: true, type: column.types[n - 1], sure: column.ok[n - 1] > 0 };
        const visible = column ? column.facts.slice(0, n) : [];
        return { found: false, ...this.whyNot(id, visible, column?.facts ?? [], unit, at) };
      },
      chain: (text) => {
        const last = text.slice(text.lastIndexOf('.') + 1);
        if (this.patternChecks && this.patternMembers.has(last)) return { found: 'unknown' };
        const column = this.columns.get(last);
        const candidates = column ? column.facts.map((fact, i) => ({ fact, unit: column.units[i] })).filter((c) => c.fact.key.endsWith(text)) : [];
        const visible = candidates.filter(before).map((c) => c.fact);
        const alive = visible.filter((c) => c.outcome !== 'fail');
        if (alive.length > 0) return { found: true, type: unify(alive.map((c) => c.type)), sure: alive.some((c) => c.outcome === 'ok') };
        return { found: false, help: this.hidden(last, visible, candidates.map((c) => c.fact)) };
      },
      memberHint: (e: Extract<Expression, { kind: 'member' }>) => {
        const column = this.columns.get(e.member.name);
        const n = column ? column.countBefore(unit, at) : 0;
        if (!column || n === 0 || column.alive[n - 1] === 0) return undefined;
        const s = suggestion(e.span, memberChainText(e) ?? e.member.name, e.member.name);
        return { help: `scopes are found by their name alone; ${s.help}`, fix: s.fix };
      },
    };
  }

  private whyNot(id: Identifier, visible: ScopeFact[], candidates: ScopeFact[], unit: number, at: Place): { help?: string; fix?: { title: string; span: Span; newText: string } } {
    const hidden = this.hidden(id.name, visible, candidates);
    if (hidden) return { help: hidden };
    const ref = this.refs.get(id.name);
    if (ref !== undefined) return { help: `'${id.name}' is a ref of '${ref}'; refs are not evaluated` };
    if (this.elements.has(id.name)) return { help: `'${id.name}' is an element, not a scope` };
    const pattern = this.patternMembers.get(id.name);
    if (pattern !== undefined) return { help: `'${id.name}' belongs to pattern '${pattern}', whose members are not evaluated for element checks` };
    const names = [...this.columns].filter(([, column]) => {
      const n = column.countBefore(unit, at);
      return n > 0 && column.alive[n - 1] > 0;
    });
    const near = closest(id.name, names.map(([name]) => name));
    return near ? suggestion(id.span, id.name, near) : {};
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
