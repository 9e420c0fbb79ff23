#!/usr/bin/env node
// `npm run demo` (after the build): runs the hielements CLI on test-fixtures/demo and shows
// what each step prints. The demo has failing checks on purpose, so `run` exits 1; this
// script reports that exit code and still exits 0 unless something could not run at all.
'use strict';
const { spawnSync } = require('child_process');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const DEMO = path.join(ROOT, 'test-fixtures', 'demo');
const CLI = path.join(ROOT, 'server', 'bin', 'hielements.js');

function hielements(...args) {
  console.log(`\n$ hielements ${args.join(' ')}        (in test-fixtures/demo)`);
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: DEMO, encoding: 'utf8' });
  if (r.error) throw r.error;
  return r;
}

function show(r) {
  process.stdout.write(r.stdout);
  if (r.stderr) process.stdout.write(r.stderr.replace(/^/gm, '[stderr] '));
  console.log(`(exit code ${r.status})`);
}

function countElements(elements) {
  return elements.reduce((n, e) => n + 1 + countElements(e.children), 0);
}

function countChecks(elements) {
  return elements.reduce((n, e) => n + e.checks.length + countChecks(e.children), 0);
}

function main() {
  console.log('Hielements demo: a Rust crate, a Python package, docs, a TODO-counting process plugin and two WASM plugins (AssemblyScript, Rust)');
  console.log('(test-fixtures/demo/architecture.hie; plugins configured in test-fixtures/demo/hielements.toml)');

  show(hielements('check', 'architecture.hie'));

  const parsed = hielements('parse', 'architecture.hie');
  if (parsed.status === 0) {
    const ast = JSON.parse(parsed.stdout);
    console.log(
      `AST summary: ${ast.imports.length} imports (${ast.imports.map((i) => i.path.Identifier.map((p) => p.name).join('.')).join(', ')}), ` +
        `${countElements(ast.elements)} elements, ${countChecks(ast.elements)} checks`,
    );
    console.log(`(exit code ${parsed.status})`);
  } else {
    show(parsed);
  }

  const run = hielements('run', 'architecture.hie');
  show(run);
  console.log(run.status === 1 ? 'The run exits 1 because some checks fail on purpose (see the FAIL lines above).' : '');

  show(hielements('doc', '--library', 'todo'));

  // what a plugin author sees before configuring a WASM plugin
  show(hielements('plugin', 'inspect', '../../plugins/examples/rust-cargo/cargo.wasm'));
}

try {
  main();
} catch (e) {
  console.error(`demo failed: ${e && e.message}`);
  process.exitCode = 1;
}
