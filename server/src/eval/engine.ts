import type { CheckDecl, Element, Expression, Program, ScopeDecl } from '../model/types';
import type { CallContext } from '../libraries/library';
import { expressionText } from '../model/expressionText';
import { runCheck } from './checkRunner';
import { childPath, lastPreorderIndexOf, lastPreorderIndexWhere } from './elementOrder';
import { EvalError, throwIfAborted } from './errors';
import { evaluateExpression, type ExpressionEnv } from './expression';
import { ScopeTable } from './scopeTable';
import { RunCounter } from './runCounter';
import { elementBindings, patternContext, patternMembers, unboundPlaceholder } from './patternBindings';
import { CODES } from './errors';
import type { Value } from './values';
import type { CheckRun } from './checkRunner';
import type { CheckResult, EvalOptions, EvalResult, Evaluate, ScopeEvaluation } from './types';

/**
 * The evaluation engine (language.md §7): the element tree in declaration order,
 * depth-first pre-order; per element its scopes, then its checks, then its children.
 * Never writes to stdout/stderr; progress goes through `onScope`/`onResult`.
 */
export const evaluate: Evaluate = async (program: Program, options: EvalOptions): Promise<EvalResult> => {
  const run = new EngineRun(program, options);
  await run.start();
  return { results: run.results, scopes: run.scopes, summary: run.counter.summary() };
};

class EngineRun {
  readonly table = new ScopeTable();
  readonly results: CheckResult[] = [];
  readonly scopes: ScopeEvaluation[] = [];
  readonly counter: RunCounter;
  private preorder = -1;
  /** With `onlyElement` / `onlyChecks`: pre-order index of the last element to visit; nothing after it is. */
  private readonly stopAfter: number;

  constructor(
    private readonly program: Program,
    private readonly options: EvalOptions,
  ) {
    this.counter = new RunCounter(options.limit, options.filter);
    this.stopAfter = Math.min(
      options.onlyElement === undefined ? Infinity : lastPreorderIndexOf(program, options.onlyElement),
      stopAfterChecks(program, options.onlyChecks),
    );
  }

  async start(): Promise<void> {
    for (const el of this.program.elements) {
      if (!(await this.visit(el, ''))) return;
    }
  }

  /** Resolves false once nothing more is to be visited (`onlyElement` done). */
  private async visit(el: Element, parent: string): Promise<boolean> {
    const path = childPath(parent, el.name.name);
    if (this.counter.limitReached()) return true;
    const index = ++this.preorder;
    if (index > this.stopAfter) return false;
    for (const decl of el.scopes) await this.evaluateScope(decl, path);
    if (this.options.onlyElement === undefined || this.options.onlyElement === path) {
      await this.runChecks(el, path);
      if (this.options.patternChecks) await this.runPatternChecks(el, path);
    }
    if (index === this.stopAfter) return false;
    for (const child of el.children) {
      if (!(await this.visit(child, path))) return false;
    }
    return true;
  }

  /** The element's checks in order; `--limit`/`--filter` may skip some (language.md §7.6). */
  private async runChecks(el: Element, path: string): Promise<void> {
    for (const check of el.checks) {
      throwIfAborted(this.options.signal);
      if (!this.selected(check) || !this.counter.admit(path)) continue;
      const text = expressionText(check.expression);
      const known = this.options.knownFailures?.get(check);
      if (known) this.record(el, check, path, text, { outcome: { status: 'error', code: known.code, message: known.message }, errorSpan: known.span }, true);
      else this.record(el, check, path, text, await runCheck(check, this.env(path, text)));
    }
  }

