import { Float } from '../cli/prettyJson';
import type { LineIndex } from '../syntax/lineIndex';
import type { Span } from '../syntax/span';
import type {
  Binding, CheckDecl, ConnectionCheck, Element, Expression, Identifier, ImportStatement, LanguageDecl,
  Pattern, Program, RefDecl, Requirement, RequirementComponent, RequirementElementBody, ScopeDecl, UsesDecl,
} from './types';

/**
 * The reference's AST JSON (`hielements parse`, cli.md §4): field names and order of the Rust
 * AST, externally tagged enums, byte-based spans.
 */
export function programToJson(program: Program, lines: LineIndex): unknown {
  const span = (s: Span) => ({ start: lines.bytePosition(s.start), end: lines.bytePosition(s.end) });
  const ident = (i: Identifier) => ({ name: i.name, span: span(i.span) });
  const idents = (list: Identifier[]) => list.map(ident);

  const expr = (e: Expression): unknown => {
    switch (e.kind) {
      case 'identifier':
        return { Identifier: { name: e.name, span: span(e.span) } };
      case 'member':
        return { MemberAccess: { object: expr(e.object), member: ident(e.member), span: span(e.span) } };
      case 'call':
        return { FunctionCall: { function: expr(e.callee), arguments: e.args.map(expr), span: span(e.span) } };
      case 'string':
        return { String: { value: e.value, span: span(e.span) } };
      case 'number':
        return { Number: { value: new Float(e.value), span: span(e.span) } };
      case 'boolean':
        return { Boolean: { value: e.value, span: span(e.span) } };
      case 'list':
        return { List: { elements: e.elements.map(expr), span: span(e.span) } };
    }
  };
  const optExpr = (e: Expression | null) => (e ? expr(e) : null);
  const scope = (s: ScopeDecl) => ({
    name: ident(s.name),
    language: s.language ? ident(s.language) : null,
    binds: s.binds ? idents(s.binds) : null,
    expression: optExpr(s.expression),
    span: span(s.span),
  });
  const ref = (r: RefDecl) => ({
    name: ident(r.name),
    type_annotation: { type_name: ident(r.type), span: span(r.type.span) },
    binds: r.binds ? idents(r.binds) : null,
    expression: optExpr(r.expression),
    span: span(r.span),
  });
  const uses = (u: UsesDecl) => ({ source: ident(u.source), target: idents(u.target), span: span(u.span) });
  const check = (c: CheckDecl) => ({ expression: expr(c.expression), span: span(c.span) });
  const binding = (b: Binding) => ({ path: idents(b.path), expression: expr(b.expression), span: span(b.span) });
  const element = (e: Element): unknown => ({
    doc_comment: e.docComment,
    name: ident(e.name),
    implements: e.implements.map((i) => ({ template_name: ident(i), span: span(i.span) })),
    scopes: e.scopes.map(scope),
    refs: e.refs.map(ref),
    uses: e.uses.map(uses),
    checks: e.checks.map(check),
    template_bindings: e.bindings.map(binding),
    component_requirements: [],
    children: e.children.map(element),
    span: span(e.span),
  });
  const body = (b: RequirementElementBody) => ({
    scopes: b.scopes.map(scope),
    refs: b.refs.map(ref),
    checks: b.checks.map(check),
    elements: b.elements.map(element),
  });
  const component = (c: RequirementComponent): unknown => {
    switch (c.kind) {
      case 'scope':
        return { Scope: scope(c.scope) };
      case 'check':
        return { Check: check(c.check) };
      case 'element':
        return {
          Element: {
            name: ident(c.name),
            type_annotation: c.type ? { type_name: ident(c.type), span: span(c.type.span) } : null,
            implements: c.implements ? ident(c.implements) : null,
            body: c.body ? body(c.body) : null,
          },
        };
      case 'connection':
        return { Connection: { path: idents(c.path), wildcard: c.wildcard, span: span(c.span) } };
      case 'ref':
        return {
          Ref: {
            name: ident(c.name),
            type_annotation: { type_name: ident(c.type), span: span(c.type.span) },
            expression: optExpr(c.expression),
          },
        };
      case 'language':
        return { Language: ident(c.name) };
    }
  };
  const requirement = (r: Requirement) => ({
    action: r.action === 'requires' ? 'Requires' : r.action === 'allows' ? 'Allows' : 'Forbids',
    is_descendant: r.descendant,
    component: component(r.component),
    span: span(r.span),
  });
  const pattern = (p: Pattern) => ({
    doc_comment: p.docComment,
    name: ident(p.name),
    scopes: p.scopes.map(scope),
    refs: p.refs.map(ref),
    checks: p.checks.map(check),
    component_requirements: p.requirements.map(requirement),
    elements: p.elements.map(element),
    span: span(p.span),
  });
  const connectionCheck = (c: ConnectionCheck) => ({
    name: ident(c.name),
    parameters: idents(c.parameters),
    body: expr(c.body),
    span: span(c.span),
  });
  const language = (l: LanguageDecl) => ({ name: ident(l.name), connection_checks: l.connectionChecks.map(connectionCheck), span: span(l.span) });
  const importStatement = (i: ImportStatement) => ({
    path: i.path.kind === 'string' ? { String: { value: i.path.value, span: span(i.path.span) } } : { Identifier: idents(i.path.parts) },
    alias: i.alias ? ident(i.alias) : null,
    selective: idents(i.selective),
    span: span(i.span),
  });

  return {
    imports: program.imports.map(importStatement),
    languages: program.languages.map(language),
    templates: program.patterns.map(pattern),
    elements: program.elements.map(element),
    span: span(program.span),
  };
}
