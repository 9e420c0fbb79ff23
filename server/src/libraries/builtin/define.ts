import type { ScopeValue, Value } from '../../eval/values';
import {
  LibraryError,
  type CallContext,
  type CheckOutcome,
  type FunctionDoc,
  type Library,
  type LibraryDoc,
  type LocateRequest,
  type ParameterDoc,
  type SourceSite,
  type ViolationLocation,
} from '../library';
import type { LibraryCatalogue, FunctionSignature, ValueType } from '../catalogue';

/**
 * One positional parameter: its documentation, how an argument is coerced
 * (stdlib.md §1.1) and the function-specific error raised when it is missing or wrong.
 */
export interface Param<T> {
  readonly doc: ParameterDoc;
  readonly code: string;
  readonly message: string;
  /** The value types `coerce` accepts (for the static checker). */
  readonly accepts: ReadonlySet<ValueType>;
  coerce(value: Value): T | undefined;
}

function param<T>(paramType: string, accepts: ValueType[], coerce: (v: Value) => T | undefined) {
  return (name: string, description: string, code: string, message: string): Param<T> => ({
    doc: { name, param_type: paramType, description },
    code,
    message,
    accepts: new Set(accepts),
    coerce,
  });
}

/** A `String` value only. */
export const stringParam = param<string>('string', ['string'], (v) => (v.type === 'string' ? v.value : undefined));
/** A `Scope` value only. */
export const scopeParam = param<ScopeValue>('Scope', ['scope'], (v) => (v.type === 'scope' ? v : undefined));
/** An `Int`, or a `Float` truncated toward zero. */
export const integerParam = param<number>('integer', ['int', 'float'], (v) =>
  v.type === 'int' ? v.value : v.type === 'float' && Number.isFinite(v.value) ? Math.trunc(v.value) : undefined,
);

type ArgsOf<P extends readonly Param<unknown>[]> = { [K in keyof P]: P[K] extends Param<infer T> ? T : never };

/** A library function: its documentation and its implementation, side by side. */
export interface BuiltinFunction<R> {
  readonly doc: FunctionDoc;
  /** Parameters, arguments rules and return type, as the static checker reads them. */
  readonly signature: FunctionSignature;
  invoke(args: Value[], ctx: CallContext): Promise<R>;
}

export interface FunctionSpec<P extends readonly Param<unknown>[], R> {
  name: string;
  description: string;
  params: readonly [...P];
  returns: 'Scope' | 'CheckResult';
  example: string;
  run(args: ArgsOf<P>, ctx: CallContext): Promise<R> | R;
}

/**
 * Arguments are coerced in positional order; the first missing or wrong one raises its
 * error; extra arguments are ignored.
 */
export function defineFunction<P extends readonly Param<unknown>[], R>(spec: FunctionSpec<P, R>): BuiltinFunction<R> {
  const doc: FunctionDoc = {
    name: spec.name,
    description: spec.description,
    parameters: spec.params.map((p) => p.doc),
    return_type: spec.returns,
    example: spec.example,
  };
  const signature: FunctionSignature = {
    name: spec.name,
    params: spec.params.map((p) => ({ name: p.doc.name, docType: p.doc.param_type, accepts: p.accepts, error: { code: p.code, message: p.message } })),
    returns: spec.returns === 'Scope' ? 'scope' : undefined,
    doc,
  };
  return {
    doc,
    signature,
    async invoke(args, ctx) {
      const coerced: unknown[] = [];
      spec.params.forEach((p, i) => {
        const arg = args[i];
        const value = arg === undefined ? undefined : p.coerce(arg);
        if (value === undefined) throw new LibraryError(p.code, p.message);
        coerced.push(value);
      });
      return spec.run(coerced as ArgsOf<P>, ctx);
    },
  };
}

export const pass = (): CheckOutcome => ({ status: 'pass' });
export const fail = (message: string, locations?: ViolationLocation[]): CheckOutcome =>
  locations && locations.length > 0 ? { status: 'fail', message, locations } : { status: 'fail', message };
export const checkError = (message: string): CheckOutcome => ({ status: 'error', message });
export const outcome = (ok: boolean, message: string): CheckOutcome => (ok ? pass() : fail(message));

/** Answers `Library.locate` for the arguments of one function (index → what it names). */
export type Locator = (request: LocateRequest, ctx: CallContext) => Promise<SourceSite[]>;

export interface BuiltinLibrarySpec {
  name: string;
  description: string;
  selectors: BuiltinFunction<Value>[];
  checks: BuiltinFunction<CheckOutcome>[];
  unknownSelector(fn: string): LibraryError;
  unknownCheck(fn: string): LibraryError;
  /** Editor navigation per function name and table (functions without one name nothing). */
  locators?: { selector?: Record<string, Locator>; check?: Record<string, Locator> };
}

export const BUILTIN_VERSION = '1.0.0';

const catalogues = new WeakMap<Library, LibraryCatalogue>();

/**
 * The exact catalogue of a built-in library object (undefined for any other library, e.g. a
 * plugin that replaced the built-in): what the static checker may treat as certain.
 */
export function builtinCatalogue(lib: Library): LibraryCatalogue | undefined {
  return catalogues.get(lib);
}

/** A built-in library with separate selector and check tables (stdlib.md §1). */
export function builtinLibrary(spec: BuiltinLibrarySpec): Library {
  const selectors = new Map(spec.selectors.map((f) => [f.doc.name, f]));
  const checks = new Map(spec.checks.map((f) => [f.doc.name, f]));
  const library: Library = {
    name: spec.name,
    kind: 'builtin',
    async call(fn, args, ctx) {
      const f = selectors.get(fn);
      if (!f) throw spec.unknownSelector(fn);
      ctx.signal?.throwIfAborted();
      return f.invoke(args, ctx);
    },
    async check(fn, args, ctx) {
      const f = checks.get(fn);
      if (!f) throw spec.unknownCheck(fn);
      ctx.signal?.throwIfAborted();
      return f.invoke(args, ctx);
    },
    async locate(request, ctx) {
      const locator = spec.locators?.[request.table]?.[request.fn];
      return locator ? locator(request, ctx) : [];
    },
    async doc(): Promise<LibraryDoc> {
      return {
        name: spec.name,
        description: spec.description,
        version: BUILTIN_VERSION,
        functions: spec.selectors.map((f) => f.doc),
        checks: spec.checks.map((f) => f.doc),
      };
    },
  };
  const text = (e: LibraryError) => ({ code: e.code, message: e.message });
  catalogues.set(library, {
    name: spec.name,
    exact: true,
    selectors: new Map(spec.selectors.map((f) => [f.doc.name, f.signature])),
    checks: new Map(spec.checks.map((f) => [f.doc.name, f.signature])),
    unknownSelector: (fn) => text(spec.unknownSelector(fn)),
    unknownCheck: (fn) => text(spec.unknownCheck(fn)),
  });
  return library;
}