  /**
   * The checks of each pattern the element implements, evaluated where the pattern's members
   * live for this element (`<path>#<pattern path>`): bindings first, then the pattern's own
   * bound scopes, then its checks.
   */
  private async runPatternChecks(el: Element, path: string): Promise<void> {
    for (const id of el.implements) {
      const pattern = this.program.patterns.find((p) => p.name.name === id.name);
      if (!pattern) continue;
      const { scopes, checks, placeholders } = patternMembers(pattern);
      const bound = new Set<string>();
      const store = (target: string, value: Value | undefined) => {
        if (value === undefined) return;
        const dot = target.lastIndexOf('.');
        this.table.set(patternContext(path, target.slice(0, dot)), target.slice(dot + 1), value);
        bound.add(target);
      };
      for (const [target, source] of elementBindings(el, pattern)) {
        store(target, source.kind === 'scope' ? this.table.get(`${path}.${source.name}`) : await this.tryValue(source.expression, path));
      }
      for (const { owner, decl } of scopes) {
        const target = `${owner}.${decl.name.name}`;
        if (!bound.has(target)) store(target, await this.tryValue(decl.expression!, patternContext(path, owner)));
      }
      for (const { owner, check } of checks) {
        throwIfAborted(this.options.signal);
        const elementPath = patternContext(path, owner);
        if (!this.selected(check) || !this.counter.admit(elementPath)) continue;
        const text = expressionText(check.expression);
        const unbound = unboundPlaceholder(check.expression, owner, placeholders, bound);
        const run: CheckRun = unbound
          ? { outcome: { status: 'error', code: CODES.unboundPlaceholder, message: `Unbound placeholder ${unbound.path}: bind it with \`binds ${unbound.path}\`` }, errorSpan: unbound.span }
          : await runCheck(check, this.env(elementPath, text));
        this.record(el, check, elementPath, text, run);
      }
    }
  }

  /** `onlyChecks`: an unselected check is not evaluated, nor counted as skipped. */
  private selected(check: CheckDecl): boolean {
    return this.options.onlyChecks === undefined || this.options.onlyChecks.has(check);
  }

  private record(el: Element, check: CheckDecl, elementPath: string, text: string, run: CheckRun, knownFailure = false): void {
    const result: CheckResult = { elementPath, element: el, check, text, outcome: run.outcome };
    if (run.errorSpan) result.errorSpan = run.errorSpan;
    if (knownFailure) result.knownFailure = true;
    this.counter.record(run.outcome.status);
    this.results.push(result);
    this.options.onResult?.(result);
  }

  /** A binding's or pattern scope's value; undefined when it cannot be evaluated (the check then reports it). */
  private async tryValue(expression: Expression, elementPath: string): Promise<Value | undefined> {
    try {
      return await evaluateExpression(expression, this.env(elementPath, expressionText(expression)));
    } catch (e) {
      if (e instanceof EvalError) return undefined;
      throw e;
    }
  }

  private async evaluateScope(decl: ScopeDecl, path: string): Promise<void> {
    throwIfAborted(this.options.signal);
    let outcome: ScopeEvaluation['outcome'];
    if (!decl.expression) {
      outcome = { kind: 'unbounded' };
    } else {
      try {
        const value = await evaluateExpression(decl.expression, this.env(path, expressionText(decl.expression)));
        this.table.set(path, decl.name.name, value);
        outcome = { kind: 'value', value };
      } catch (e) {
        if (!(e instanceof EvalError)) throw e;
        outcome = e.code === undefined ? { kind: 'error', message: e.message } : { kind: 'error', message: e.message, code: e.code };
      }
    }
    const event: ScopeEvaluation = { elementPath: path, name: decl.name.name, span: decl.span, outcome };
    this.scopes.push(event);
    this.options.onScope?.(event);
  }

  private env(elementPath: string, text: string): ExpressionEnv {
    const { workspace, index, registry, signal, file } = this.options;
    const context: CallContext = { workspace, index, signal, origin: { file, elementPath, text } };
    return { table: this.table, elementPath, registry, context, signal };
  }
}

/** The last element to visit for `onlyChecks`: the last one owning a selected check (all, when a pattern check is selected). */
function stopAfterChecks(program: Program, only: ReadonlySet<CheckDecl> | undefined): number {
  if (only === undefined) return Infinity;
  const owned = new Set<CheckDecl>();
  const last = lastPreorderIndexWhere(program, (el) => {
    const mine = el.checks.filter((c) => only.has(c));
    for (const c of mine) owned.add(c);
    return mine.length > 0;
  });
  return owned.size < only.size ? Infinity : last;
}
