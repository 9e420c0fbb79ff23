import type { Expression, Identifier } from '../model/types';
import { CODES, EvalError } from './errors';

export interface LibraryCallee {
  library: Identifier;
  fn: Identifier;
}

/** The `lib.fn` of a call, or E205 `Expected library.function` (language.md §7.3). */
export function libraryCallee(callee: Expression): LibraryCallee {
  if (callee.kind === 'member' && callee.object.kind === 'identifier') {
    return { library: { name: callee.object.name, span: callee.object.span }, fn: callee.member };
  }
  throw new EvalError(CODES.expectedLibraryFunction, 'Expected library.function', callee.span);
}
