import type { Position } from 'vscode-languageserver';
import type { CheckDecl, Element, Expression, Identifier, Pattern, Program, RefDecl, RequirementComponent, ScopeDecl } from '../model/types';
import type { Span } from '../syntax/span';
import { spanContains } from './positions';

/**
 * What the editor features need to know about names in one program: every declaration
 * (elements, patterns, scopes, refs) with a key, every place a name refers to one, the
 * library calls and the checks. Resolution follows language.md §7.3 (nearest ancestor
 * first, then any scope with that name) and §8.1 (`binds p.path`, `p.path = expr`).
 */
export type DeclKind = 'element' | 'pattern' | 'scope' | 'ref';

export interface Declaration {
  key: string;
  kind: DeclKind;
  name: string;
  /** Dotted path: `system.api` for elements, `system.api.src` for scopes (pattern-owned paths start with the pattern name). */
  path: string;
  nameSpan: Span;
  span: Span;
  docComment: string | null;
  element?: Element;
  pattern?: Pattern;
  scope?: ScopeDecl;
  ref?: RefDecl;
  /** The element path owning a scope/ref (for evaluated scopes). */
  owner?: string;
  inPattern: boolean;
}

export interface Occurrence {
  span: Span;
  key: string;
  declaration: boolean;
}

/**
 * A name this file does not declare but another spec may: a pattern (`implements p`,
 * `binds p.x`) or one of its placeholders. `wanted` lists the keys it may name, best first.
 */
export interface Unresolved {
  span: Span;
  wanted: string[];
}

export interface LibraryCall {
  library: Identifier;
  fn: Identifier;
  /** The whole call expression, or the member expression when it is not called. */
  span: Span;
  args: Expression[];
  isCheck: boolean;
}

export interface CheckSite {
  check: CheckDecl;
  elementPath: string;
  element: Element;
}

export class ModelIndex {
  readonly declarations = new Map<string, Declaration>();
  readonly occurrences: Occurrence[] = [];
  /** Pattern names and placeholders this file uses without declaring them (other specs may). */
  readonly unresolved: Unresolved[] = [];
  readonly calls: LibraryCall[] = [];
  readonly checks: CheckSite[] = [];
  private readonly pending: { span: Span; resolve: () => string | undefined }[] = [];
  private readonly pendingShared: Unresolved[] = [];

  constructor(readonly program: Program) {
    for (const pattern of program.patterns) this.addPattern(pattern);
    for (const element of program.elements) this.addElement(element, '', false);
    for (const language of program.languages) {
      for (const cc of language.connectionChecks) this.addCalls(cc.body, true);
    }
    for (const p of this.pending) {
      const key = p.resolve();
      if (key) this.occurrences.push({ span: p.span, key, declaration: false });
    }
    for (const p of this.pendingShared) {
      const key = p.wanted.find((k) => this.declarations.has(k));
      if (key) this.occurrences.push({ span: p.span, key, declaration: false });
      else this.unresolved.push(p);
    }
    this.occurrences.sort((a, b) => a.span.startIndex - b.span.startIndex);
    this.calls.sort((a, b) => a.span.startIndex - b.span.startIndex);
  }

  /** The innermost occurrence at a position. */
  occurrenceAt(position: Position): Occurrence | undefined {
    return this.occurrences.filter((o) => spanContains(o.span, position)).sort((a, b) => a.span.endIndex - a.span.startIndex - (b.span.endIndex - b.span.startIndex))[0];
  }

  callAt(position: Position): { call: LibraryCall; part: 'library' | 'fn' } | undefined {
    for (const call of this.calls) {
      if (spanContains(call.fn.span, position)) return { call, part: 'fn' };
      if (spanContains(call.library.span, position)) return { call, part: 'library' };
    }
    return undefined;
  }

  checkAt(position: Position): CheckSite | undefined {
    return this.checks.find((c) => spanContains(c.check.span, position));
  }

  referencesTo(key: string): Occurrence[] {
    return this.occurrences.filter((o) => o.key === key);
  }

  /** Declarations of a kind, in document order. */
  declarationsOf(kind: DeclKind): Declaration[] {
    return [...this.declarations.values()].filter((d) => d.kind === kind);
  }

  private declare(decl: Omit<Declaration, 'key'>): Declaration {
    const key = `${decl.kind}:${decl.inPattern ? 'P/' : ''}${decl.path}`;
    const full = decl as Declaration;
    full.key = key;
    if (!this.declarations.has(key)) this.declarations.set(key, full);
    this.occurrences.push({ span: decl.nameSpan, key, declaration: true });
    return full;
  }

