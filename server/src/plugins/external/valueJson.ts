/**
 * Value ⇄ JSON for the external protocol (plugins.md §3.4, §3.5): the tagged encoding
 * sent to plugins, and the lenient decoding of `library.call` / `library.check` results.
 */
import type { Value, ScopeKind } from '../../eval/values';
import { LibraryError, type CheckOutcome } from '../../libraries/library';
import { JsonNumber, isJsonObject, jsonText, type JsonObject, type JsonValue } from './jsonText';

/** serde_json's text for an f64: integral values keep `.0`, exponents have no `+`, non-finite → null. */
export function floatText(n: number): string {
  if (!Number.isFinite(n)) return 'null';
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return `${n}.0`;
  return String(n).replace('e+', 'e');
}

function scopeKindJson(kind: ScopeKind): string {
  if ('File' in kind) return `{"File":${JSON.stringify(kind.File)}}`;
  if ('Folder' in kind) return `{"Folder":${JSON.stringify(kind.Folder)}}`;
  return `{"Glob":${JSON.stringify(kind.Glob)}}`;
}

/** One Value as the reference serialises it (compact, key order fixed). */
export function encodeValue(v: Value): string {
  switch (v.type) {
    case 'null':
      return 'null';
    case 'bool':
      return v.value ? 'true' : 'false';
    case 'int':
      return `{"Int":${Math.trunc(v.value)}}`;
    case 'float':
      return `{"Float":${floatText(v.value)}}`;
    case 'string':
      return `{"String":${JSON.stringify(v.value)}}`;
    case 'list':
      return `{"List":[${v.items.map(encodeValue).join(',')}]}`;
    case 'scope':
      return `{"Scope":{"kind":${scopeKindJson(v.kind)},"paths":[${v.paths.map((p) => JSON.stringify(p)).join(',')}],"resolved":${v.resolved}}}`;
  }
}

function has(o: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

function numberOf(v: JsonValue | undefined): JsonNumber | undefined {
  return v instanceof JsonNumber ? v : undefined;
}

function scopeFromJson(payload: JsonObject): Value {
  const kindJson = payload.kind;
  let kind: ScopeKind = { File: '' };
  if (isJsonObject(kindJson)) {
    if (typeof kindJson.File === 'string') kind = { File: kindJson.File };
    else if (typeof kindJson.Folder === 'string') kind = { Folder: kindJson.Folder };
    else if (typeof kindJson.Glob === 'string') kind = { Glob: kindJson.Glob };
  }
  const paths = Array.isArray(payload.paths) ? payload.paths.filter((p): p is string => typeof p === 'string') : [];
  const resolved = payload.resolved === true;
  return { type: 'scope', kind, paths, resolved };
}

/** Returns undefined where the reference's conversion fails. */
function toValue(j: JsonValue): Value | undefined {
  if (j === null) return { type: 'null' };
  if (typeof j === 'boolean') return { type: 'bool', value: j };
  if (typeof j === 'string') return { type: 'string', value: j };
  if (j instanceof JsonNumber) return j.fitsI64 ? { type: 'int', value: j.value } : { type: 'float', value: j.value };
  if (Array.isArray(j)) return undefined;
  if (has(j, 'String')) return { type: 'string', value: typeof j.String === 'string' ? j.String : '' };
  if (has(j, 'Int')) {
    const n = numberOf(j.Int);
    return { type: 'int', value: n?.fitsI64 ? n.value : 0 };
  }
  if (has(j, 'Float')) return { type: 'float', value: numberOf(j.Float)?.value ?? 0 };
  if (has(j, 'Bool')) return { type: 'bool', value: j.Bool === true };
  if (Array.isArray(j.List)) {
    const items: Value[] = [];
    for (const item of j.List) {
      const v = toValue(item);
      if (!v) return undefined;
      items.push(v);
    }
    return { type: 'list', items };
  }
  if (isJsonObject(j.Scope)) return scopeFromJson(j.Scope);
  return undefined;
}

/** `library.call` result → Value; E508 when the JSON is not a value. */
export function decodeCallResult(result: JsonValue): Value {
  const v = toValue(result);
  if (!v) throw new LibraryError('E508', `Cannot convert JSON to Value: ${jsonText(result)}`);
  return v;
}

/** `library.check` result → outcome; E509 when the JSON is not a check result. */
export function decodeCheckResult(result: JsonValue): CheckOutcome {
  if (typeof result === 'string') {
    const lower = result.toLowerCase();
    if (lower === 'pass' || lower === 'ok' || lower === 'true') return { status: 'pass' };
    if (lower === 'fail' || lower === 'false') return { status: 'fail', message: 'Check failed' };
    return { status: 'fail', message: result };
  }
  if (isJsonObject(result)) {
    if (has(result, 'Pass') || result.result === 'pass') return { status: 'pass' };
    if (has(result, 'Fail')) return { status: 'fail', message: typeof result.Fail === 'string' ? result.Fail : '' };
    if (has(result, 'Error')) return { status: 'error', message: typeof result.Error === 'string' ? result.Error : '' };
    const message = typeof result.message === 'string' ? result.message : undefined;
    if (result.result === 'fail') return { status: 'fail', message: message ?? 'Check failed' };
    if (result.result === 'error') return { status: 'error', message: message ?? 'Check error' };
  }
  throw new LibraryError('E509', `Cannot convert JSON to CheckResult: ${jsonText(result)}`);
}
