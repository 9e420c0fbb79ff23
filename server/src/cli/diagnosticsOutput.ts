import type { HieDiagnostic } from '../diagnostics/diagnostic';
import type { LineIndex } from '../syntax/lineIndex';
import { prettyJson } from './prettyJson';

/** Diagnostics as the reference prints them (cli.md §2). */
export function diagnosticJson(d: HieDiagnostic, file: string, lines: LineIndex): Record<string, unknown> {
  return {
    severity: d.severity,
    code: d.code,
    message: d.message,
    file,
    span: { start: lines.bytePosition(d.span.start), end: lines.bytePosition(d.span.end) },
  };
}

export function checkReportJson(diagnostics: readonly HieDiagnostic[], file: string, lines: LineIndex): string {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const warnings = diagnostics.filter((d) => d.severity !== 'error');
  return prettyJson({
    version: '1.0',
    status: errors.length > 0 ? 'error' : 'ok',
    errors: errors.map((d) => diagnosticJson(d, file, lines)),
    warnings: warnings.map((d) => diagnosticJson(d, file, lines)),
    summary: { total_errors: errors.length, total_warnings: warnings.length },
  });
}

export function location(d: HieDiagnostic, file: string, lines: LineIndex): string {
  const p = lines.bytePosition(d.span.start);
  return `${file}:${p.line}:${p.column}`;
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
