import type { Span } from '../syntax/span';
import type { CheckResult } from './types';

/**
 * Where a result points (the `file:line:col` of `run`'s reports): an error at its cause (the
 * argument at fault, the unknown function, …), anything else at the check's expression.
 */
export function resultSpan(result: CheckResult): Span {
  return (result.outcome.status === 'error' ? result.errorSpan : undefined) ?? result.check.expression.span;
}
