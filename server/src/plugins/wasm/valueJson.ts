import type { Value } from '../../eval/values';
import { LibraryError, type CheckOutcome } from '../../libraries/library';

/** Values crossing the plugin boundary, in the tagged JSON encoding of plugins.md §3.4/§3.5. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Host → plugin (plugins.md §3.4). */
export function encodeValue(v: Value): Json {
  switch (v.type) {
    case 'null':
      return null;
    case 'bool':
      return v.value;
    case 'int':
      return { Int: v.value };
    case 'float':
      return { Float: v.value };
    case 'string':
      return { String: v.value };
    case 'list':
      return { List: v.items.map(encodeValue) };
    case 'scope':
      return { Scope: { kind: v.kind as unknown as Json, paths: v.paths, resolved: v.resolved } };
  }
}

const isObject = (j: Json): j is { [key: string]: Json } => typeof j === 'object' && j !== null && !Array.isArray(j);

class NotAValue extends Error {}

function decode(j: Json): Value {
  if (j === null) return { type: 'null' };
  if (typeof j === 'boolean') return { type: 'bool', value: j };
  if (typeof j === 'number') return Number.isInteger(j) && Number.isSafeInteger(j) ? { type: 'int', value: j } : { type: 'float', value: j };
  if (typeof j === 'string') return { type: 'string', value: j };
  if (!isObject(j)) throw new NotAValue();
  if ('String' in j) return { type: 'string', value: typeof j.String === 'string' ? j.String : '' };
  if ('Int' in j) return { type: 'int', value: typeof j.Int === 'number' && Number.isInteger(j.Int) ? j.Int : 0 };
  if ('Float' in j) return { type: 'float', value: typeof j.Float === 'number' ? j.Float : 0 };
  if ('Bool' in j) return { type: 'bool', value: typeof j.Bool === 'boolean' ? j.Bool : false };
  if ('List' in j && Array.isArray(j.List)) return { type: 'list', items: j.List.map(decode) };
  if ('Scope' in j && isObject(j.Scope)) {
    const s = j.Scope;
    const k = isObject(s.kind) ? s.kind : {};
    const kind =
      typeof k.File === 'string' ? { File: k.File } : typeof k.Folder === 'string' ? { Folder: k.Folder } : typeof k.Glob === 'string' ? { Glob: k.Glob } : { File: '' };
    const paths = Array.isArray(s.paths) ? s.paths.filter((p): p is string => typeof p === 'string') : [];
    return { type: 'scope', kind, paths, resolved: typeof s.resolved === 'boolean' ? s.resolved : false };
  }
  throw new NotAValue();
}

/** Plugin → host: a call result (plugins.md §3.5 "library.call result"); E508 when not a Value. */
export function decodeValue(j: Json): Value {
  try {
    return decode(j);
  } catch (e) {
    if (e instanceof NotAValue) throw new LibraryError('E508', `Cannot convert JSON to Value: ${JSON.stringify(j)}`);
    throw e;
  }
}

/** Plugin error codes (documented in plugins/README.md). */
export const WasmErrorCode = {
  /** The plugin reported an error (`err` / `{"error": …}`). */
  pluginError: 'E605',
  /** The call ran past `limits.timeout_ms`. */
  timeout: 'E606',
  /** The plugin trapped (unreachable, out of memory, exit, …). */
  trap: 'E607',
  /** The plugin's reply is not valid JSON / not the expected shape. */
  badReply: 'E608',
  /** The plugin could not be loaded or started. */
  load: 'E604',
} as const;

/** Parse a reply's JSON text; E608 on invalid JSON. */
export function parseReply(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch (e) {
    throw new LibraryError(WasmErrorCode.badReply, `Failed to parse plugin reply: ${(e as Error).message}. Reply was: ${text.trim().slice(0, 200)}`);
  }
}

/** Core ABI `library_call` reply: a Value or `{"error": "…"}`. */
export function decodeCoreCallReply(text: string): Value {
  const j = parseReply(text);
  if (isObject(j) && typeof j.error === 'string') throw new LibraryError(WasmErrorCode.pluginError, j.error);
  return decodeValue(j);
}

/** Core ABI `library_check` reply: `{"passed": bool, "message"?: string}` or `{"error": "…"}`. */
export function decodeCoreCheckReply(text: string): CheckOutcome {
  const j = parseReply(text);
  if (isObject(j) && typeof j.error === 'string') throw new LibraryError(WasmErrorCode.pluginError, j.error);
  if (isObject(j) && typeof j.passed === 'boolean') {
    return checkOutcome(j.passed, typeof j.message === 'string' ? j.message : undefined);
  }
  throw new LibraryError('E509', `Cannot convert JSON to CheckResult: ${JSON.stringify(j)}`);
}

/** `check-result { passed, message }` → CheckOutcome; a failure without a message reads "Check failed". */
export function checkOutcome(passed: boolean, message: string | undefined): CheckOutcome {
  return passed ? { status: 'pass' } : { status: 'fail', message: message ?? 'Check failed' };
}
