import type { HieDiagnostic } from '../diagnostics/diagnostic';
import { expressionText } from './expressionText';
import type { Element, Pattern, Program, Requirement, ScopeDecl } from './types';

/**
 * Hierarchical requirements of patterns (`requires` / `allows` / `forbids`, language.md §8.2),
 * checked on the structure of each implementing element — the reference only parses them.
 * A requirement an element does not meet is warning W105 on the element's name (exit codes
 * stay the reference's). Not checked here: connection requirements (they need code-level
 * dependency analysis) and check requirements (they need the check run against bound scopes).
 */
export function requirementFindings(program: Program): HieDiagnostic[] {
  const patterns = new Map(program.patterns.map((p) => [p.name.name, p]));
  const out: HieDiagnostic[] = [];
  const visit = (element: Element): void => {
    for (const id of element.implements) {
      const pattern = patterns.get(id.name);
      if (!pattern) continue;
      for (const problem of unmet(element, pattern)) {
        out.push({
          severity: 'warning',
          code: 'W105',
          message: `Element '${element.name.name}' does not meet \`${problem.requirement}\` of pattern '${pattern.name.name}'${problem.detail ? `: ${problem.detail}` : ''}`,
          span: element.name.span,
          source: 'validation',
        });
      }
    }
    element.children.forEach(visit);
  };
  program.elements.forEach(visit);
  return out;
}

interface Problem {
  requirement: string;
  detail?: string;
}

function unmet(element: Element, pattern: Pattern): Problem[] {
  const problems: Problem[] = [];
  const allowedLanguages = pattern.requirements.filter((r) => r.action === 'allows' && r.component.kind === 'language');
  const below = descendants(element);
  const subtree = [element, ...below];
  for (const requirement of pattern.requirements) {
    const text = requirementText(requirement);
    const c = requirement.component;
    // the element itself for a language or a scope requirement; its children (or all descendants) otherwise
    const candidates = requirement.descendant ? below : element.children;
    switch (c.kind) {
      case 'element': {
        // with `implements` the name is a role (`requires descendant element service implements microservice`):
        // any element implementing the pattern meets it; without, the element is found by name
        const matches = candidates.filter((e) =>
          c.implements ? e.implements.some((i) => i.name === c.implements!.name) : e.name.name === c.name.name,
        );
        if (requirement.action === 'requires' && matches.length === 0) problems.push({ requirement: text });
        if (requirement.action === 'forbids' && matches.length > 0) problems.push({ requirement: text, detail: `found '${matches[0].name.name}'` });
        break;
      }
      case 'scope': {
        const holders = requirement.descendant ? subtree : [element];
        const matches = holders.filter((e) => e.scopes.some((s) => sameScope(s, c.scope)));
        if (requirement.action === 'requires' && matches.length === 0) problems.push({ requirement: text });
        if (requirement.action === 'forbids' && matches.length > 0) problems.push({ requirement: text, detail: `declared in '${matches[0].name.name}'` });
        break;
      }
      case 'ref': {
        const matches = candidates.filter((e) => e.refs.some((r) => r.name.name === c.name.name && r.type.name === c.type.name));
        if (requirement.action === 'requires' && matches.length === 0) problems.push({ requirement: text });
        if (requirement.action === 'forbids' && matches.length > 0) problems.push({ requirement: text, detail: `exposed by '${matches[0].name.name}'` });
        break;
      }
      case 'check':
        break; // "has or satisfies this check" needs the check evaluated against bound scopes

      case 'language': {
        const scopes = subtree.flatMap((e) => e.scopes.filter((s) => s.language).map((s) => ({ element: e, scope: s })));
        const inLanguage = scopes.filter((s) => s.scope.language!.name === c.name.name);
        if (requirement.action === 'requires' && inLanguage.length === 0) problems.push({ requirement: text, detail: 'no scope is annotated with it' });
        if (requirement.action === 'forbids' && inLanguage.length > 0) {
          problems.push({ requirement: text, detail: `scope '${inLanguage[0].scope.name.name}' of '${inLanguage[0].element.name.name}'` });
        }
        if (requirement.action === 'allows' && requirement === allowedLanguages[0]) {
          // the whitelist: every allowed language, and the required ones (a pattern never forbids what it requires)
          const allowed = new Set(
            pattern.requirements
              .filter((r) => r.action !== 'forbids' && r.component.kind === 'language')
              .map((r) => (r.component.kind === 'language' ? r.component.name.name : '')),
          );
          const other = scopes.find((s) => !allowed.has(s.scope.language!.name));
          if (other) {
            const list = [...allowed].join(', ');
            problems.push({ requirement: allowedLanguages.length === 1 ? text : `allows language ${list}`, detail: `scope '${other.scope.name.name}' of '${other.element.name.name}' is ${other.scope.language!.name}` });
          }
        }
        break;
      }
      case 'connection':
        break; // needs dependency analysis of the code
    }
  }
  return problems;
}

/** Same name, and the same language when the requirement names one. */
function sameScope(declared: ScopeDecl, wanted: ScopeDecl): boolean {
  return declared.name.name === wanted.name.name && (!wanted.language || declared.language?.name === wanted.language.name);
}

function descendants(element: Element): Element[] {
  return element.children.flatMap((c) => [c, ...descendants(c)]);
}

/** The requirement as written (normalised spacing), for messages. */
export function requirementText(r: Requirement): string {
  const head = `${r.action}${r.descendant ? ' descendant' : ''}`;
  const c = r.component;
  switch (c.kind) {
    case 'scope':
      return `${head} scope ${c.scope.name.name}${c.scope.language ? `<${c.scope.language.name}>` : ''}`;
    case 'check':
      return `${head} check ${expressionText(c.check.expression)}`;
    case 'element':
      if (c.name.name === '_anonymous') return `${head} implements ${c.implements?.name ?? ''}`;
      return `${head} element ${c.name.name}${c.type ? `: ${c.type.name}` : ''}${c.implements ? ` implements ${c.implements.name}` : ''}`;
    case 'connection':
      return `${head} connection to ${c.path.map((p) => p.name).join('.')}${c.wildcard ? '.*' : ''}`;
    case 'ref':
      return `${head} ref ${c.name.name}: ${c.type.name}`;
    case 'language':
      return `${head} language ${c.name.name}`;
  }
}
