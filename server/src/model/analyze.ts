import type { Tree } from 'web-tree-sitter';
import type { HieDiagnostic } from '../diagnostics/diagnostic';
import { syntaxDiagnostics } from '../syntax/syntaxErrors';
import { buildProgram } from './build';
import type { Program } from './types';
import { validate, type ValidationOptions } from './validate';

export interface Analysis {
  program: Program;
  /** Errors first, then warnings; each group in document order. */
  diagnostics: HieDiagnostic[];
}

/** Everything the parse and validate phases know about one document (language.md §1). */
export function analyze(tree: Tree, text: string, options: ValidationOptions): Analysis {
  const program = buildProgram(tree, text);
  const syntax = syntaxDiagnostics(tree);
  // one mistake, one diagnostic: a line with a syntax error gets no follow-up validation finding
  const brokenRows = new Set(syntax.map((d) => d.span.start.row));
  const validation = validate(tree, program, options).filter((d) => !brokenRows.has(d.span.start.row));
  const diagnostics = mergeDiagnostics([...syntax, ...validation]).slice(0, MAX_DIAGNOSTICS);
  return { program, diagnostics };
}

/** A garbage file gets a readable number of diagnostics, not thousands. */
const MAX_DIAGNOSTICS = 60;

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2, hint: 3 } as const;

/** Drop duplicates (the same code at the same place from two phases) and order them. */
export function mergeDiagnostics(diagnostics: HieDiagnostic[]): HieDiagnostic[] {
  const seen = new Set<string>();
  const unique = diagnostics.filter((d) => {
    const key = `${d.code}@${d.span.startIndex}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.span.startIndex - b.span.startIndex,
  );
}

export const hasErrors = (diagnostics: readonly HieDiagnostic[]): boolean => diagnostics.some((d) => d.severity === 'error');
