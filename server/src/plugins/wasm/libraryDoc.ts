import type { FunctionDoc, LibraryDoc, ParameterDoc } from '../../libraries/library';

/**
 * A plugin's `library-doc` / `library_doc` JSON (same shape as the external protocol's
 * `library.doc` result, plugins.md §3.5) → LibraryDoc; unusable input → the empty doc.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);

function parameter(p: unknown): ParameterDoc | undefined {
  if (!isObj(p) || typeof p.name !== 'string') return undefined;
  return { name: p.name, param_type: str(p.type ?? p.param_type, 'any'), description: str(p.description) };
}

function functionDoc(f: unknown): FunctionDoc | undefined {
  if (!isObj(f) || typeof f.name !== 'string') return undefined;
  const params = Array.isArray(f.parameters) ? f.parameters.map(parameter) : [];
  const doc: FunctionDoc = {
    name: f.name,
    description: str(f.description),
    parameters: params.filter((p): p is ParameterDoc => p !== undefined),
    return_type: str(f.return_type),
    example: str(f.example),
  };
  // without a (readable) parameter list the static checker must not count arguments
  if (!Array.isArray(f.parameters) || params.some((p) => p === undefined)) doc.parametersKnown = false;
  return doc;
}

export const emptyDoc = (name: string): LibraryDoc => ({ name, description: '', version: '', functions: [], checks: [] });

/** `name` is always the configured name: that is how .hie files refer to the library. */
export function parseLibraryDoc(name: string, text: string | undefined): LibraryDoc {
  if (text === undefined) return emptyDoc(name);
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch {
    return emptyDoc(name);
  }
  if (!isObj(j) || typeof j.name !== 'string') return emptyDoc(name);
  const list = (v: unknown) => (Array.isArray(v) ? v.map(functionDoc).filter((f): f is FunctionDoc => f !== undefined) : []);
  return { name, description: str(j.description), version: str(j.version), functions: list(j.functions), checks: list(j.checks) };
}
