#!/usr/bin/env node
// The `__NAME__` Hielements plugin: an external process speaking the reference protocol
// (JSON-RPC 2.0 over stdio, one request line in, exactly one response line out; log to stderr).
//
//   scope s = __NAME__.with_text(scope, 'TODO')   the files of `scope` whose text contains 'TODO'
//   check __NAME__.max_lines(scope, 300)           fails on the first file with more lines
//
// An external plugin is NOT sandboxed: it runs with the rights of whoever runs hielements, and
// an editor starts it only in a trusted workspace. Prefer a WebAssembly template when you can.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { createInterface } from 'node:readline';

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

class PluginError extends Error {}

// #region read-file
/** Scope paths are the workspace path joined with the file's (`./docs/a.md` when the
 *  workspace is `.`), relative to the directory hielements runs in, which is also ours. */
function readText(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new PluginError(`cannot read ${path}: ${e.code ?? e.message}`);
  }
}

/** A path as the user knows it: relative to the workspace root. */
const shown = (path, workspace) => relative(workspace, path);
// #endregion read-file

function scopeArg(args, i, fn) {
  const scope = args[i]?.Scope;
  if (!scope || !Array.isArray(scope.paths)) throw new PluginError(`${fn}: argument ${i + 1} must be a scope`);
  return scope;
}

const calls = {
  with_text(args) {
    const scope = scopeArg(args, 0, 'with_text');
    const text = args[1]?.String;
    if (typeof text !== 'string') throw new PluginError('with_text: argument 2 must be a string');
    return { Scope: { kind: scope.kind, paths: scope.paths.filter((p) => readText(p).includes(text)), resolved: true } };
  },
};

const checks = {
  max_lines(args, workspace) {
    const scope = scopeArg(args, 0, 'max_lines');
    const max = args[1]?.Int;
    if (!Number.isInteger(max)) throw new PluginError('max_lines: argument 2 must be an integer');
    for (const path of scope.paths) {
      const text = readText(path);
      const n = text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
      if (n > max) return { Fail: `${shown(path, workspace)} has ${n} lines (max ${max})` };
    }
    return { Pass: null };
  },
};

// #region protocol
function handle({ method, params = {} }) {
  const { function: fn, args = [], workspace = '.' } = params;
  if (method === 'library.call' && calls[fn]) return calls[fn](args, workspace);
  if (method === 'library.check' && checks[fn]) return checks[fn](args, workspace);
  if (method === 'library.doc') return DOC;
  throw new PluginError(method === 'library.call' ? `Unknown function: ${fn}` : method === 'library.check' ? `Unknown check: ${fn}` : `Unknown method: ${method}`);
}

const send = (message) => process.stdout.write(JSON.stringify(message) + '\n');

createInterface({ input: process.stdin, terminal: false }).on('line', (line) => {
  if (line.trim() === '') return;
  let req;
  try {
    req = JSON.parse(line);
  } catch (e) {
    return send({ jsonrpc: '2.0', error: { code: -32700, message: `Parse error: ${e.message}` }, id: null });
  }
  try {
    send({ jsonrpc: '2.0', result: handle(req), id: req.id });
  } catch (e) {
    process.stderr.write(`__NAME__: ${e.message}\n`);
    send({ jsonrpc: '2.0', error: { code: -32000, message: e.message }, id: req.id });
  }
});
// #endregion protocol
