import type { HieDiagnostic } from '../diagnostics/diagnostic';
import type { Program } from '../model/types';
import type { Finding } from './findings';

const RESOLUTION = new Set(['E200', 'E202']);

/**
 * The findings worth showing next to the syntax and validation diagnostics of the same text.
 * A broken unit's model may miss what the text declares: its findings are dropped, and so are
 * unresolved names anywhere while some unit is broken (the name may be declared on the broken
 * line), and any finding on a line with an error. One mistake, one diagnostic.
 */
export function reportable(findings: readonly Finding[], program: Program, diagnostics: readonly HieDiagnostic[]): Finding[] {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return [...findings];
  const rows = new Set(errors.map((d) => d.span.start.row));
  const broken = program.elements
    .filter((el) => errors.some((d) => d.span.startIndex >= el.span.startIndex && d.span.startIndex <= el.span.endIndex))
    .map((el) => el.span);
  return findings.filter(
    (f) =>
      !RESOLUTION.has(f.cause ?? f.code) &&
      !rows.has(f.span.start.row) &&
      !broken.some((s) => f.span.startIndex >= s.startIndex && f.span.startIndex <= s.endIndex),
  );
}
