#!/usr/bin/env node
// A small Hielements plugin (JSON-RPC 2.0, one JSON object per line on stdin/stdout):
// the library `todo` counts TODO markers in the files of a scope.
//   check todo.max_markers(scope, limit)   passes when the scope has at most `limit` markers
//   scope s = todo.marked_files(scope)      the files of `scope` that contain a marker
'use strict';
const fs = require('fs');
const path = require('path');
const readline = require('readline');

const MARKER = /\bTODO\b/g;

const DOC = {
  name: 'todo',
  description: 'Counts TODO markers in the files of a scope.',
  version: '1.0.0',
  functions: [
    {
      name: 'marked_files',
      description: 'The files of a scope that contain at least one TODO marker.',
      parameters: [{ name: 'scope', type: 'Scope', description: 'Files to look at' }],
      return_type: 'Scope',
      example: "scope unfinished = todo.marked_files(src)",
    },
  ],
  checks: [
    {
      name: 'max_markers',
      description: 'Passes when the scope has at most `limit` TODO markers.',
      parameters: [
        { name: 'scope', type: 'Scope', description: 'Files to count in' },
        { name: 'limit', type: 'integer', description: 'Largest allowed number of markers' },
      ],
      return_type: 'CheckResult',
      example: 'check todo.max_markers(src, 0)',
    },
  ],
};

/** Paths as the user knows them: relative to the folder hielements runs in. */
const shown = (file) => (path.isAbsolute(file) ? path.relative(process.cwd(), file) || file : file);

/** Marker positions (`path:line`) in the files of a Scope value. */
function markers(scope) {
  const found = [];
  for (const file of scope.paths) {
    let text;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    text.split('\n').forEach((line, i) => {
      for (const _ of line.matchAll(MARKER)) found.push(`${shown(file)}:${i + 1}`);
    });
  }
  return found;
}

function scopeArg(args, i, fn) {
  const v = args[i];
  if (!v || !v.Scope) throw new Error(`${fn} requires a scope as argument ${i + 1}`);
  return v.Scope;
}

function handle(method, params) {
  if (method === 'library.doc') return DOC;
  const { function: fn, args = [] } = params || {};
  if (method === 'library.call' && fn === 'marked_files') {
    const scope = scopeArg(args, 0, fn);
    const files = scope.paths.filter((f) => markers({ paths: [f] }).length > 0);
    return { Scope: { kind: { Glob: 'todo' }, paths: files, resolved: true } };
  }
  if (method === 'library.check' && fn === 'max_markers') {
    const scope = scopeArg(args, 0, fn);
    const limit = args[1] && (args[1].Int ?? args[1].Float);
    if (typeof limit !== 'number') throw new Error('max_markers requires a number as argument 2');
    const found = markers(scope);
    if (found.length <= limit) return { Pass: null };
    return { Fail: `${found.length} TODO markers (at most ${limit} allowed): ${found.join(', ')}` };
  }
  throw new Error(`Unknown ${method === 'library.call' ? 'function' : 'check'}: ${fn}`);
}

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on('line', (line) => {
  let request;
  try {
    request = JSON.parse(line);
  } catch {
    process.stdout.write(JSON.stringify({ jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' }, id: null }) + '\n');
    return;
  }
  let response;
  try {
    response = { jsonrpc: '2.0', result: handle(request.method, request.params), id: request.id };
  } catch (e) {
    response = { jsonrpc: '2.0', error: { code: -32000, message: e.message }, id: request.id };
  }
  process.stdout.write(JSON.stringify(response) + '\n');
});