  private addPattern(pattern: Pattern): void {
    const path = pattern.name.name;
    this.declare({ kind: 'pattern', name: path, path, nameSpan: pattern.name.span, span: pattern.span, docComment: pattern.docComment, pattern, inPattern: false });
    for (const scope of pattern.scopes) this.addScope(scope, path, true);
    for (const ref of pattern.refs) this.addRef(ref, path, true);
    for (const check of pattern.checks) this.addExpression(check.expression, path, true, true);
    for (const element of pattern.elements) this.addElement(element, path, true);
    for (const requirement of pattern.requirements) this.addRequirement(requirement.component, path);
  }

  /** Requirements name patterns (`requires implements p`, `element x implements p`) and may hold checks. */
  private addRequirement(component: RequirementComponent, owner: string): void {
    switch (component.kind) {
      case 'check':
        this.addExpression(component.check.expression, owner, true, true);
        return;
      case 'scope':
        if (component.scope.expression) this.addExpression(component.scope.expression, owner, true, false);
        return;
      case 'ref':
        if (component.expression) this.addExpression(component.expression, owner, true, false);
        return;
      case 'element':
        if (component.implements) this.referShared(component.implements.span, [`pattern:${component.implements.name}`]);
        if (component.body) {
          for (const check of component.body.checks) this.addExpression(check.expression, owner, true, true);
          for (const scope of component.body.scopes) if (scope.expression) this.addExpression(scope.expression, owner, true, false);
          for (const ref of component.body.refs) if (ref.expression) this.addExpression(ref.expression, owner, true, false);
        }
        return;
      default:
        return;
    }
  }

  private addElement(element: Element, parent: string, inPattern: boolean): void {
    const path = parent ? `${parent}.${element.name.name}` : element.name.name;
    this.declare({ kind: 'element', name: element.name.name, path, nameSpan: element.name.span, span: element.span, docComment: element.docComment, element, inPattern });
    for (const id of element.implements) this.referShared(id.span, [`pattern:${id.name}`]);
    for (const scope of element.scopes) this.addScope(scope, path, inPattern);
    for (const ref of element.refs) this.addRef(ref, path, inPattern);
    for (const uses of element.uses) {
      this.refer(uses.source.span, () => this.resolveName(uses.source.name, path, inPattern));
      this.addElementPath(uses.target, inPattern);
    }
    for (const binding of element.bindings) {
      this.addBindsPath(binding.path);
      this.addExpression(binding.expression, path, inPattern, false);
    }
    for (const check of element.checks) {
      if (!inPattern) this.checks.push({ check, elementPath: path, element });
      this.addExpression(check.expression, path, inPattern, true);
    }
    for (const child of element.children) this.addElement(child, path, inPattern);
  }

  private addScope(scope: ScopeDecl, owner: string, inPattern: boolean): void {
    const path = `${owner}.${scope.name.name}`;
    this.declare({ kind: 'scope', name: scope.name.name, path, nameSpan: scope.name.span, span: scope.span, docComment: null, scope, owner, inPattern });
    if (scope.binds) this.addBindsPath(scope.binds);
    if (scope.expression) this.addExpression(scope.expression, owner, inPattern, false);
  }

  private addRef(ref: RefDecl, owner: string, inPattern: boolean): void {
    const path = `${owner}.${ref.name.name}`;
    this.declare({ kind: 'ref', name: ref.name.name, path, nameSpan: ref.name.span, span: ref.span, docComment: null, ref, owner, inPattern });
    if (ref.binds) this.addBindsPath(ref.binds);
    if (ref.expression) this.addExpression(ref.expression, owner, inPattern, false);
  }

  /** `binds p.a.b` / `p.a.b = expr`: the first part names a pattern, the rest a placeholder in it. */
  private addBindsPath(parts: Identifier[]): void {
    if (parts.length === 0) return;
    this.referShared(parts[0].span, [`pattern:${parts[0].name}`]);
    if (parts.length < 2) return;
    const path = parts.map((p) => p.name).join('.');
    const last = parts[parts.length - 1];
    this.referShared(last.span, [`scope:P/${path}`, `ref:P/${path}`, `element:P/${path}`]);
    // intermediate parts name pattern elements
    for (let i = 1; i < parts.length - 1; i++) {
      const prefix = parts.slice(0, i + 1).map((p) => p.name).join('.');
      this.referShared(parts[i].span, [`element:P/${prefix}`]);
    }
  }

  /** `a.b.c` naming an element by path suffix: every segment names the element its prefix ends at. */
  private addElementPath(parts: Identifier[], inPattern: boolean): void {
    parts.forEach((part, i) => {
      const dotted = parts.slice(0, i + 1).map((p) => p.name).join('.');
      this.refer(part.span, () => this.resolveSuffix('element', dotted, inPattern));
    });
  }

