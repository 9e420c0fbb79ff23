/**
 * Documentation of an external library (plugins.md §3.5 "library.doc result"): the
 * `library.doc` result, else the upstream `library.metadata` result (names only), else
 * the reference's fallback entry.
 */
import type { FunctionDoc, LibraryDoc, ParameterDoc } from '../../libraries/library';
import { isJsonObject, type JsonValue } from './jsonText';

const text = (v: JsonValue | undefined): string => (typeof v === 'string' ? v : '');

function parameterDoc(j: JsonValue): ParameterDoc | undefined {
  if (!isJsonObject(j) || typeof j.name !== 'string') return undefined;
  return { name: j.name, param_type: typeof j.type === 'string' ? j.type : 'any', description: text(j.description) };
}

function functionDoc(j: JsonValue): FunctionDoc | undefined {
  if (!isJsonObject(j) || typeof j.name !== 'string') return undefined;
  const described = j.parameters !== undefined && j.parameters !== null;
  const params = described ? j.parameters : [];
  if (!Array.isArray(params)) return undefined;
  const parameters = params.map(parameterDoc);
  if (parameters.some((p) => p === undefined)) return undefined;
  const doc: FunctionDoc = {
    name: j.name,
    description: text(j.description),
    parameters: parameters as ParameterDoc[],
    return_type: text(j.return_type),
    example: text(j.example),
  };
  // without a parameter list the static checker must not count arguments
  if (!described) doc.parametersKnown = false;
  return doc;
}

function functionList(j: JsonValue | undefined, item: (j: JsonValue) => FunctionDoc | undefined): FunctionDoc[] | undefined {
  if (j === undefined || j === null) return [];
  if (!Array.isArray(j)) return undefined;
  const out = j.map(item);
  return out.some((f) => f === undefined) ? undefined : (out as FunctionDoc[]);
}

/** A `library.doc` result, or undefined when it does not have the documented shape. */
export function docFromResult(j: JsonValue): LibraryDoc | undefined {
  if (!isJsonObject(j) || typeof j.name !== 'string') return undefined;
  const functions = functionList(j.functions, functionDoc);
  const checks = functionList(j.checks, functionDoc);
  if (!functions || !checks) return undefined;
  return { name: j.name, description: text(j.description), version: text(j.version), functions, checks };
}

function nameOnly(j: JsonValue): FunctionDoc | undefined {
  if (typeof j === 'string') return { name: j, description: '', parameters: [], return_type: '', example: '', parametersKnown: false };
  return functionDoc(j);
}

/** A `library.metadata` result (`{name, version, functions: [names], checks: [names]}`); `description` comes from the fallback. */
export function docFromMetadata(j: JsonValue, description: string): LibraryDoc | undefined {
  if (!isJsonObject(j) || typeof j.name !== 'string') return undefined;
  const functions = functionList(j.functions, nameOnly);
  const checks = functionList(j.checks, nameOnly);
  if (!functions || !checks) return undefined;
  return { name: j.name, description: text(j.description) || description, version: text(j.version), functions, checks };
}

/** The reference's catalogue entry for a plugin that does not document itself. */
export function fallbackDoc(name: string, program: string): LibraryDoc {
  return { name, description: `External library: ${program}`, version: '0.1.0', functions: [], checks: [] };
}
