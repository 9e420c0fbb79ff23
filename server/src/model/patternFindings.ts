import type { HieDiagnostic } from '../diagnostics/diagnostic';
import { spanCovering, type Span } from '../syntax/span';
import type { Element, Identifier, Pattern, Program } from './types';

/**
 * What the upstream docs promise about patterns and the reference never checks
 * (language.md §8.1), reported as warnings so exit codes stay the reference's:
 * - W102 `implements` names no pattern of the file;
 * - W103 an implementing element leaves unbounded scopes/refs of the pattern unbound (a scope or
 *   ref of the element with the placeholder's name binds a pattern-level placeholder);
 * - W104 a `binds` target or binding line names no placeholder of a pattern the element implements.
 */
export function patternFindings(program: Program): HieDiagnostic[] {
  const patterns = new Map(program.patterns.map((p) => [p.name.name, p]));
  const memo = new Map<Pattern, { placeholders: string[]; bindable: Set<string> }>();
  const pathsOf = (pattern: Pattern) => {
    let paths = memo.get(pattern);
    if (!paths) memo.set(pattern, (paths = { placeholders: placeholders(pattern), bindable: new Set(bindable(pattern)) }));
    return paths;
  };
  // a file import may bring patterns we cannot see (imports of .hie files are not loaded)
  const mayImportPatterns = program.imports.some((i) => i.path.kind === 'string');
  const out: HieDiagnostic[] = [];
  const warn = (code: string, message: string, span: Span) => out.push({ severity: 'warning', code, message, span, source: 'validation' });

  const visit = (element: Element): void => {
    if (element.implements.length === 0 && element.bindings.length === 0 && !hasBinds(element)) {
      element.children.forEach(visit); // nothing to check here (most elements)
      return;
    }
    const implemented = element.implements.map((i) => ({ id: i, pattern: patterns.get(i.name) }));
    for (const { id, pattern } of implemented) {
      if (!pattern && !mayImportPatterns) warn('W102', `Unknown pattern '${id.name}': no pattern or template of that name in this file`, id.span);
    }
    const bindings = bindingPaths(element);
    for (const { pattern } of implemented) {
      if (!pattern) continue;
      const implicit = implicitBindings(element, pattern);
      const missing = pathsOf(pattern).placeholders.filter((p) => !implicit.has(p) && !bindings.some((b) => b.path === p));
      if (missing.length > 0) {
        const list = missing.length <= 3 ? missing.join(', ') : `${missing.slice(0, 3).join(', ')} and ${missing.length - 3} more`;
        warn('W103', `Element '${element.name.name}' leaves ${missing.length} placeholder${missing.length === 1 ? '' : 's'} of pattern '${pattern.name.name}' unbound: ${list}`, element.name.span);
      }
    }
    for (const binding of bindings) {
      const owner = implemented.find((i) => i.id.name === binding.parts[0].name);
      if (!owner) {
        warn('W104', `'${binding.path}' does not start with a pattern that '${element.name.name}' implements`, binding.span);
      } else if (owner.pattern && !pathsOf(owner.pattern).bindable.has(binding.path)) {
        warn('W104', `'${binding.path}' is not a scope or ref of pattern '${owner.pattern.name.name}'`, binding.span);
      }
    }
    element.children.forEach(visit);
  };
  program.elements.forEach(visit);
  return out;
}

const hasBinds = (element: Element): boolean =>
  element.scopes.some((d) => d.binds !== null && d.binds.length > 0) || element.refs.some((d) => d.binds !== null && d.binds.length > 0);

interface BindingPath {
  path: string;
  parts: Identifier[];
  span: Span;
}

/**
 * Pattern-level placeholders the element binds by declaring a scope or ref of the same name
 * without `binds` (`pattern p: scope src` + `element e implements p: scope src = …`).
 */
export function implicitBindings(element: Element, pattern: Pattern): Set<string> {
  const own = new Set([...element.scopes, ...element.refs].filter((d) => !d.binds && d.expression).map((d) => d.name.name));
  const out = new Set<string>();
  for (const d of [...pattern.scopes, ...pattern.refs]) {
    if (d.expression === null && own.has(d.name.name)) out.add(`${pattern.name.name}.${d.name.name}`);
  }
  return out;
}

/** `binds` clauses of the element's scopes and refs, and its legacy binding lines. */
function bindingPaths(element: Element): BindingPath[] {
  const of = (parts: Identifier[]): BindingPath => ({
    path: parts.map((p) => p.name).join('.'),
    parts,
    span: spanCovering(parts[0].span, parts[parts.length - 1].span),
  });
  return [
    ...[...element.scopes, ...element.refs].flatMap((d) => (d.binds && d.binds.length > 0 ? [of(d.binds)] : [])),
    ...element.bindings.filter((b) => b.path.length > 0).map((b) => of(b.path)),
  ];
}

/** Paths of the pattern's unbounded scopes and refs: `p.name`, `p.element.name`, `p.a.b.name`. */
function placeholders(pattern: Pattern): string[] {
  return memberPaths(pattern, (d) => d.expression === null);
}

/**
 * What a binding may name: every scope and ref of the pattern (binding a bound one overrides
 * it), a pattern element, or a pattern element's own scope (`p.lexer.scope = …`, P-05).
 */
function bindable(pattern: Pattern): string[] {
  const out = memberPaths(pattern, () => true);
  const visit = (element: Element, prefix: string): void => {
    const path = `${prefix}.${element.name.name}`;
    out.push(path, `${path}.scope`);
    element.children.forEach((c) => visit(c, path));
  };
  pattern.elements.forEach((e) => visit(e, pattern.name.name));
  return out;
}

function memberPaths(pattern: Pattern, keep: (d: { expression: unknown }) => boolean): string[] {
  const out: string[] = [];
  const add = (prefix: string, members: { name: Identifier; expression: unknown }[]) => {
    for (const m of members) if (keep(m)) out.push(`${prefix}.${m.name.name}`);
  };
  add(pattern.name.name, [...pattern.scopes, ...pattern.refs]);
  const visit = (element: Element, prefix: string): void => {
    const path = `${prefix}.${element.name.name}`;
    add(path, [...element.scopes, ...element.refs]);
    element.children.forEach((c) => visit(c, path));
  };
  pattern.elements.forEach((e) => visit(e, pattern.name.name));
  return out;
}