  private addExpression(expr: Expression, owner: string, inPattern: boolean, isCheck: boolean): void {
    switch (expr.kind) {
      case 'identifier':
        this.refer(expr.span, () => this.resolveName(expr.name, owner, inPattern));
        return;
      case 'member': {
        const parts = memberParts(expr);
        if (parts && parts.length >= 3) {
          const last = parts[parts.length - 1];
          const dotted = parts.map((p) => p.name).join('.');
          this.refer(last.span, () => this.resolveSuffix('scope', dotted, inPattern) ?? this.resolveSuffix('ref', dotted, inPattern));
          // the leading segments name the elements on the way (`system.api.src`: system, api)
          this.addElementPath(parts.slice(0, -1), inPattern);
        } else if (parts && parts.length === 2) {
          this.calls.push({ library: parts[0], fn: parts[1], span: expr.span, args: [], isCheck });
        }
        return;
      }
      case 'call': {
        const callee = expr.callee;
        if (callee.kind === 'member' && callee.object.kind === 'identifier') {
          this.calls.push({ library: { name: callee.object.name, span: callee.object.span }, fn: callee.member, span: expr.span, args: expr.args, isCheck });
        } else {
          this.addExpression(callee, owner, inPattern, false);
        }
        for (const arg of expr.args) this.addExpression(arg, owner, inPattern, false);
        return;
      }
      case 'list':
        for (const item of expr.elements) this.addExpression(item, owner, inPattern, false);
        return;
      default:
        return;
    }
  }

  private refer(span: Span, resolve: () => string | undefined): void {
    this.pending.push({ span, resolve });
  }

  /** A reference that may name a declaration of another spec when this file has none. */
  private referShared(span: Span, wanted: string[]): void {
    this.pendingShared.push({ span, wanted });
  }

  /** Library calls of an expression whose identifiers are not scopes (connection-check parameters). */
  private addCalls(expr: Expression, isCheck: boolean): void {
    if (expr.kind === 'call') {
      const callee = expr.callee;
      if (callee.kind === 'member' && callee.object.kind === 'identifier') {
        this.calls.push({ library: { name: callee.object.name, span: callee.object.span }, fn: callee.member, span: expr.span, args: expr.args, isCheck });
      }
      for (const arg of expr.args) this.addCalls(arg, false);
    } else if (expr.kind === 'list') {
      for (const item of expr.elements) this.addCalls(item, false);
    }
  }

  private has(key: string): string | undefined {
    return this.declarations.has(key) ? key : undefined;
  }

  /** A plain identifier in an element: nearest ancestor's scope/ref first, then any with that name. */
  private resolveName(name: string, owner: string, inPattern: boolean): string | undefined {
    const prefix = inPattern ? 'P/' : '';
    for (let path = owner; path !== ''; path = path.slice(0, Math.max(0, path.lastIndexOf('.')))) {
      const key = this.has(`scope:${prefix}${path}.${name}`) ?? this.has(`ref:${prefix}${path}.${name}`);
      if (key) return key;
    }
    return this.resolveSuffix('scope', name, inPattern) ?? this.resolveSuffix('ref', name, inPattern);
  }

  /** The first declaration (in document order) of a kind whose path is `dotted` or ends with `.dotted`. */
  private resolveSuffix(kind: DeclKind, dotted: string, inPattern: boolean): string | undefined {
    if (!this.suffixes) {
      this.suffixes = new Map();
      for (const d of this.declarations.values()) {
        const prefix = `${d.kind}|${d.inPattern ? 'P' : ''}|`;
        for (let dot = -1; ; dot = d.path.indexOf('.', dot + 1)) {
          const id = prefix + d.path.slice(dot + 1);
          if (!this.suffixes.has(id)) this.suffixes.set(id, d.key);
          if (d.path.indexOf('.', dot + 1) < 0) break;
        }
      }
    }
    return this.suffixes.get(`${kind}|${inPattern ? 'P' : ''}|${dotted}`);
  }

  private suffixes: Map<string, string> | undefined;
}

function memberParts(expr: Expression): Identifier[] | undefined {
  if (expr.kind === 'identifier') return [{ name: expr.name, span: expr.span }];
  if (expr.kind !== 'member') return undefined;
  const object = memberParts(expr.object);
  return object ? [...object, expr.member] : undefined;
}

/** Index cache: one per analyzed program object. */
const cache = new WeakMap<Program, ModelIndex>();

export function modelIndex(program: Program): ModelIndex {
  let index = cache.get(program);
  if (!index) {
    index = new ModelIndex(program);
    cache.set(program, index);
  }
  return index;
}
