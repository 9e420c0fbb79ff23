import type { HieDiagnostic } from '../diagnostics/diagnostic';
import { spanAt } from '../syntax/span';
import type { Program } from './types';
import { patternFindings } from './patternFindings';
import { requirementFindings } from './requirementFindings';

/** Options of the validation phase. */
export interface ValidationOptions {
  /** Libraries that exist (built-ins and configured plugins), for W001. */
  knownLibraries: ReadonlySet<string>;
}

const TOP_LEVEL = "Expected 'template', 'element', or 'language'";

/** Findings that need the whole program: imports after the first item (E001), W001, pattern use (W102–W104) and requirements (W105). */
export function programFindings(program: Program, options: ValidationOptions): HieDiagnostic[] {
  const out: HieDiagnostic[] = [];
  const firstItem = Math.min(...[...program.patterns, ...program.elements, ...program.languages].map((i) => i.span.startIndex));
  for (const imp of program.imports) {
    if (imp.span.startIndex > firstItem) {
      const keyword = imp.selective.length > 0 ? 'From' : 'Import';
      const s = imp.span;
      out.push({
        severity: 'error',
        code: 'E001',
        message: `${TOP_LEVEL}, found ${keyword}`,
        span: spanAt(s.start, s.startIndex, keyword.length),
        source: 'validation',
      });
    }
    if (imp.path.kind !== 'identifiers') continue;
    const first = imp.path.parts[0];
    if (first && !options.knownLibraries.has(first.name)) {
      out.push({ severity: 'warning', code: 'W001', message: `Unknown library '${first.name}' (will be resolved at runtime)`, span: first.span, source: 'validation' });
    }
  }
  out.push(...patternFindings(program), ...requirementFindings(program));
  return out;
}
