import type { CheckDecl } from '../model/types';
import type { CheckOutcome } from '../libraries/library';
import type { Span } from '../syntax/span';
import { CODES, EvalError } from './errors';
import { boundedText, MAX_MESSAGE_CHARS } from '../diagnostics/boundedText';
import { isCheckOutcome } from './resultShape';
import { invokeLibrary, prepareCall, type ExpressionEnv } from './expression';

export interface CheckRun {
  outcome: CheckOutcome;
  errorSpan?: Span;
}

const errorRun = (e: EvalError): CheckRun => ({
  outcome: e.code === undefined ? { status: 'error', message: e.message } : { status: 'error', message: e.message, code: e.code },
  errorSpan: e.span,
});

/** A message from a library (a plugin's text) reaches the CLI output and LSP diagnostics at a sane length (trust.md §4). */
function bound(outcome: CheckOutcome): CheckOutcome {
  if (outcome.status === 'pass' || outcome.message.length <= MAX_MESSAGE_CHARS) return outcome;
  return { ...outcome, message: boundedText(outcome.message) };
}

/**
 * One check (language.md §7.4): it must be a `lib.fn(args…)` call; arguments are evaluated
 * before the library is looked up; every failure is an Error result, never an exception
 * (except cancellation).
 */
export async function runCheck(check: CheckDecl, env: ExpressionEnv): Promise<CheckRun> {
  const e = check.expression;
  try {
    if (e.kind !== 'call') throw new EvalError(CODES.checkNotCall, 'Check must be a function call', e.span);
    const { lib, library, fn, args } = await prepareCall(e, env);
    const outcome: unknown = await invokeLibrary(() => lib.check(fn.name, args, env.context), e.args, e.span, env.signal);
    if (!isCheckOutcome(outcome)) throw new EvalError(undefined, `Library '${library.name}' returned an invalid result from ${fn.name}`, e.span);
    const bounded = bound(outcome);
    return bounded.status === 'error' ? { outcome: bounded, errorSpan: e.span } : { outcome: bounded };
  } catch (err) {
    if (err instanceof EvalError) return errorRun(err);
    throw err;
  }
}
