import type { FunctionSignature, LibraryCatalogue, ValueType } from '../libraries/catalogue';
import { memberChainText } from '../model/expressionText';
import type { Expression, Identifier } from '../model/types';
import type { Span } from '../syntax/span';
import { STATIC_CODES, suggestion, type Finding } from './findings';
import type { StaticLibraries } from './libraries';
import { closest } from './suggest';

/** What an expression evaluates to, as far as the checker can tell (`any`: not known). */
export type StaticType = ValueType | 'any';

/** How a name read at some point of the run resolves (language.md §7.3). */
export type Resolution =
  /** Some scope may be stored under it: its possible types unified; `sure` when one certainly is. */
  | { found: true; type: StaticType; sure: boolean }
  /** Certainly nothing stored under it: the run fails here. */
  | { found: false; help?: string; fix?: Finding['fix'] }
  /** Cannot tell (the checker does not look this far). */
  | { found: 'unknown' };

export interface NameResolver {
  identifier(id: Identifier): Resolution;
  /** A member chain of three or more parts, `a.b.c` (suffix lookup). */
  chain(text: string, span: Span): Resolution;
  /** `a.b` is E201 at run time; the scope `b` alone may be what was meant. */
  memberHint?(e: Extract<Expression, { kind: 'member' }>): { help: string; fix?: Finding['fix'] } | undefined;
}

export interface ExpressionContext {
  libraries: StaticLibraries;
  names: NameResolver;
  /** `import lib as alias` (aliases are not created, language.md §6): alias → library. */
  aliases: ReadonlyMap<string, string>;
  /** Libraries named by `import`/`from … import`. */
  imported: ReadonlySet<string>;
}

/**
 * The abstract twin of eval/expression.ts and eval/checkRunner.ts: the same steps in the same
 * order (callee shape, arguments left to right, library, function, parameters), on types
 * instead of values. A step that certainly throws at run time is a failure; the first failure
 * reached while every step before it certainly succeeds is the run's own error (`first`).
 */
export class StaticEvaluation {
  readonly findings: Finding[] = [];
  /** The run's error for this expression: the first failure, when nothing before it could fail. */
  first: Finding | undefined;
  failed = false;
  /** Some step so far may fail at run time (a plugin call, an argument of unknown type, …). */
  private uncertain = false;

  constructor(private readonly ctx: ExpressionContext) {}

  /** Nothing failed and nothing could: the value is certainly computed. */
  get sure(): boolean {
    return !this.failed && !this.uncertain;
  }

  /** A `check` statement's expression (language.md §7.4). */
  check(e: Expression): void {
    if (e.kind !== 'call') {
      this.fail({ code: 'E204', message: 'Check must be a function call', help: 'a check calls a library function: `check library.function(arguments)`', span: e.span });
      return;
    }
    this.call(e, true);
  }

  /** A value (scope expression, argument): its type. */
  value(e: Expression): StaticType {
    switch (e.kind) {
      case 'string':
        return 'string';
      case 'number':
        return Number.isInteger(e.value) ? 'int' : 'float';
      case 'boolean':
        return 'bool';
      case 'list':
        for (const item of e.elements) this.value(item);
        return 'list';
      case 'identifier':
        return this.resolved(this.ctx.names.identifier(e), e.span, `Undefined identifier: ${e.name}`, 'E200');
      case 'member':
        return this.member(e);
      case 'call':
        return this.call(e, false);
    }
  }

  private member(e: Extract<Expression, { kind: 'member' }>): StaticType {
    if (e.object.kind === 'identifier') {
      const hint = this.ctx.names.memberHint?.(e);
      this.fail({ code: 'E201', message: `Member access ${e.object.name}.${e.member.name} cannot be evaluated directly`, span: e.span, ...hint });
      return 'any';
    }
    const text = memberChainText(e);
    if (text === undefined) {
      this.fail({ code: 'E202', message: `Undefined reference: ${e.member.name}`, span: e.span });
      return 'any';
    }
    return this.resolved(this.ctx.names.chain(text, e.span), e.span, `Undefined reference: ${text}`, 'E202');
  }

  private resolved(r: Resolution, span: Span, message: string, code: string): StaticType {
    if (r.found === 'unknown') {
      this.uncertain = true;
      return 'any';
    }
    if (r.found === false) {
      this.fail({ code, message, span, help: r.help, fix: r.fix });
      return 'any';
    }
    if (!r.sure) this.uncertain = true;
    return r.type;
  }

  private call(e: Extract<Expression, { kind: 'call' }>, isCheck: boolean): StaticType {
    const callee = e.callee;
    if (callee.kind !== 'member' || callee.object.kind !== 'identifier') {
      this.fail({ code: 'E205', message: 'Expected library.function', help: 'call a function of a library: `library.function(arguments)`', span: callee.span });
      for (const arg of e.args) this.value(arg);
      return 'any';
    }
    const library: Identifier = { name: callee.object.name, span: callee.object.span };
    const fn = callee.member;
    const args = e.args.map((arg) => ({ arg, type: this.value(arg) }));
    const known = this.ctx.libraries.get(library.name);
    if (!known) {
      if (!this.ctx.libraries.complete) this.uncertain = true;
      else this.fail({ code: 'E203', message: `Unknown library: ${library.name}`, span: library.span, ...this.unknownLibraryHelp(library) });
      return 'any';
    }
    if (known.kind === 'opaque') {
      this.uncertain = true;
      return 'any';
    }
    const catalogue = known.catalogue;
    const signature = (isCheck ? catalogue.checks : catalogue.selectors).get(fn.name);
    if (!signature) {
      this.unknownFunction(catalogue, library, fn, isCheck);
      return 'any';
    }
    this.arguments(catalogue, signature, library.name, fn, args, e.args);
    if (!catalogue.exact) {
      this.uncertain = true;
      return 'any';
    }
    if (!isCheck && args.some(({ arg }) => arg.kind === 'string' && mayLeaveWorkspace(arg.value))) this.uncertain = true;
    return signature.returns ?? 'any';
  }

