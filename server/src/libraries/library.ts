import type { Value } from '../eval/values';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';

/**
 * Where a library found a violation (the file with the forbidden import, the file over the
 * size limit), for reports that can point at it (SARIF, GitHub annotations, JUnit).
 */
export interface ViolationLocation {
  /** The path as the library reports it (`<workspace>/<rel>`, like scope paths), or absolute. */
  path: string;
  /** 1-based line, when known. */
  line?: number;
}

/** Result of one `check` call (language.md §7.4). */
export type CheckOutcome =
  | { status: 'pass' }
  | { status: 'fail'; message: string; locations?: ViolationLocation[] }
  | { status: 'error'; message: string; code?: string };

/**
 * A library failure with the reference's code (`E110`, `E203`, `E506`, …). Thrown by
 * `Library.call`/`Library.check`; the engine turns it into an Error result (only the
 * message is shown) or, inside a scope, into "scope not defined".
 */
export class LibraryError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'LibraryError';
  }
}

/** What a library learns about the call site; plugins use `check` to attribute denials. */
export interface CallContext {
  /** Workspace directory string exactly as given to the engine (not normalised). */
  workspace: string;
  /** Shared file index (walks, cached text and trees). */
  index: WorkspaceIndex;
  /** Cancels a long call (a newer edit in the language server, shutdown, …). */
  signal?: AbortSignal;
  /** The check (or scope) being evaluated, for messages and capability findings. */
  origin?: { file?: string; elementPath: string; text: string };
}

export interface ParameterDoc {
  name: string;
  /** Type string as shown in docs: `string`, `Scope`, `integer`, `any`, … */
  param_type: string;
  description: string;
}

export interface FunctionDoc {
  name: string;
  description: string;
  parameters: ParameterDoc[];
  /** `Scope` for selectors, `CheckResult` for checks; may be empty. */
  return_type: string;
  example: string;
  /** False when the library names the function without describing its parameters (`library.metadata`, a doc entry without `parameters`). */
  parametersKnown?: boolean;
}

export interface LibraryDoc {
  name: string;
  description: string;
  /** Empty string when unknown (the Markdown catalogue then omits the version line). */
  version: string;
  /** Selectors ("functions"). */
  functions: FunctionDoc[];
  checks: FunctionDoc[];
}

export type LibraryKind = 'builtin' | 'external' | 'wasm';

/** A range in a workspace file: 0-based rows, columns in UTF-16 code units (as LSP counts). */
export interface SourceRange {
  start: { row: number; column: number };
  end: { row: number; column: number };
}

/** Where something a call names lives: a file or folder, and the declaration's name in a file. */
export interface SourceSite {
  /** Absolute path of a file or folder inside the workspace. */
  path: string;
  /** The declaring name (`Lexer` of `struct Lexer`); absent for a whole file or folder. */
  range?: SourceRange;
}

/** A string argument of a call an editor asks about (go to definition, document links). */
export interface LocateRequest {
  /** The dispatch table of the call: `check` for the top-level call of a check. */
  table: 'check' | 'selector';
  fn: string;
  argIndex: number;
  /** Arguments known without evaluating: literals, and scopes from the last run (else undefined). */
  args: (Value | undefined)[];
  /**
   * `link`: only files and folders the argument names literally (cheap: no workspace scan);
   * `definition`: everything it names, declarations in source files included.
   */
  purpose: 'link' | 'definition';
}

/**
 * A library: two dispatch tables (selectors via `call`, checks via `check`;
 * stdlib.md §1). Implementations: built-ins, external processes, WASM plugins.
 */
export interface Library {
  readonly name: string;
  readonly kind: LibraryKind;
  /** Evaluate a selector/function as a value. Throws LibraryError. */
  call(fn: string, args: Value[], ctx: CallContext): Promise<Value>;
  /** Evaluate a check. May throw LibraryError (becomes an Error result). */
  check(fn: string, args: Value[], ctx: CallContext): Promise<CheckOutcome>;
  /** Documentation for hovers, completion and `hielements doc`. */
  doc(): Promise<LibraryDoc>;
  /** Where what a string argument names lives (editor navigation); optional, [] when nothing. */
  locate?(request: LocateRequest, ctx: CallContext): Promise<SourceSite[]>;
  /** Stop processes/workers; the library may be used again afterwards (it restarts). */
  dispose?(): Promise<void>;
}

/** Name → library. Later registrations replace earlier ones (plugins replace built-ins). */
export class LibraryRegistry {
  private readonly libs = new Map<string, Library>();

  register(lib: Library): void {
    this.libs.set(lib.name, lib);
  }
  get(name: string): Library | undefined {
    return this.libs.get(name);
  }
  has(name: string): boolean {
    return this.libs.has(name);
  }
  names(): string[] {
    return [...this.libs.keys()];
  }
  all(): Library[] {
    return [...this.libs.values()];
  }
  async dispose(): Promise<void> {
    await Promise.all(this.all().map((l) => l.dispose?.()));
  }
}
