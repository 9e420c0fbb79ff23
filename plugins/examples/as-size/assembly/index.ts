// A Hielements plugin in AssemblyScript, built as a core module (ABI v1, wasm-plugins.md §2.2).
// Library `size`:
//   size.lines('src/main.rs')                 → Int, the file's line count
//   check size.max_lines(scope, 300)          → fails on the first file with more lines
// Needs `capabilities.fs = "read"`. The JSON and WASI helpers are the `assemblyscript` plugin template's.

import { Json, Kind, parse, quote } from '../../../../server/plugin-templates/assemblyscript/assembly/json';
import { readWorkspaceFile } from '../../../../server/plugin-templates/assemblyscript/assembly/wasi';

const DOC = `{"name":"size","description":"Line counts of workspace files","version":"0.1.0",
"functions":[{"name":"lines","description":"Number of lines of a file","parameters":[{"name":"path","type":"string","description":"path relative to the workspace"}],"return_type":"integer","example":"size.lines('src/main.rs')"}],
"checks":[{"name":"max_lines","description":"Every file of the scope has at most max lines","parameters":[{"name":"scope","type":"Scope","description":"files to measure"},{"name":"max","type":"integer","description":"largest allowed line count"}],"return_type":"CheckResult","example":"check size.max_lines(src, 300)"}]}`;

// --- ABI v1 plumbing: the host writes requests into `alloc`ed memory and reads replies as ptr<<32|len.

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

function request(ptr: usize, len: i32): Json {
  // The minimal runtime collects only when asked: between calls nothing managed is live.
  __collect();
  return parse(String.UTF8.decodeUnsafe(ptr, len));
}

function countLines(text: string): i32 {
  if (text.length == 0) return 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) == 10) n++;
  return text.charCodeAt(text.length - 1) == 10 ? n : n + 1;
}

function stringArg(args: Json, i: i32): string | null {
  if (args.items.length <= i) return null;
  const s = args.items[i].get('String');
  return s != null && s.kind == Kind.String ? s.str : null;
}

export function library_call(ptr: usize, len: i32): u64 {
  const req = request(ptr, len);
  const fn = req.get('function')!.str;
  const args = req.get('args')!;
  if (fn == 'lines') {
    const path = stringArg(args, 0);
    if (path == null) return reply('{"error":"lines requires a string path"}');
    const text = readWorkspaceFile(path);
    if (text == null) return reply('{"error":' + quote('cannot read ' + path) + '}');
    return reply('{"Int":' + countLines(text).toString() + '}');
  }
  return reply('{"error":' + quote('Unknown function: ' + fn) + '}');
}

export function library_check(ptr: usize, len: i32): u64 {
  const req = request(ptr, len);
  const fn = req.get('function')!.str;
  const args = req.get('args')!;
  if (fn != 'max_lines') return reply('{"error":' + quote('Unknown check: ' + fn) + '}');
  const scope = args.items.length > 0 ? args.items[0].get('Scope') : null;
  const max = args.items.length > 1 ? args.items[1].get('Int') : null;
  if (scope == null || max == null) return reply('{"error":"max_lines requires a scope and an integer"}');
  const paths = scope.get('paths')!;
  for (let i = 0; i < paths.items.length; i++) {
    const path = paths.items[i].str;
    const text = readWorkspaceFile(path);
    if (text == null) return reply('{"error":' + quote('cannot read ' + path) + '}');
    const n = countLines(text);
    if (n > <i32>max.num) {
      return reply('{"passed":false,"message":' + quote(`File '${path}' has ${n} lines (max ${<i32>max.num})`) + '}');
    }
  }
  return reply('{"passed":true}');
}

export function library_name(): u64 {
  return reply('size');
}

export function library_doc(): u64 {
  return reply(DOC);
}
