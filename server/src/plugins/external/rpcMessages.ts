/**
 * JSON-RPC 2.0 messages of the external protocol (plugins.md §3.3, §3.5), byte-exact
 * with the reference: request key order `jsonrpc, method, params, id`; params keys
 * `args, function, workspace`.
 */
import type { Value } from '../../eval/values';
import { LibraryError } from '../../libraries/library';
import { JsonNumber, JsonSyntaxError, isJsonObject, parseJson, type JsonValue } from './jsonText';
import { encodeValue } from './valueJson';
import { boundedText } from '../../diagnostics/boundedText';

/** How much of an unparsable response an error message shows. */
const SHOWN_RESPONSE_CHARS = 500;

export type RpcMethod = 'library.call' | 'library.check' | 'library.doc' | 'library.metadata';

/** The `params` object of `library.call` / `library.check`. */
export function callParams(fn: string, args: Value[], workspace: string): string {
  return `{"args":[${args.map(encodeValue).join(',')}],"function":${JSON.stringify(fn)},"workspace":${JSON.stringify(workspace)}}`;
}

/** One request line without its trailing newline. `params` is JSON text; omitted when undefined. */
export function requestLine(method: RpcMethod, params: string | undefined, id: number): string {
  const p = params === undefined ? '' : `,"params":${params}`;
  return `{"jsonrpc":"2.0","method":${JSON.stringify(method)}${p},"id":${id}}`;
}

function kindOf(v: JsonValue | undefined): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return `boolean \`${v}\``;
  if (typeof v === 'string') return `string ${JSON.stringify(v)}`;
  if (v instanceof JsonNumber) return v.isIntegerText ? `integer \`${v.text}\`` : `floating point \`${v.text}\``;
  if (Array.isArray(v)) return 'sequence';
  return 'map';
}

/** Envelope problems worded like serde_json's; undefined when the envelope is valid. */
function envelopeProblem(msg: JsonValue): string | undefined {
  if (!isJsonObject(msg)) return `invalid type: ${kindOf(msg)}, expected struct JsonRpcResponse`;
  if (!('jsonrpc' in msg)) return 'missing field `jsonrpc`';
  if (typeof msg.jsonrpc !== 'string') return `invalid type: ${kindOf(msg.jsonrpc)}, expected a string`;
  if (!('id' in msg)) return 'missing field `id`';
  const id = msg.id;
  if (!(id instanceof JsonNumber) || !id.isIntegerText || id.text.startsWith('-')) return `invalid type: ${kindOf(id)}, expected u64`;
  const err = msg.error;
  if (err !== undefined && err !== null) {
    if (!isJsonObject(err)) return `invalid type: ${kindOf(err)}, expected struct JsonRpcError`;
    if (!('code' in err)) return 'missing field `code`';
    const code = err.code;
    if (!(code instanceof JsonNumber) || !code.fitsI64 || Math.abs(code.value) > 2 ** 31) return `invalid type: ${kindOf(code)}, expected i32`;
    if (!('message' in err)) return 'missing field `message`';
    if (typeof err.message !== 'string') return `invalid type: ${kindOf(err.message)}, expected a string`;
  }
  return undefined;
}

/**
 * The `id` of a response line as written (`"3"`), when the line is a JSON object with a
 * valid id; undefined for anything else (garbage, `id: null`), which then goes on to be
 * reported as the answer it failed to be (E506).
 */
export function responseIdText(line: string): string | undefined {
  let msg: JsonValue;
  try {
    msg = parseJson(line);
  } catch {
    return undefined;
  }
  if (!isJsonObject(msg)) return undefined;
  const id = msg.id;
  return id instanceof JsonNumber && id.isIntegerText && !id.text.startsWith('-') ? id.text.replace(/^0+(?=\d)/, '') : undefined;
}

function parseFailure(detail: string, line: string): LibraryError {
  return new LibraryError('E506', `Failed to parse response: ${detail}. Response was: ${boundedText(line.trim(), SHOWN_RESPONSE_CHARS)}`);
}

/**
 * Decode one response line to its `result`. Throws LibraryError: E506 (not a valid
 * response), `E<code>` (the plugin's JSON-RPC error), E507 (no/null result).
 */
export function parseResponse(line: string): JsonValue {
  let msg: JsonValue;
  try {
    msg = parseJson(line);
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw parseFailure(e.message, line);
    throw e;
  }
  const problem = envelopeProblem(msg);
  if (problem !== undefined || !isJsonObject(msg)) throw parseFailure(problem ?? 'invalid response', line);
  const err = msg.error;
  if (isJsonObject(err)) throw new LibraryError(`E${(err.code as JsonNumber).text}`, err.message as string);
  if (msg.result === undefined || msg.result === null) throw new LibraryError('E507', 'External process returned empty result');
  return msg.result;
}
