import type { Span } from '../syntax/span';
import type { CheckDecl, Element, Program } from '../model/types';
import type { CheckOutcome, LibraryRegistry } from '../libraries/library';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import type { Value } from './values';

/**
 * Contract of the evaluation engine (language.md §7): a library with no LSP or CLI
 * knowledge. Input: a model and a workspace; output: results with the range of each check
 * and of the argument that caused an error.
 */
export interface EvalOptions {
  /** Workspace directory string exactly as the user gave it (Scope paths are `<workspace>/<rel>`). */
  workspace: string;
  index: WorkspaceIndex;
  registry: LibraryRegistry;
  /** Path of the .hie file (for CallContext.origin and messages). */
  file?: string;
  /** `--filter`: only checks whose element path contains this text run; others count as skipped. */
  filter?: string;
  /** `--limit`: at most this many checks run (language.md §7.6). */
  limit?: number;
  /** Only evaluate the element with this path (and the scopes evaluated before it). */
  onlyElement?: string;
  /**
   * Only these checks run (the very objects of `program`; pattern checks included when listed):
   * the others are neither evaluated nor counted, and the walk stops after the last element
   * owning one of them (the scopes before it are evaluated as usual). Combines with `onlyElement`.
   */
  onlyChecks?: ReadonlySet<CheckDecl>;
  /**
   * Also run each implemented pattern's checks for the implementing element, with the pattern's
   * placeholders bound to the element's values (language.md §8.1, docs intent; the reference
   * never does). Their results carry the element path `<element>#<pattern path>`.
   */
  patternChecks?: boolean;
  /**
   * Checks known to fail before they run (the static checker's errors, staticCheck/): each is
   * recorded as an ERROR with this code, message and span instead of being evaluated.
   */
  knownFailures?: ReadonlyMap<CheckDecl, KnownFailure>;
  /** Cancels the run: evaluation stops at the next library call and `evaluate` rejects with an AbortError. */
  signal?: AbortSignal;
  /** Progress hooks (the CLI's --verbose, the language server's $/progress). */
  onScope?: (event: ScopeEvaluation) => void;
  onResult?: (result: CheckResult) => void;
}

export interface KnownFailure {
  code: string;
  message: string;
  /** Where the failure is (an argument, a function name, …). */
  span: Span;
}

export interface ScopeEvaluation {
  elementPath: string;
  name: string;
  span: Span;
  /** The value, or the error that left the scope undefined, or unbounded (no expression). */
  outcome: { kind: 'value'; value: Value } | { kind: 'error'; message: string; code?: string } | { kind: 'unbounded' };
}

export interface CheckResult {
  elementPath: string;
  element: Element;
  check: CheckDecl;
  /** Canonical check text (language.md §7.4), e.g. `files.exists(src, 'main.py')`. */
  text: string;
  outcome: CheckOutcome;
  /** For an error caused by one argument (undefined identifier, bad argument): that argument's range. */
  errorSpan?: Span;
  /** The outcome is a known failure (`EvalOptions.knownFailures`): the check was not evaluated. */
  knownFailure?: true;
}


export interface RunSummary {
  total: number;
  passed: number;
  failed: number;
  errors: number;
  skipped: number;
}

export interface EvalResult {
  results: CheckResult[];
  scopes: ScopeEvaluation[];
  summary: RunSummary;
}

/** Implemented by eval/engine.ts. */
export type Evaluate = (program: Program, options: EvalOptions) => Promise<EvalResult>;
