import type { CheckDecl, Element, Pattern, Program } from '../model/types';
import { StaticEvaluation, type ExpressionContext } from './expressions';
import type { Finding } from './findings';
import type { StaticLibraries } from './libraries';
import { patternMemberNames, ProgramNames } from './names';
import { unitFacts, type UnitFacts } from './unitFacts';

export interface StaticOptions {
  /** The run will also evaluate implemented patterns' checks (`--pattern-checks`, `checks.patterns`). */
  patternChecks?: boolean;
}

export interface StaticResult {
  /** Errors and warnings, unit by unit in document order. */
  findings: readonly Finding[];
  /**
   * For each check certain to fail, the failure the run itself would report first (same code
   * and message): `run` records it as the check's ERROR without evaluating the check.
   */
  checkErrors: ReadonlyMap<CheckDecl, Finding>;
}

interface UnitState {
  facts: UnitFacts;
  checks?: { findings: Finding[]; errors: [CheckDecl, Finding][]; unresolved: boolean };
}

/**
 * Checks a program's element checks against the library catalogues without running them
 * (staticCheck/README.md). Keep one instance per document: a run reuses what it computed for
 * every top-level element (unit) the edits did not replace and whose names did not change.
 */
export class StaticChecker {
  private states = new Map<Element, UnitState>();
  private order: Element[] = [];
  private contextKey = '';
  /** The previous run's scope table, when it was built. */
  private names: ProgramNames | undefined;
  private patternMembers: ReadonlyMap<string, string> = new Map();
  private patterns: readonly Pattern[] = [];
  /** What the last run did: units whose facts were computed, units whose checks were checked, names that changed. */
  lastRun = { newUnits: 0, checkedUnits: 0, changedNames: 0 };

  check(program: Program, libraries: StaticLibraries, options: StaticOptions = {}): StaticResult {
    const aliases = new Map<string, string>();
    const imported = new Set<string>();
    for (const imp of program.imports) {
      if (imp.path.kind !== 'identifiers' || imp.path.parts.length === 0) continue;
      imported.add(imp.path.parts[0].name);
      if (imp.alias) aliases.set(imp.alias.name, imp.path.parts.map((p) => p.name).join('.'));
    }
    // pattern objects are reused with their units: the same ones name the same members
    const samePatterns = program.patterns.length === this.patterns.length && program.patterns.every((p, i) => p === this.patterns[i]);
    const patternMembers = samePatterns ? this.patternMembers : patternMemberNames(program.patterns);
    this.patterns = program.patterns;
    const key = [libraries.version, options.patternChecks === true, [...aliases].join(','), [...imported].join(',')].join('|');
    if (key !== this.contextKey) {
      // other libraries, imports or patterns: everything is computed again
      this.states = new Map();
      this.order = [];
      this.names = undefined;
      this.patternMembers = new Map();
      this.contextKey = key;
    }
    const context: Omit<ExpressionContext, 'names'> = { libraries, aliases, imported };

    const current = program.elements;
    const states = current.map((el) => this.states.get(el) ?? { facts: unitFacts(el, context) });
    const changed = changedNames(this.order, current, this.states, states);
    // pattern members: where a failing lookup says a name belongs, what pattern checks may store
    const patternChanged = new Set<string>();
    for (const [name, pattern] of patternMembers) if (this.patternMembers.get(name) !== pattern) patternChanged.add(name);
    for (const name of this.patternMembers.keys()) if (!patternMembers.has(name)) patternChanged.add(name);
    for (const name of patternChanged) changed.add(name);
    // the run's scope table (now and before), built only when needed
    const patternChecks = options.patternChecks === true;
    let names: ProgramNames | undefined;
    const programNames = (): ProgramNames => (names ??= new ProgramNames(states.map((s) => s.facts), patternMembers, patternChecks));
    const previous = this.order;
    const previousNames = (): ProgramNames => (this.names ??= new ProgramNames(previous.map((el) => this.states.get(el)!.facts), patternMembers, patternChecks));
    const previousIndex = new Map(previous.map((el, i) => [el, i]));
    // a unit whose lookups may now find something else: a failing one (its messages look everywhere), one reading a
    // changed name by key suffix, or one for which the units before it now hold something else under a changed name
    const affected = (state: UnitState, unit: number, el: Element): boolean => {
      if (state.checks!.unresolved) return true;
      for (const name of changed) {
        if (!state.facts.reads.has(name)) continue;
        if (state.facts.chains.has(name) || (patternChecks && patternChanged.has(name))) return true;
        if (previousNames().before(name, previousIndex.get(el)!) !== programNames().before(name, unit)) return true;
      }
      return false;
    };

    this.lastRun = { newUnits: states.filter((st) => !st.checks).length, checkedUnits: 0, changedNames: changed.size };
    const findings: Finding[] = [];
    const checkErrors = new Map<CheckDecl, Finding>();
    states.forEach((state, unit) => {
      const stale = !state.checks || (changed.size > 0 && affected(state, unit, current[unit]));
      if (stale) {
        state.checks = checkUnit(state.facts, unit, programNames(), context);
        this.lastRun.checkedUnits++;
      }
      findings.push(...state.facts.findings, ...state.checks!.findings);
      for (const [check, error] of state.checks!.errors) checkErrors.set(check, error);
    });

    this.states = new Map(current.map((el, i) => [el, states[i]]));
    this.order = [...current];
    this.names = names;
    this.patternMembers = patternMembers;
    return { findings, checkErrors };
  }
}

