import type { Span } from '../syntax/span';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/**
 * Which phase produced a diagnostic; the language server publishes them together. `static`
 * findings (staticCheck/) are about checks: they never stop a run, they become its results.
 */
export type DiagnosticSource = 'syntax' | 'validation' | 'static' | 'config' | 'capability' | 'check';

/**
 * One finding about a document. Codes reuse the reference's (`E0xx`, `W001`, …) where the
 * meaning is the same; new findings use new codes (`W1xx`, `E7xx` for config, …).
 */
export interface HieDiagnostic {
  severity: Severity;
  code: string;
  message: string;
  span: Span;
  source: DiagnosticSource;
}