  private unknownFunction(catalogue: LibraryCatalogue, library: Identifier, fn: Identifier, isCheck: boolean): void {
    const [table, other] = isCheck ? [catalogue.checks, catalogue.selectors] : [catalogue.selectors, catalogue.checks];
    const name = `${library.name}.${fn.name}`;
    let help: { help: string; fix?: Finding['fix'] } | undefined;
    if (other.has(fn.name)) {
      help = {
        help: isCheck
          ? `'${fn.name}' is a selector: declare it as a scope (\`scope s = ${name}(…)\`) and pass the scope to a check`
          : `'${fn.name}' is a check: it cannot be used as a value`,
      };
    } else {
      const near = closest(fn.name, table.keys());
      if (near) help = suggestion(fn.span, fn.name, near, `${library.name}.${near}`);
    }
    if (catalogue.exact) {
      const error = isCheck ? catalogue.unknownCheck?.(fn.name) : catalogue.unknownSelector?.(fn.name);
      this.fail({ code: error?.code ?? 'E199', message: error?.message ?? `Unknown function: ${name}`, span: fn.span, ...help });
    } else {
      this.uncertain = true;
      this.warn({ code: STATIC_CODES.undocumentedFunction, message: `Library '${library.name}' documents no ${isCheck ? 'check' : 'selector'} named '${fn.name}'`, span: fn.span, ...help });
    }
  }

  /** Parameters in positional order, as the built-ins coerce them (stdlib.md §1.1). */
  private arguments(catalogue: LibraryCatalogue, signature: FunctionSignature, library: string, fn: Identifier, args: { arg: Expression; type: StaticType }[], exprs: Expression[]): void {
    const params = signature.params;
    if (!params) {
      this.uncertain = true;
      return;
    }
    // the expected signature, written only when something is wrong
    let text: string | undefined;
    const expected = (): string => (text ??= `expected ${signatureText(library, signature)}`);
    let wrong = false;
    for (let i = 0; i < params.length; i++) {
      const param = params[i];
      const given = args[i];
      if (!given) {
        if (catalogue.exact && param.error) this.fail({ ...param.error, help: expected(), span: fn.span });
        else this.warn({ code: STATIC_CODES.documentedParameters, message: `${library}.${fn.name} is missing its argument '${param.name}'`, help: expected(), span: fn.span });
        continue;
      }
      if (!param.accepts) continue;
      if (given.type === 'any') {
        this.uncertain = true;
        continue;
      }
      if (param.accepts.has(given.type)) continue;
      wrong = true;
      if (catalogue.exact && param.error) this.fail({ ...param.error, help: `${withArticle(given.type)} is given; ${expected()}`, span: given.arg.span });
      else this.warn({ code: STATIC_CODES.documentedParameters, message: `${library}.${fn.name} documents '${param.name}' as ${param.docType}`, help: expected(), span: given.arg.span });
    }
    // extra arguments next to a wrong one are one mistake (a form the function does not have): the error says it
    if (exprs.length > params.length && !wrong) {
      const extra = exprs.length - params.length;
      const takes = `${library}.${fn.name} takes ${params.length} argument${params.length === 1 ? '' : 's'}`;
      this.warn(
        catalogue.exact
          ? { code: STATIC_CODES.extraArguments, message: `${takes}; the extra argument${extra === 1 ? ' is' : 's are'} ignored`, help: expected(), span: exprs[params.length].span }
          : { code: STATIC_CODES.documentedParameters, message: `${takes}, as documented`, help: expected(), span: exprs[params.length].span },
      );
    }
  }

  private unknownLibraryHelp(library: Identifier): { help: string; fix?: Finding['fix'] } {
    const target = this.ctx.aliases.get(library.name);
    if (target && this.ctx.libraries.get(target)) {
      const s = suggestion(library.span, library.name, target);
      return { help: `\`import ${target} as ${library.name}\` does not create an alias; ${s.help}`, fix: s.fix };
    }
    const near = closest(library.name, this.ctx.libraries.names());
    if (near) return suggestion(library.span, library.name, near);
    if (this.ctx.imported.has(library.name)) return { help: `'${library.name}' is imported, but it is neither built in nor configured in hielements.toml` };
    return { help: 'neither built in nor configured in hielements.toml' };
  }

  private fail(f: Omit<Finding, 'severity'>): void {
    const finding: Finding = { severity: 'error', ...f };
    this.findings.push(finding);
    if (!this.failed && !this.uncertain) this.first = finding;
    this.failed = true;
  }

  private warn(f: Omit<Finding, 'severity'>): void {
    this.findings.push({ severity: 'warning', ...f });
  }
}

const withArticle = (type: string): string => `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;

/** `lib.fn(p: T, …)` */
export function signatureText(library: string, signature: FunctionSignature): string {
  return `${library}.${signature.name}(${(signature.params ?? []).map((p) => `${p.name}: ${p.docType}`).join(', ')})`;
}

/** A path the built-ins may refuse as outside the workspace (files.*_selector, rust.crate_selector). */
function mayLeaveWorkspace(path: string): boolean {
  return path.startsWith('/') || /(^|[\\/])\.\.([\\/]|$)/.test(path);
}
