/** The evaluation engine's public surface (language.md §7). */
export { evaluate } from './engine';
export { expressionText } from '../model/expressionText';
export { ScopeTable } from './scopeTable';
export { EvalError, CODES as EVAL_CODES } from './errors';
export { resultSpan } from './resultSpan';
export type { CheckResult, EvalOptions, EvalResult, Evaluate, KnownFailure, RunSummary, ScopeEvaluation } from './types';
