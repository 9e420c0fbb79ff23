#!/usr/bin/env node
// A Hielements external plugin (plugins.md §3): a process speaking JSON-RPC 2.0 over stdio,
// one request per line on stdin, exactly one response line on stdout. Log to stderr only.
//
//   naming.basenames(scope)                    → List of the files' base names
//   check naming.files_match(scope, '^[a-z_]+\\.rs$')   → fails on the first name that does not match
//
// hielements.toml:  naming = { type = "external", executable = "node", args = ["plugins/examples/external-naming/naming.js"] }
'use strict';
const path = require('node:path');
const readline = require('node:readline');

const DOC = {
  name: 'naming',
  description: 'File naming conventions',
  version: '0.1.0',
  functions: [
    { name: 'basenames', description: 'Base names of the files of a scope', parameters: [{ name: 'scope', type: 'Scope', description: 'files' }], return_type: 'list', example: 'naming.basenames(src)' },
  ],
  checks: [
    {
      name: 'files_match',
      description: 'Every file name of the scope matches the regular expression',
      parameters: [
        { name: 'scope', type: 'Scope', description: 'files' },
        { name: 'pattern', type: 'string', description: 'JavaScript regular expression' },
      ],
      return_type: 'CheckResult',
      example: "check naming.files_match(src, '^[a-z_]+\\\\.rs$')",
    },
  ],
};

class PluginError extends Error {}

function scopeArg(args, i) {
  const v = args[i];
  if (!v || typeof v !== 'object' || !v.Scope) throw new PluginError(`argument ${i + 1} must be a scope`);
  return v.Scope.paths ?? [];
}

function stringArg(args, i) {
  const v = args[i];
  if (!v || typeof v !== 'object' || typeof v.String !== 'string') throw new PluginError(`argument ${i + 1} must be a string`);
  return v.String;
}

const calls = {
  basenames: (args) => ({ List: scopeArg(args, 0).map((p) => ({ String: path.basename(p) })) }),
};

const checks = {
  files_match(args) {
    const paths = scopeArg(args, 0);
    let re;
    try {
      re = new RegExp(stringArg(args, 1));
    } catch (e) {
      return { Error: `invalid pattern: ${e.message}` };
    }
    const bad = paths.find((p) => !re.test(path.basename(p)));
    return bad === undefined ? { Pass: null } : { Fail: `${path.basename(bad)} does not match ${re.source}` };
  },
};

function handle(req) {
  const params = req.params ?? {};
  switch (req.method) {
    case 'library.call': {
      const f = calls[params.function];
      if (!f) throw new PluginError(`Unknown function: ${params.function}`);
      return f(params.args ?? []);
    }
    case 'library.check': {
      const f = checks[params.function];
      if (!f) throw new PluginError(`Unknown check: ${params.function}`);
      return f(params.args ?? []);
    }
    case 'library.doc':
      return DOC;
    case 'library.metadata':
      return { name: DOC.name, version: DOC.version, functions: DOC.functions.map((f) => f.name), checks: DOC.checks.map((c) => c.name) };
    default: {
      const e = new PluginError(`Unknown method: ${req.method}`);
      e.code = -32601;
      throw e;
    }
  }
}

const send = (msg) => process.stdout.write(JSON.stringify(msg) + '\n');

readline.createInterface({ input: process.stdin, terminal: false }).on('line', (line) => {
  if (line.trim() === '') return;
  let req;
  try {
    req = JSON.parse(line);
  } catch (e) {
    send({ jsonrpc: '2.0', error: { code: -32700, message: `Parse error: ${e.message}` }, id: null });
    return;
  }
  try {
    send({ jsonrpc: '2.0', result: handle(req), id: req.id });
  } catch (e) {
    process.stderr.write(`naming: ${e.message}\n`);
    send({ jsonrpc: '2.0', error: { code: e.code ?? -32000, message: e.message }, id: req.id });
  }
});
