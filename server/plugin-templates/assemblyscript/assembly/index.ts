// The `__NAME__` Hielements plugin in AssemblyScript: a WebAssembly core module (ABI v1).
//
//   scope s = __NAME__.with_text(scope, 'TODO')   the files of `scope` whose text contains 'TODO'
//   check __NAME__.max_lines(scope, 300)           fails on the first file with more lines
//
// Needs `capabilities.fs = "read"`. json.ts reads and writes JSON, wasi.ts reads files.

import { Json, Kind, parse, quote, stringify } from './json';
import { readWorkspaceFile } from './wasi';

const DOC = `{"name":"__NAME__","description":"Line counts and text search in workspace files","version":"0.1.0",
"functions":[{"name":"with_text","description":"The files of a scope whose text contains a string","parameters":[{"name":"scope","type":"Scope","description":"files to search"},{"name":"text","type":"string","description":"text to look for"}],"return_type":"Scope","example":"scope unfinished = __NAME__.with_text(src, 'TODO')"}],
"checks":[{"name":"max_lines","description":"Every file of the scope has at most max lines","parameters":[{"name":"scope","type":"Scope","description":"files to measure"},{"name":"max","type":"integer","description":"largest allowed line count"}],"return_type":"CheckResult","example":"check __NAME__.max_lines(src, 300)"}]}`;

// #region abi
// ABI v1: the host writes the request into `alloc`ed memory, reads the reply at ptr << 32 | len,
// then frees both with `dealloc`.
export function alloc(len: i32): usize {
  return heap.alloc(len);
}

export function dealloc(ptr: usize, len: i32): void {
  heap.free(ptr);
}

function reply(text: string): u64 {
  const bytes = String.UTF8.encode(text);
  const len = bytes.byteLength;
  const out = heap.alloc(len);
  memory.copy(out, changetype<usize>(bytes), len);
  return (<u64>out << 32) | <u64>len;
}

/** `{"function": "...", "args": [<Value>...], "workspace": "/workspace" | ""}` */
function request(ptr: usize, len: i32): Json {
  // The minimal runtime collects only when asked: between calls nothing managed is live.
  __collect();
  return parse(String.UTF8.decodeUnsafe(ptr, len));
}

const error = (message: string): u64 => reply('{"error":' + quote(message) + '}');
// #endregion abi

function countLines(text: string): i32 {
  if (text.length == 0) return 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) == 10) n++;
  return text.charCodeAt(text.length - 1) == 10 ? n : n + 1;
}

/** The Scope value of argument i (`{"Scope": {"kind": …, "paths": [...], "resolved": true}}`), or null. */
function scopeArg(args: Json, i: i32): Json | null {
  return args.items.length > i ? args.items[i].get('Scope') : null;
}

export function library_call(ptr: usize, len: i32): u64 {
  const req = request(ptr, len);
  const fn = req.get('function')!.str;
  const args = req.get('args')!;
  if (fn != 'with_text') return error('Unknown function: ' + fn);
  const scope = scopeArg(args, 0);
  const text = args.items.length > 1 ? args.items[1].get('String') : null;
  if (scope == null || text == null) return error('with_text requires a scope and a string');
  const paths = scope.get('paths')!;
  const found: string[] = [];
  for (let i = 0; i < paths.items.length; i++) {
    const path = paths.items[i].str;
    const content = readWorkspaceFile(path);
    if (content == null) return error('cannot read ' + path);
    if (content.includes(text.str)) found.push(quote(path));
  }
  const kind = scope.get('kind');
  return reply('{"Scope":{"kind":' + (kind != null ? stringify(kind) : 'null') + ',"paths":[' + found.join(',') + '],"resolved":true}}');
}

export function library_check(ptr: usize, len: i32): u64 {
  const req = request(ptr, len);
  const fn = req.get('function')!.str;
  const args = req.get('args')!;
  if (fn != 'max_lines') return error('Unknown check: ' + fn);
  const scope = scopeArg(args, 0);
  const max = args.items.length > 1 ? args.items[1].get('Int') : null;
  if (scope == null || max == null || max.kind != Kind.Number) return error('max_lines requires a scope and an integer');
  const paths = scope.get('paths')!;
  for (let i = 0; i < paths.items.length; i++) {
    const path = paths.items[i].str;
    const text = readWorkspaceFile(path);
    if (text == null) return error('cannot read ' + path);
    const n = countLines(text);
    if (n > <i32>max.num) return reply('{"passed":false,"message":' + quote(`${path} has ${n} lines (max ${<i32>max.num})`) + '}');
  }
  return reply('{"passed":true}');
}

export function library_name(): u64 {
  return reply('__NAME__');
}

export function library_doc(): u64 {
  return reply(DOC);
}
