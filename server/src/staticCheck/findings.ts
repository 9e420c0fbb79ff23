import type { HieDiagnostic } from '../diagnostics/diagnostic';
import type { Span } from '../syntax/span';

/** A text edit that resolves a finding: the name at `span` becomes `newText`. */
export interface Fix {
  title: string;
  span: Span;
  newText: string;
}

/**
 * One thing the static checker found. Errors use the run's code and exactly the run's message
 * (`run` prints that message for the check); `help` (a suggestion, the expected signature, why)
 * is added in parentheses by `check` and the editor.
 */
export interface Finding {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  help?: string;
  /** A span object of the model (never a copy), so the finding moves with its unit. */
  span: Span;
  fix?: Fix;
  /** The run's code of the failure a warning is about (W113 wraps the failure of a scope). */
  cause?: string;
}

/** Codes of the checker's warnings (its errors reuse the run's codes: E1xx–E4xx, E199, E200–E205). */
export const STATIC_CODES = {
  /** A built-in is given more arguments than it takes: the run ignores them. */
  extraArguments: 'W110',
  /** A documented plugin does not document this function. */
  undocumentedFunction: 'W111',
  /** A call contradicts a plugin's documented parameters. */
  documentedParameters: 'W112',
  /** A scope whose expression always fails: the scope is never defined. */
  scopeNeverDefined: 'W113',
} as const;

/** As `check` and the editor show it: the message, then the help in parentheses. */
export function findingText(f: Finding): string {
  return f.help ? `${f.message} (${f.help})` : f.message;
}

export function toDiagnostic(f: Finding): HieDiagnostic {
  return { severity: f.severity, code: f.code, message: findingText(f), span: f.span, source: 'static' };
}

/** `did you mean 'x'?` with the fix that writes it. */
export function suggestion(span: Span, current: string, replacement: string, shown = replacement): { help: string; fix: Fix } {
  return { help: `did you mean '${shown}'?`, fix: { title: `Change '${current}' to '${replacement}'`, span, newText: replacement } };
}
