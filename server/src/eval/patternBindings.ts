import type { CheckDecl, Element, Expression, Pattern, ScopeDecl } from '../model/types';
import { implicitBindings } from '../model/patternFindings';

/**
 * What running a pattern's checks for an implementing element needs (language.md §8.1, docs
 * intent), computed from the model alone: the pattern's members in evaluation order, the
 * element's bindings, and which placeholder an identifier of a pattern check stands for.
 */

/** Where pattern members live while an implementing element is evaluated: `<element path>#<pattern path>`. */
export const patternContext = (elementPath: string, patternPath: string): string => `${elementPath}#${patternPath}`;

export interface PatternScope {
  /** Path inside the pattern of the element holding it: `observable` or `observable.metrics`. */
  owner: string;
  decl: ScopeDecl;
}

export interface PatternCheck {
  owner: string;
  check: CheckDecl;
}

/** The pattern's scopes and checks, pattern level first, then its elements in pre-order. */
export function patternMembers(pattern: Pattern): { scopes: PatternScope[]; checks: PatternCheck[]; placeholders: Set<string> } {
  const scopes: PatternScope[] = [];
  const checks: PatternCheck[] = [];
  const placeholders = new Set<string>();
  const add = (owner: string, decls: { scopes: ScopeDecl[]; refs: { name: { name: string }; expression: Expression | null }[]; checks: CheckDecl[] }) => {
    for (const decl of decls.scopes) {
      if (decl.expression) scopes.push({ owner, decl });
      else placeholders.add(`${owner}.${decl.name.name}`);
    }
    for (const ref of decls.refs) if (!ref.expression) placeholders.add(`${owner}.${ref.name.name}`);
    for (const check of decls.checks) checks.push({ owner, check });
  };
  const root = pattern.name.name;
  add(root, pattern);
  const visit = (element: Element, prefix: string): void => {
    const owner = `${prefix}.${element.name.name}`;
    add(owner, element);
    element.children.forEach((c) => visit(c, owner));
  };
  pattern.elements.forEach((e) => visit(e, root));
  return { scopes, checks, placeholders };
}

export type BindingSource = { kind: 'scope'; name: string } | { kind: 'expression'; expression: Expression };

/**
 * The element's bindings into `pattern`: placeholder path → where its value comes from —
 * `binds` clauses, binding lines, and scopes named like a pattern-level placeholder.
 */
export function elementBindings(element: Element, patternDecl: Pattern): Map<string, BindingSource> {
  const pattern = patternDecl.name.name;
  const out = new Map<string, BindingSource>();
  for (const path of implicitBindings(element, patternDecl)) {
    const name = path.slice(pattern.length + 1);
    const scope = element.scopes.find((s) => s.name.name === name && !s.binds);
    if (scope) out.set(path, { kind: 'scope', name });
    else {
      const ref = element.refs.find((r) => r.name.name === name && !r.binds);
      if (ref?.expression) out.set(path, { kind: 'expression', expression: ref.expression });
    }
  }
  const ofPattern = (parts: { name: string }[]) => parts.length > 1 && parts[0].name === pattern;
  for (const scope of element.scopes) {
    if (scope.binds && ofPattern(scope.binds)) out.set(scope.binds.map((p) => p.name).join('.'), { kind: 'scope', name: scope.name.name });
  }
  for (const ref of element.refs) {
    if (ref.binds && ofPattern(ref.binds) && ref.expression) out.set(ref.binds.map((p) => p.name).join('.'), { kind: 'expression', expression: ref.expression });
  }
  for (const binding of element.bindings) {
    if (ofPattern(binding.path)) out.set(binding.path.map((p) => p.name).join('.'), { kind: 'expression', expression: binding.expression });
  }
  return out;
}

/**
 * An identifier of a check declared at `owner` that names a placeholder nobody bound, with the
 * placeholder's path; the nearest declaration wins (`owner`, then its enclosing pattern elements).
 */
export function unboundPlaceholder(expression: Expression, owner: string, placeholders: Set<string>, bound: ReadonlySet<string>): { span: Expression['span']; path: string } | undefined {
  const identifiers = identifiersOf(expression);
  for (const id of identifiers) {
    for (let scope = owner; scope !== ''; scope = scope.includes('.') ? scope.slice(0, scope.lastIndexOf('.')) : '') {
      const path = `${scope}.${id.name}`;
      if (placeholders.has(path)) {
        if (!bound.has(path)) return { span: id.span, path };
        break;
      }
    }
  }
  return undefined;
}

function identifiersOf(e: Expression): Extract<Expression, { kind: 'identifier' }>[] {
  switch (e.kind) {
    case 'identifier':
      return [e];
    case 'call':
      return e.args.flatMap(identifiersOf);
    case 'list':
      return e.elements.flatMap(identifiersOf);
    default:
      return [];
  }
}
