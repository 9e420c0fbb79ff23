#!/usr/bin/env node
// Writes dist/cli.cache, the V8 code cache dist/hielements.js starts the CLI with (see scripts/package/cliLoader.js):
// runs the packaged CLI in this process as the command does and saves the bytecode compiled by the end. Two runs of
// the same compiled script, so the cache holds what both need: `check` of a generated 1,000-line spec
// (test-fixtures/bench/gen-hie.js) and `run` of the repository's copy of the reference spec on the reference layout
// (files and rust checks evaluated). Every command is made of these parts.
// Usage (by scripts/package/build.js, in a process of its own): node codeCache.js DIST
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const REPO = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(REPO, 'test-fixtures');
const dist = path.resolve(process.argv[2]);
const { compileCli, runCli } = require(path.join(dist, 'hielements.js'));
const cache = path.join(dist, 'cli.cache');
fs.rmSync(cache, { force: true });
const script = compileCli();
if (!script) {
  console.log('[package] no code cache: this Node cannot run the CLI from a compiled script');
  process.exit(0);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hie-code-cache-'));
const generated = path.join(tmp, 'generated.hie');
execFileSync(process.execPath, [path.join(FIXTURES, 'bench', 'gen-hie.js'), generated, '--lines', '1000', '--seed', '2'], { stdio: 'ignore' });
const runs = [
  ['check', generated],
  ['run', path.join(FIXTURES, 'reference', 'hielements.hie'), '-w', path.join(FIXTURES, 'reference-layout')],
];

// the CLI ends each run with process.exit: the next run starts then, and after the last one the cache is written
const exit = process.exit.bind(process);
const next = (code) => {
  if (code !== 0 && code !== undefined) {
    fs.rmSync(tmp, { recursive: true, force: true });
    console.error(`[package] the code-cache run \`hielements ${process.argv.slice(2).join(' ')}\` exited ${code}: no cache written`);
    exit(1);
  }
  const args = runs.shift();
  if (!args) {
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.writeFileSync(cache, script.createCachedData());
    exit(0);
  }
  process.argv = [process.argv[0], path.join(dist, 'cli.js'), ...args];
  runCli(script);
};
process.exit = next;
next(0);
