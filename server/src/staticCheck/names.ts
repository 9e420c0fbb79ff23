import type { Element, Expression, Identifier, Pattern } from '../model/types';
import type { Span } from '../syntax/span';
import type { NameResolver, Resolution } from './expressions';
import { suggestion } from './findings';
import { closest } from './suggest';
import { storedBefore, unify, type Place, type ScopeFact, type UnitFacts } from './unitFacts';

interface StoredScope extends ScopeFact {
  /** Position of the unit (top-level element) in the program. */
  unit: number;
}

/**
 * The run's scope table, statically: every scope of the element tree with where it is stored,
 * so that a check's lookups can be answered as the run would (language.md §7.3): a name is
 * found when some scope of that name is stored before the check, and certainly not found when
 * none is — or every such scope fails to evaluate.
 */
export class ProgramNames {
  private readonly scopes = new Map<string, StoredScope[]>();
  private readonly refs = new Map<string, string>();
  private readonly elements = new Set<string>();

  /**
   * `patternMembers`: scope and ref names of patterns → pattern name. With `patternChecks` the
   * run also stores pattern members (`<element>#<pattern path>.<name>`), which later lookups can
   * find: such names are then never reported.
   */
  constructor(units: readonly UnitFacts[], private readonly patternMembers: ReadonlyMap<string, string>, private readonly patternChecks: boolean) {
    units.forEach((facts, unit) => {
      for (const scope of facts.scopes) {
        let list = this.scopes.get(scope.name);
        if (!list) this.scopes.set(scope.name, (list = []));
        list.push({ ...scope, unit });
      }
      for (const ref of facts.refs) if (!this.refs.has(ref.name)) this.refs.set(ref.name, ref.elementPath);
      for (const element of facts.elements) this.elements.add(element.name);
    });
  }

  /** Lookups of a check that runs at `at` in unit `unit`. */
  resolver(unit: number, at: Place): NameResolver {
    const before = (c: StoredScope): boolean => c.unit < unit || (c.unit === unit && storedBefore(c, at));
    const answer = (candidates: readonly StoredScope[]): { alive: StoredScope[]; visible: StoredScope[] } => {
      const visible = candidates.filter(before);
      return { visible, alive: visible.filter((c) => c.outcome !== 'fail') };
    };
    const found = (alive: StoredScope[]): Resolution => ({ found: true, type: unify(alive.map((c) => c.type)), sure: alive.some((c) => c.outcome === 'ok') });
    return {
      identifier: (id) => {
        if (this.patternChecks && this.patternMembers.has(id.name)) return { found: 'unknown' };
        const candidates = this.scopes.get(id.name) ?? [];
        const { alive, visible } = answer(candidates);
        if (alive.length > 0) return found(alive);
        return { found: false, ...this.whyNot(id, visible, candidates, before) };
      },
      chain: (text) => {
        const last = text.slice(text.lastIndexOf('.') + 1);
        if (this.patternChecks && this.patternMembers.has(last)) return { found: 'unknown' };
        const candidates = (this.scopes.get(last) ?? []).filter((c) => c.key.endsWith(text));
        const { alive, visible } = answer(candidates);
        if (alive.length > 0) return found(alive);
        return { found: false, help: this.hidden(last, visible, candidates) };
      },
      memberHint: (e: Extract<Expression, { kind: 'member' }>) => {
        const { alive } = answer(this.scopes.get(e.member.name) ?? []);
        if (alive.length === 0) return undefined;
        const s = suggestion(e.span, `${memberText(e)}`, e.member.name);
        return { help: `scopes are found by their name alone; ${s.help}`, fix: s.fix };
      },
    };
  }

  private whyNot(id: Identifier, visible: StoredScope[], candidates: StoredScope[], before: (c: StoredScope) => boolean): { help?: string; fix?: { title: string; span: Span; newText: string } } {
    const hidden = this.hidden(id.name, visible, candidates);
    if (hidden) return { help: hidden };
    const ref = this.refs.get(id.name);
    if (ref !== undefined) return { help: `'${id.name}' is a ref of '${ref}'; refs are not evaluated` };
    if (this.elements.has(id.name)) return { help: `'${id.name}' is an element, not a scope` };
    const pattern = this.patternMembers.get(id.name);
    if (pattern !== undefined) return { help: `'${id.name}' belongs to pattern '${pattern}', whose members are not evaluated for element checks` };
    const names = [...this.scopes].filter(([, list]) => list.some((c) => c.outcome !== 'fail' && before(c))).map(([name]) => name);
    const near = closest(id.name, names);
    return near ? suggestion(id.span, id.name, near) : {};
  }

  /** Why scopes of that name exist but cannot be read here. */
  private hidden(name: string, visible: StoredScope[], candidates: StoredScope[]): string | undefined {
    const failing = visible[0];
    if (failing?.failure) return `scope '${name}' of '${failing.elementPath}' is never defined: ${failing.failure.message}`;
    const later = candidates.find((c) => !visible.includes(c));
    if (later) return `scope '${name}' of '${later.elementPath}' is evaluated after this check`;
    return undefined;
  }
}

function memberText(e: Expression): string {
  return e.kind === 'identifier' ? e.name : e.kind === 'member' ? `${memberText(e.object)}.${e.member.name}` : '…';
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
