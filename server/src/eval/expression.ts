import type { Expression } from '../model/types';
import { LibraryError, type CallContext, type LibraryRegistry } from '../libraries/library';
import type { Span } from '../syntax/span';
import { faultSpan } from './argumentFault';
import { libraryCallee } from './callee';
import { memberChainText } from '../model/expressionText';
import { CODES, errorMessage, EvalError, throwIfAborted } from './errors';
import type { ScopeTable } from './scopeTable';
import { isValue } from './resultShape';
import { numberValue, type Value } from './values';

/** What evaluating one expression needs: where it is (for lookups) and how to call libraries. */
export interface ExpressionEnv {
  table: ScopeTable;
  elementPath: string;
  registry: LibraryRegistry;
  /** The CallContext handed to libraries for this check or scope. */
  context: CallContext;
  signal?: AbortSignal;
}

/** Evaluates an expression to a value (language.md §7.3); failures throw EvalError. */
export async function evaluateExpression(e: Expression, env: ExpressionEnv): Promise<Value> {
  switch (e.kind) {
    case 'string':
      return { type: 'string', value: e.value };
    case 'number':
      return numberValue(e.value);
    case 'boolean':
      return { type: 'bool', value: e.value };
    case 'list': {
      const items: Value[] = [];
      for (const item of e.elements) items.push(await evaluateExpression(item, env));
      return { type: 'list', items };
    }
    case 'identifier': {
      const v = env.table.lookupName(env.elementPath, e.name);
      if (!v) throw new EvalError(CODES.undefinedIdentifier, `Undefined identifier: ${e.name}`, e.span);
      return v;
    }
    case 'member':
      return evaluateMember(e, env);
    case 'call': {
      const { lib, library, fn, args } = await prepareCall(e, env);
      const value: unknown = await invokeLibrary(() => lib.call(fn.name, args, env.context), e.args, e.span, env.signal);
      if (!isValue(value)) throw new EvalError(undefined, `Library '${library.name}' returned an invalid value from ${fn.name}`, e.span);
      return value;
    }
  }
}

/**
 * The parts of a `lib.fn(args…)` call, in the reference's order: the callee's shape (E205),
 * the arguments left to right, then the library (E203 — after the arguments, language.md §7.3).
 */
export async function prepareCall(e: Extract<Expression, { kind: 'call' }>, env: ExpressionEnv) {
  const { library, fn } = libraryCallee(e.callee);
  const args = await evaluateArguments(e.args, env);
  const lib = env.registry.get(library.name);
  if (!lib) throw new EvalError(CODES.unknownLibrary, `Unknown library: ${library.name}`, library.span);
  return { lib, library, fn, args };
}

function evaluateMember(e: Extract<Expression, { kind: 'member' }>, env: ExpressionEnv): Value {
  if (e.object.kind === 'identifier') {
    throw new EvalError(CODES.memberAccess, `Member access ${e.object.name}.${e.member.name} cannot be evaluated directly`, e.span);
  }
  const text = memberChainText(e);
  const v = text === undefined ? undefined : env.table.lookupSuffix(env.elementPath, text);
  if (!v) throw new EvalError(CODES.undefinedReference, `Undefined reference: ${text ?? e.member.name}`, e.span);
  return v;
}

/** Left to right; the first failure aborts (language.md §7.3). */
export async function evaluateArguments(args: readonly Expression[], env: ExpressionEnv): Promise<Value[]> {
  const values: Value[] = [];
  for (const arg of args) values.push(await evaluateExpression(arg, env));
  return values;
}

/**
 * Runs a library entry point; its failures become EvalErrors on the argument at fault.
 * Cancellation is not a failure: it propagates as an AbortError.
 */
export async function invokeLibrary<T>(run: () => Promise<T>, args: readonly Expression[], call: Span, signal: AbortSignal | undefined): Promise<T> {
  throwIfAborted(signal);
  try {
    return await run();
  } catch (e) {
    throwIfAborted(signal);
    const code = e instanceof LibraryError ? e.code : undefined;
    throw new EvalError(code, errorMessage(e), faultSpan(e, args, call));
  }
}