/** The static findings of a program, computed from scratch (the CLI). */
export function staticCheck(program: Program, libraries: StaticLibraries, options: StaticOptions = {}): StaticResult {
  return new StaticChecker().check(program, libraries, options);
}

function checkUnit(facts: UnitFacts, unit: number, names: ProgramNames, context: Omit<ExpressionContext, 'names'>): NonNullable<UnitState['checks']> {
  const findings: Finding[] = [];
  const errors: [CheckDecl, Finding][] = [];
  let unresolved = false;
  for (const site of facts.checks) {
    const evaluation = new StaticEvaluation({ ...context, names: names.resolver(unit, site) });
    evaluation.check(site.check.expression);
    findings.push(...evaluation.findings);
    if (evaluation.first) errors.push([site.check, evaluation.first]);
    if (evaluation.findings.some((f) => f.code === 'E200' || f.code === 'E202')) unresolved = true;
  }
  return { findings, errors, unresolved };
}

/**
 * Names whose scopes, refs or elements may be seen differently since the previous run: those
 * declared by the units that were removed or added, unless the added units declare exactly what
 * the removed ones did at the same place (a keystroke inside a check of a unit replaces the unit
 * but changes none of its declarations). "The same place" is the number of surviving units
 * before it: survivors keep their order, so what they can see is then unchanged.
 */
function changedNames(previous: readonly Element[], current: readonly Element[], before: ReadonlyMap<Element, UnitState>, now: readonly UnitState[]): Set<string> {
  const survivors = new Set(current.filter((el) => before.has(el)));
  const declared = (list: readonly Element[], state: (i: number) => UnitFacts): Map<string, string> => {
    const out = new Map<string, string>();
    let gap = 0;
    list.forEach((el, i) => {
      if (survivors.has(el)) {
        gap++;
        return;
      }
      const facts = state(i);
      const add = (name: string, text: string) => out.set(name, `${out.get(name) ?? ''}${gap}:${text};`);
      for (const s of facts.scopes) add(s.name, `s ${s.key} ${s.outcome} ${s.type} ${s.failure?.message ?? ''}`);
      for (const r of facts.refs) add(r.name, `r ${r.elementPath}`);
      for (const e of facts.elements) add(e.name, `e ${e.path}`);
    });
    return out;
  };
  const removed = declared(previous, (i) => before.get(previous[i])!.facts);
  const added = declared(current, (i) => now[i].facts);
  const changed = new Set<string>();
  for (const [name, text] of removed) if (added.get(name) !== text) changed.add(name);
  for (const [name, text] of added) if (removed.get(name) !== text) changed.add(name);
  return changed;
}
