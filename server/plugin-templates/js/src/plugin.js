// The `__NAME__` Hielements plugin in JavaScript, built into a WebAssembly component with
// `jco componentize` (world `plugin-fs` of wit/plugin.wit: it reads workspace files through
// wasi:filesystem, so it needs `capabilities.fs = "read"`).
//
//   scope s = __NAME__.with_text(scope, 'TODO')   the files of `scope` whose text contains 'TODO'
//   check __NAME__.max_lines(scope, 300)           fails on the first file with more lines

// #region read-file
import { getDirectories } from 'wasi:filesystem/preopens@0.2.10';

/** The workspace directory the host maps at /workspace (only when capabilities.fs is granted). */
function workspaceDir() {
  const found = getDirectories().find(([, path]) => path === '/workspace');
  if (!found) throw 'no workspace is mapped: grant `capabilities.fs = "read"`';
  return found[0];
}

/** Text of a workspace file; scope paths are relative to the workspace root. Throws when it cannot be read. */
function readText(path) {
  let file;
  try {
    file = workspaceDir().openAt({ symlinkFollow: true }, path, {}, { read: true });
  } catch (e) {
    throw `cannot read ${path}: ${e?.payload ?? e}`; // the host's refusal (e.g. outside the workspace)
  }
  const chunks = [];
  let offset = 0n; // file offsets are u64: BigInt
  for (;;) {
    const [bytes, eof] = file.read(65536n, offset);
    chunks.push(bytes);
    offset += BigInt(bytes.length);
    if (eof || bytes.length === 0) break;
  }
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  chunks.reduce((at, c) => (all.set(c, at), at + c.length), 0);
  return new TextDecoder().decode(all);
}
// #endregion read-file

const DOC = {
  name: '__NAME__',
  description: 'Line counts and text search in workspace files',
  version: '0.1.0',
  functions: [
    {
      name: 'with_text',
      description: 'The files of a scope whose text contains a string',
      parameters: [
        { name: 'scope', type: 'Scope', description: 'files to search' },
        { name: 'text', type: 'string', description: 'text to look for' },
      ],
      return_type: 'Scope',
      example: "scope unfinished = __NAME__.with_text(src, 'TODO')",
    },
  ],
  checks: [
    {
      name: 'max_lines',
      description: 'Every file of the scope has at most max lines',
      parameters: [
        { name: 'scope', type: 'Scope', description: 'files to measure' },
        { name: 'max', type: 'integer', description: 'largest allowed line count' },
      ],
      return_type: 'CheckResult',
      example: 'check __NAME__.max_lines(src, 300)',
    },
  ],
};

const lineCount = (text) => (text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0));

/** Argument i as a Scope (`{"Scope": {"kind": …, "paths": [...], "resolved": true}}`). */
function scopeArg(args, i, fn) {
  const scope = args[i]?.Scope;
  if (!scope || !Array.isArray(scope.paths)) throw `${fn}: argument ${i + 1} must be a scope`;
  return scope;
}

// #region exports
// The WIT interface `library`: arguments arrive as JSON text (tagged Values); a selector returns
// a Value as JSON text, a check { passed, message? }; throwing a string is the `err` result.
export const library = {
  libraryName() {
    return '__NAME__';
  },
  libraryDoc() {
    return JSON.stringify(DOC);
  },
  libraryCall(fn, argsJson, workspace) {
    const args = JSON.parse(argsJson);
    if (fn !== 'with_text') throw `Unknown function: ${fn}`;
    const scope = scopeArg(args, 0, fn);
    const text = args[1]?.String;
    if (typeof text !== 'string') throw 'with_text: argument 2 must be a string';
    const paths = scope.paths.filter((p) => readText(p).includes(text));
    return JSON.stringify({ Scope: { kind: scope.kind, paths, resolved: true } });
  },
  libraryCheck(fn, argsJson, workspace) {
    const args = JSON.parse(argsJson);
    if (fn !== 'max_lines') throw `Unknown check: ${fn}`;
    const scope = scopeArg(args, 0, fn);
    const max = args[1]?.Int;
    if (typeof max !== 'number') throw 'max_lines: argument 2 must be an integer';
    for (const path of scope.paths) {
      const n = lineCount(readText(path));
      if (n > max) return { passed: false, message: `${path} has ${n} lines (max ${max})` };
    }
    return { passed: true };
  },
};
// #endregion exports
