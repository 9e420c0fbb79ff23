import type { Span } from '../syntax/span';

/**
 * The typed model of one `.hie` file, built from the tree-sitter tree (model/build.ts).
 * It mirrors the reference AST (language.md §3.12) so `hielements parse` can print the
 * reference JSON, and every node keeps its exact span for the language server.
 */

export interface Identifier {
  name: string;
  span: Span;
}

export type Expression =
  | { kind: 'identifier'; name: string; span: Span }
  | { kind: 'member'; object: Expression; member: Identifier; span: Span }
  | { kind: 'call'; callee: Expression; args: Expression[]; span: Span }
  | { kind: 'string'; value: string; span: Span }
  | { kind: 'number'; value: number; span: Span }
  | { kind: 'boolean'; value: boolean; span: Span }
  | { kind: 'list'; elements: Expression[]; span: Span };

export type ImportPath =
  | { kind: 'identifiers'; parts: Identifier[] }
  | { kind: 'string'; value: string; span: Span };

export interface ImportStatement {
  path: ImportPath;
  alias: Identifier | null;
  /** Names of `from … import a, b`; empty for plain imports. */
  selective: Identifier[];
  span: Span;
}

export interface ScopeDecl {
  name: Identifier;
  language: Identifier | null;
  binds: Identifier[] | null;
  /** null = unbounded placeholder (only legal in pattern context). */
  expression: Expression | null;
  span: Span;
}

export interface RefDecl {
  name: Identifier;
  type: Identifier;
  binds: Identifier[] | null;
  expression: Expression | null;
  span: Span;
}

export interface UsesDecl {
  source: Identifier;
  target: Identifier[];
  span: Span;
}

export interface CheckDecl {
  expression: Expression;
  span: Span;
}

/** Legacy binding line `pattern.path.member = expr`. */
export interface Binding {
  path: Identifier[];
  expression: Expression;
  span: Span;
}

export type RequirementAction = 'requires' | 'allows' | 'forbids';

export interface RequirementElementBody {
  scopes: ScopeDecl[];
  refs: RefDecl[];
  checks: CheckDecl[];
  elements: Element[];
}

export type RequirementComponent =
  | { kind: 'scope'; scope: ScopeDecl }
  | { kind: 'check'; check: CheckDecl }
  | {
      kind: 'element';
      /** `_anonymous` for `requires [descendant] implements p`. */
      name: Identifier;
      type: Identifier | null;
      implements: Identifier | null;
      body: RequirementElementBody | null;
    }
  | { kind: 'connection'; path: Identifier[]; wildcard: boolean; span: Span }
  | { kind: 'ref'; name: Identifier; type: Identifier; expression: Expression | null }
  | { kind: 'language'; name: Identifier };

export interface Requirement {
  action: RequirementAction;
  descendant: boolean;
  component: RequirementComponent;
  span: Span;
}

export interface Element {
  docComment: string | null;
  name: Identifier;
  implements: Identifier[];
  scopes: ScopeDecl[];
  refs: RefDecl[];
  uses: UsesDecl[];
  checks: CheckDecl[];
  bindings: Binding[];
  children: Element[];
  /** Declared (directly or indirectly) inside a pattern body. */
  inPattern: boolean;
  span: Span;
}

export interface Pattern {
  docComment: string | null;
  /** `pattern` or its synonym `template`. */
  keyword: 'pattern' | 'template';
  name: Identifier;
  scopes: ScopeDecl[];
  refs: RefDecl[];
  checks: CheckDecl[];
  requirements: Requirement[];
  elements: Element[];
  span: Span;
}

export interface ConnectionCheck {
  name: Identifier;
  parameters: Identifier[];
  body: Expression;
  span: Span;
}

export interface LanguageDecl {
  name: Identifier;
  connectionChecks: ConnectionCheck[];
  span: Span;
}

export interface Program {
  imports: ImportStatement[];
  languages: LanguageDecl[];
  patterns: Pattern[];
  elements: Element[];
  span: Span;
}
