import type { CheckDecl, Element, Expression } from '../model/types';
import { StaticEvaluation, type ExpressionContext, type NameResolver, type Resolution, type StaticType } from './expressions';
import { STATIC_CODES, type Finding } from './findings';

/**
 * What one top-level element (a *unit*, model/units.ts) contributes to the run, read from the
 * unit alone: its scopes in evaluation order with what evaluating each gives, its refs and
 * elements (for messages), where its checks run, and the names they read. Because these facts
 * need nothing outside the unit (a scope's identifiers that the unit cannot resolve count as
 * "may fail"), they are cached per unit object and reused while the unit is.
 */

/** Where a scope is stored, or a check runs, inside its unit: the element's pre-order index and the scope's position. */
export interface Place {
  element: number;
  /** The scope's position among its element's scopes; checks run after all of them (Infinity). */
  index: number;
}

export type Outcome = 'ok' | 'maybe' | 'fail';

export interface ScopeFact extends Place {
  name: string;
  /** Scope-table key `<elementPath>.<name>` (language.md §7.1). */
  key: string;
  elementPath: string;
  /** `ok`: certainly stored; `fail`: certainly not (its expression always fails); `maybe`. */
  outcome: Outcome;
  type: StaticType;
  /** Why it fails (outcome `fail`). */
  failure?: Finding;
}

export interface CheckSite extends Place {
  check: CheckDecl;
  elementPath: string;
}

export interface UnitFacts {
  scopes: ScopeFact[];
  /** The same scopes by name. */
  byName: Map<string, ScopeFact[]>;
  refs: { name: string; elementPath: string }[];
  elements: { name: string; path: string }[];
  checks: CheckSite[];
  /** Names the unit's checks look up: identifiers, last segments of member chains. */
  reads: Set<string>;
  /** Last segments of the unit's member chains of three or more parts (looked up by key suffix). */
  chains: Set<string>;
  /** Warnings about the unit's scopes (never defined, extra arguments, …). */
  findings: Finding[];
}

export function unitFacts(root: Element, ctx: Omit<ExpressionContext, 'names'>): UnitFacts {
  const facts: UnitFacts = { scopes: [], byName: new Map(), refs: [], elements: [], checks: [], reads: new Set(), chains: new Set(), findings: [] };
  let preorder = -1;
  const visit = (el: Element, parent: string): void => {
    const element = ++preorder;
    const path = parent === '' ? el.name.name : `${parent}.${el.name.name}`;
    facts.elements.push({ name: el.name.name, path });
    el.scopes.forEach((decl, index) => {
      if (!decl.expression) return; // E014: the element is invalid, nothing runs
      const evaluation = new StaticEvaluation({ ...ctx, names: localNames(facts.scopes, { element, index }) });
      const type = evaluation.value(decl.expression);
      const failure = evaluation.first ?? evaluation.findings.find((f) => f.severity === 'error');
      for (const f of evaluation.findings) facts.findings.push(f.severity === 'error' ? neverDefined(decl.name.name, f) : f);
      const outcome: Outcome = evaluation.failed ? 'fail' : evaluation.sure ? 'ok' : 'maybe';
      const fact: ScopeFact = { name: decl.name.name, key: `${path}.${decl.name.name}`, elementPath: path, element, index, outcome, type, failure };
      facts.scopes.push(fact);
      const named = facts.byName.get(fact.name);
      if (named) named.push(fact);
      else facts.byName.set(fact.name, [fact]);
    });
    for (const ref of el.refs) facts.refs.push({ name: ref.name.name, elementPath: path });
    for (const check of el.checks) {
      facts.checks.push({ check, elementPath: path, element, index: Infinity });
      readsOf(check.expression, facts);
    }
    for (const child of el.children) visit(child, path);
  };
  visit(root, '');
  return facts;
}

/** A scope's failure: the run never complains (the scope is silently not defined, language.md §7.1), hence a warning. */
function neverDefined(scope: string, f: Finding): Finding {
  return { ...f, severity: 'warning', code: STATIC_CODES.scopeNeverDefined, cause: f.code, message: `Scope '${scope}' is never defined: ${f.message}` };
}

/** Is `c` stored before `at` is evaluated, within one unit (pre-order, then scope order)? */
export const storedBefore = (c: Place, at: Place): boolean => c.element < at.element || (c.element === at.element && c.index < at.index);

/**
 * Lookups of a scope expression, answered from the unit's own scopes stored before it. The
 * unit's latest scopes are the most recently stored, so when one of them certainly matches,
 * the answer comes from them; otherwise another unit may answer: cannot tell.
 */
function localNames(scopes: readonly ScopeFact[], at: Place): NameResolver {
  const answer = (candidates: ScopeFact[]): Resolution => {
    const visible = candidates.filter((c) => c.outcome !== 'fail' && storedBefore(c, at));
    if (!visible.some((c) => c.outcome === 'ok')) return { found: 'unknown' };
    return { found: true, type: unify(visible.map((c) => c.type)), sure: true };
  };
  return {
    identifier: (id) => answer(scopes.filter((c) => c.name === id.name)),
    chain: (text) => answer(scopes.filter((c) => c.key.endsWith(text))),
  };
}

export function unify(types: readonly StaticType[]): StaticType {
  const first = types[0] ?? 'any';
  return types.every((t) => t === first) ? first : 'any';
}

/** Names an expression looks up (identifiers; the last segment of member chains, the scope name a chain ends with). */
function readsOf(e: Expression, facts: Pick<UnitFacts, 'reads' | 'chains'>): void {
  switch (e.kind) {
    case 'identifier':
      facts.reads.add(e.name);
      return;
    case 'member':
      facts.reads.add(e.member.name);
      if (e.object.kind === 'member') facts.chains.add(e.member.name);
      readsOf(e.object, facts);
      return;
    case 'call':
      // `lib.fn` names a library function, not a scope
      if (e.callee.kind !== 'member' || e.callee.object.kind !== 'identifier') readsOf(e.callee, facts);
      for (const a of e.args) readsOf(a, facts);
      return;
    case 'list':
      for (const a of e.elements) readsOf(a, facts);
      return;
    default:
      return;
  }
}
