import type { FunctionDoc, LibraryDoc } from './library';

/**
 * What a library's functions expect, for the static checker (staticCheck/): names, parameters
 * with the value types they accept, return types. A built-in's catalogue is *exact* — its
 * run-time argument rules and error texts are the ones below — while a plugin's comes from its
 * documentation, which nothing enforces.
 */

/** Run-time value types (eval/values.ts) as the checker sees them. */
export type ValueType = 'null' | 'bool' | 'int' | 'float' | 'string' | 'list' | 'scope';

/** The error a built-in raises when this argument is missing or of the wrong type. */
export interface ArgumentError {
  code: string;
  message: string;
}

export interface ParamSignature {
  name: string;
  /** As documented (`string`, `Scope`, `integer`, …). */
  docType: string;
  /** Value types the function accepts here; undefined: anything (or not known). */
  accepts: ReadonlySet<ValueType> | undefined;
  /** Exact catalogues only. */
  error?: ArgumentError;
}

export interface FunctionSignature {
  name: string;
  /** Undefined when the library names the function without describing its parameters. */
  params: ParamSignature[] | undefined;
  /** The value a selector returns, when known (`Scope` → `scope`). */
  returns: ValueType | undefined;
  doc: FunctionDoc;
}

export interface LibraryCatalogue {
  name: string;
  /** True for built-ins: a call the catalogue rejects fails at run time, with `unknown…`/`error` texts. */
  exact: boolean;
  selectors: ReadonlyMap<string, FunctionSignature>;
  checks: ReadonlyMap<string, FunctionSignature>;
  /** The run-time error for an unknown selector / check (exact catalogues). */
  unknownSelector?(fn: string): ArgumentError;
  unknownCheck?(fn: string): ArgumentError;
}

const TYPES: Record<string, ValueType[]> = {
  string: ['string'],
  str: ['string'],
  scope: ['scope'],
  integer: ['int', 'float'],
  int: ['int', 'float'],
  number: ['int', 'float'],
  float: ['int', 'float'],
  bool: ['bool'],
  boolean: ['bool'],
  list: ['list'],
  array: ['list'],
};

/** The value types a documented parameter type stands for; undefined for `any` and names we do not know. */
export function acceptedTypes(docType: string): ReadonlySet<ValueType> | undefined {
  const known = TYPES[docType.trim().toLowerCase()];
  return known ? new Set(known) : undefined;
}

/** `Scope` → `scope`; other return types (`CheckResult`, `any`, …) say nothing certain about a value. */
export function returnType(docType: string): ValueType | undefined {
  const t = docType.trim().toLowerCase();
  return t === 'scope' ? 'scope' : t === 'string' || t === 'str' ? 'string' : undefined;
}

export function signatureOf(doc: FunctionDoc): FunctionSignature {
  return {
    name: doc.name,
    params: doc.parametersKnown === false ? undefined : doc.parameters.map((p) => ({ name: p.name, docType: p.param_type, accepts: acceptedTypes(p.param_type) })),
    returns: returnType(doc.return_type),
    doc,
  };
}

/**
 * A plugin's catalogue from its documentation, or undefined when the documentation describes no
 * function at all (the reference's fallback entry, an empty WASM doc): the library is then
 * opaque, never wrong.
 */
export function catalogueOfDoc(name: string, doc: LibraryDoc): LibraryCatalogue | undefined {
  if (doc.functions.length === 0 && doc.checks.length === 0) return undefined;
  return {
    name,
    exact: false,
    selectors: new Map(doc.functions.map((f) => [f.name, signatureOf(f)])),
    checks: new Map(doc.checks.map((f) => [f.name, signatureOf(f)])),
  };
}
