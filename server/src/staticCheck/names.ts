import type { Element, Expression, Identifier, Pattern } from '../model/types';
import type { Span } from '../syntax/span';
import { memberChainText } from '../model/expressionText';
import type { NameResolver, StaticType } from './expressions';
import { suggestion } from './findings';
import { closest } from './suggest';
import { storedBefore, type Place, type ScopeFact, type UnitFacts } from './unitFacts';

/** What some scopes of one name amount to for a lookup: how many may be stored, how many certainly are, their type. */
interface Aggregate {
  alive: number;
  ok: number;
  /** Unified over the scopes that may be stored; undefined when there is none. */
  type: StaticType | undefined;
}

const NOTHING: Aggregate = { alive: 0, ok: 0, type: undefined };

function add(a: Aggregate, fact: ScopeFact): Aggregate {
  if (fact.outcome === 'fail') return a;
  return { alive: a.alive + 1, ok: a.ok + (fact.outcome === 'ok' ? 1 : 0), type: a.type === undefined || a.type === fact.type ? fact.type : 'any' };
}

function merge(a: Aggregate, b: Aggregate): Aggregate {
  if (b.alive === 0) return a;
  if (a.alive === 0) return b;
  return { alive: a.alive + b.alive, ok: a.ok + b.ok, type: a.type === b.type ? a.type : 'any' };
}

/**
 * The run's scope table, statically: every scope of the element tree with where it is stored,
 * so that a check's lookups can be answered as the run would (language.md §7.3): a name is
 * found when some scope of that name may be stored before the check, and certainly not found
 * when none is — or every such scope fails to evaluate. Lookups fold per-unit summaries, built
 * name by name on first use: a keystroke looks up a few names only.
 */
export class ProgramNames {
  /** Per name: what the units before unit u hold (index u), for u = 0 … units. */
  private readonly prefixes = new Map<string, Aggregate[]>();
  private refs: Map<string, string> | undefined;
  private elements: Set<string> | undefined;

  /**
   * `patternMembers`: scope and ref names of patterns → pattern name. With `patternChecks` the
   * run also stores pattern members (`<element>#<pattern path>.<name>`), which later lookups can
   * find: such names are then never reported.
   */
  constructor(private readonly units: readonly UnitFacts[], private readonly patternMembers: ReadonlyMap<string, string>, private readonly patternChecks: boolean) {}

  private prefix(name: string): Aggregate[] {
    let prefix = this.prefixes.get(name);
    if (!prefix) {
      prefix = [NOTHING];
      let sum = NOTHING;
      for (const facts of this.units) {
        for (const fact of facts.byName.get(name) ?? []) sum = add(sum, fact);
        prefix.push(sum);
      }
      this.prefixes.set(name, prefix);
    }
    return prefix;
  }

  /** What a lookup of `name` from `at` in unit `unit` can find. */
  private lookup(name: string, unit: number, at: Place): Aggregate {
    let own = NOTHING;
    for (const fact of this.units[unit]?.byName.get(name) ?? []) if (storedBefore(fact, at)) own = add(own, fact);
    return merge(this.prefix(name)[unit], own);
  }

  /** The scopes of `name` (all of them, and those stored before `at`), in run order, for messages. */
  private candidates(name: string, unit: number, at: Place): { all: ScopeFact[]; visible: ScopeFact[] } {
    const all: ScopeFact[] = [];
    const visible: ScopeFact[] = [];
    this.units.forEach((facts, u) => {
      for (const fact of facts.byName.get(name) ?? []) {
        all.push(fact);
        if (u < unit || (u === unit && storedBefore(fact, at))) visible.push(fact);
      }
    });
    return { all, visible };
  }

  /**
   * What a lookup of `name` finds in the units before `unit`: nothing, or whether something may
   * be / certainly is stored and of which type. A unit's own lookups depend on nothing else of
   * other units (later units are not visible), unless they fail (then the messages look further).
   */
  before(name: string, unit: number): string {
    const a = this.prefix(name)[unit];
    return a.alive === 0 ? 'none' : `${a.ok > 0 ? 'ok' : 'maybe'} ${a.type}`;
  }

  /** Lookups of a check that runs at `at` in unit `unit`. */
  resolver(unit: number, at: Place): NameResolver {
    return {
      identifier: (id) => {
        if (this.patternChecks && this.patternMembers.has(id.name)) return { found: 'unknown' };
        const a = this.lookup(id.name, unit, at);
        if (a.alive > 0) return { found: true, type: a.type!, sure: a.ok > 0 };
        return { found: false, ...this.whyNot(id, unit, at) };
      },
      chain: (text) => {
        const last = text.slice(text.lastIndexOf('.') + 1);
        if (this.patternChecks && this.patternMembers.has(last)) return { found: 'unknown' };
        const { all, visible } = this.candidates(last, unit, at);
        const matching = (facts: ScopeFact[]) => facts.filter((c) => c.key.endsWith(text));
        const a = matching(visible).reduce(add, NOTHING);
        if (a.alive > 0) return { found: true, type: a.type!, sure: a.ok > 0 };
        return { found: false, help: this.hidden(last, matching(visible), matching(all)) };
      },
      memberHint: (e: Extract<Expression, { kind: 'member' }>) => {
        if (this.lookup(e.member.name, unit, at).alive === 0) return undefined;
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
  private whyNot(id: Identifier, unit: number, at: Place): { help?: string; fix?: { title: string; span: Span; newText: string } } {
    const { all, visible } = this.candidates(id.name, unit, at);
    const failing = visible[0];
    if (failing?.failure) return { help: `scope '${id.name}' of '${failing.elementPath}' is never defined: ${failing.failure.message}` };
    const names = new Set<string>();
    for (const facts of this.units) for (const name of facts.byName.keys()) names.add(name);
    const near = closest(id.name, [...names].filter((name) => this.lookup(name, unit, at).alive > 0));
    if (near) return suggestion(id.span, id.name, near);
    const hidden = this.hidden(id.name, visible, all);
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
