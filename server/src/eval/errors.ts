import type { Span } from '../syntax/span';
import { boundedText } from '../diagnostics/boundedText';

/**
 * An expression that cannot be evaluated (language.md §7.3): the reference's code and
 * message, and the range of the expression at fault (an argument, a nested call, …).
 * Messages can carry plugin text: they are bounded (trust.md §4).
 */
export class EvalError extends Error {
  constructor(
    readonly code: string | undefined,
    message: string,
    readonly span: Span,
  ) {
    super(boundedText(message));
    this.name = 'EvalError';
  }
}

export const CODES = {
  undefinedIdentifier: 'E200',
  memberAccess: 'E201',
  undefinedReference: 'E202',
  unknownLibrary: 'E203',
  checkNotCall: 'E204',
  expectedLibraryFunction: 'E205',
  /** A pattern check (run with `patternChecks`) uses a placeholder the implementing element did not bind. */
  unboundPlaceholder: 'E206',
} as const;

/** The error `evaluate` rejects with when its signal fires (name `AbortError`). */
export function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  const err = new Error('The evaluation was aborted');
  err.name = 'AbortError';
  return err;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal);
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
